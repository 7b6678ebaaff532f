package rules.ocp;

import archive.JsonParts;
import com.fasterxml.jackson.databind.JsonNode;
import rules.Requirements;
import rules.RuleContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods of {@code openshift-*} namespaces as the insights-operator gathers them: the pods of unhealthy
 * operators in {@code config/pod/<ns>/<pod>.json}, and in newer archives
 * {@code namespaces/<ns>/pods/<pod>/<pod>.json} or under {@code conditional/}.
 */
final class Pods {

    static final List<String> FILES = List.of(
            "config/pod/openshift-*/*.json",
            "namespaces/openshift-*/pods/*/*.json",
            "conditional/namespaces/openshift-*/pods/*/*.json");

    /** What the pod rules read; the spec and managed fields, most of a pod's bytes, are skipped. */
    static final JsonParts PARTS = JsonParts.of("/kind", "/metadata/name", "/metadata/namespace", "/status");

    private Pods() {
    }

    static Requirements requirements() {
        return Requirements.builder().any(FILES.toArray(String[]::new)).build();
    }

    /**
     * The gathered pods of {@code openshift-*} namespaces whose JSON mentions one of {@code mentions}
     * (e.g. a waiting reason). Pods are the largest files a rule reads; one that does not even contain
     * the text a rule looks for is not parsed at all.
     */
    static List<JsonNode> openshiftPods(RuleContext context, String... mentions) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (String glob : FILES) {
            for (String path : context.files().paths(glob)) {
                if (!context.files().containsAny(path, mentions)) {
                    continue;
                }
                JsonNode pod = context.files().json(path, PARTS).orElseThrow();
                String namespace = Resources.namespace(pod);
                if (pod.path("kind").isMissingNode() || "Pod".equals(pod.path("kind").asText())) {
                    if (namespace != null && namespace.startsWith("openshift-")) {
                        byName.putIfAbsent(namespace + "/" + Resources.name(pod), pod);
                    }
                }
            }
        }
        return new ArrayList<>(byName.values());
    }

    /** Regular and init containers' statuses. */
    static List<JsonNode> containerStatuses(JsonNode pod) {
        List<JsonNode> out = new ArrayList<>();
        pod.path("status").path("initContainerStatuses").forEach(out::add);
        pod.path("status").path("containerStatuses").forEach(out::add);
        return out;
    }

    static Map<String, Object> container(JsonNode pod, JsonNode status) {
        return Details.map(
                "namespace", Resources.namespace(pod),
                "pod", Resources.name(pod),
                "container", Resources.text(status.path("name")),
                "restarts", status.path("restartCount").asInt(0));
    }
}

package k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pod-running object of a rendered overlay (a Camel K Integration or Pipe, or an apps/v1
 * Deployment) with the environment its container sees, resolved as Kubernetes and the Camel K
 * operator resolve it: {@code envFrom} ConfigMaps and Secrets first, then the container's
 * {@code env}, then (Camel K) the environment trait's {@code vars}, later entries winning.
 * Secrets that are not in the render (the credentials template is applied apart) add nothing.
 */
public record Workload(String kind, String name, String namespace, JsonNode object, Map<String, String> env) {
    /** The stage switches of {@code app.PipelineMain}, as environment variables. */
    public static final List<String> STAGES = List.of("SQS_LISTENER", "UPLOAD_LISTENER", "ARCHIVE_SYNC", "RULES",
            "FEATURES", "PARQUET_FACTORY", "THANOS_POLL");

    /** Every workload of a render, with its resolved environment. */
    public static List<Workload> of(List<Manifests.Doc> docs) {
        Map<String, JsonNode> data = new LinkedHashMap<>();
        for (Manifests.Doc d : docs) {
            if (d.kind().equals("ConfigMap") || d.kind().equals("Secret")) {
                data.put(d.kind() + "/" + d.name(), d.node().path(d.kind().equals("Secret") ? "stringData" : "data"));
            }
        }
        List<Workload> out = new ArrayList<>();
        for (Manifests.Doc d : docs) {
            JsonNode podSpec = switch (d.kind()) {
                case "Integration" -> d.node().path("spec").path("template").path("spec");
                case "Deployment" -> d.node().path("spec").path("template").path("spec");
                case "Pipe" -> d.node().path("spec").path("integration").path("template").path("spec");
                default -> null;
            };
            if (podSpec == null) {
                continue;
            }
            Map<String, String> env = new LinkedHashMap<>();
            JsonNode container = podSpec.path("containers").path(0);
            for (JsonNode from : container.path("envFrom")) {
                JsonNode src = from.has("configMapRef")
                        ? data.get("ConfigMap/" + from.path("configMapRef").path("name").asText())
                        : data.get("Secret/" + from.path("secretRef").path("name").asText());
                if (src != null) {
                    src.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
                }
            }
            for (JsonNode e : container.path("env")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
            for (JsonNode v : d.node().path("spec").path("traits").path("environment").path("vars")) {
                String var = v.asText();
                int eq = var.indexOf('=');
                String value = var.substring(eq + 1);
                if (value.startsWith("configmap:") || value.startsWith("secret:")) {
                    String kind = value.startsWith("configmap:") ? "ConfigMap/" : "Secret/";
                    String ref = value.substring(value.indexOf(':') + 1);
                    JsonNode src = data.get(kind + ref.substring(0, ref.indexOf('/')));
                    value = src == null ? "" : src.path(ref.substring(ref.indexOf('/') + 1)).asText("");
                }
                env.put(var.substring(0, eq), value);
            }
            out.add(new Workload(d.kind(), d.name(), d.node().path("metadata").path("namespace").asText(""),
                    d.node(), env));
        }
        return out;
    }

    /** Whether {@code app.PipelineMain} starts this stage here (a switch left out keeps the jar's default). */
    public boolean runs(String stage, Map<String, String> jarDefaults) {
        String key = "CCX_STAGES_" + stage;
        return Boolean.parseBoolean(env.getOrDefault(key, jarDefaults.getOrDefault(key, "false")));
    }

    /** The environments this workload's stages serve (CCX_ENVS). */
    public List<String> envs() {
        return List.of(env.getOrDefault("CCX_ENVS", "").split(","));
    }
}

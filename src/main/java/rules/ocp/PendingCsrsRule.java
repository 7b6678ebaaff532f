package rules.ocp;

import com.fasterxml.jackson.databind.JsonNode;
import rules.Requirements;
import rules.RuleContext;
import rules.RuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Certificate signing requests that are neither approved nor denied. Pending kubelet CSRs
 * ({@code system:node:*} or the node bootstrapper) are the usual cause of nodes that cannot join, and
 * of {@code oc logs}/{@code exec} failing with TLS errors once serving certificates expire. The
 * insights-operator anonymizes CSRs into Go field names ({@code ObjectMeta}, {@code Spec.Username},
 * {@code Status.Conditions}); the Kubernetes lower-case form is read as well.
 */
public final class PendingCsrsRule extends OcpRule {

    static final String PENDING = "PENDING_CSRS";
    static final String FILES = "config/certificatesigningrequests/*.json";

    public PendingCsrsRule() {
        super("pending_csrs", List.of(PENDING), Requirements.builder().all(FILES).build());
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        List<Map<String, Object>> pending = new ArrayList<>();
        int nodeRequests = 0;
        for (JsonNode csr : context.jsonFiles(FILES).values()) {
            if (decided(field(csr, "status"))) {
                continue;
            }
            JsonNode meta = field(csr, "metadata").isMissingNode() ? field(csr, "ObjectMeta") : field(csr, "metadata");
            String username = Resources.text(field(field(csr, "spec"), "username"));
            boolean node = username != null && (username.startsWith("system:node:")
                    || username.endsWith(":node-bootstrapper"));
            nodeRequests += node ? 1 : 0;
            pending.add(Details.map(
                    "name", Resources.text(field(meta, "name")),
                    "username", username,
                    "created", Resources.text(field(meta, "creationTimestamp")),
                    "node_request", node));
        }
        if (pending.isEmpty()) {
            return RuleResult.pass();
        }
        return RuleResult.hit(PENDING, Details.map("csrs", pending, "count", pending.size(), "node_requests", nodeRequests));
    }

    /** Approved, Denied or Failed: the request is settled either way. */
    private static boolean decided(JsonNode status) {
        for (JsonNode condition : field(status, "conditions")) {
            String type = Resources.text(field(condition, "type"));
            if ("Approved".equals(type) || "Denied".equals(type) || "Failed".equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** A field by its Kubernetes name or its Go (capitalized) name. */
    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.path(name);
        if (!value.isMissingNode()) {
            return value;
        }
        return node.path(Character.toUpperCase(name.charAt(0)) + name.substring(1));
    }
}

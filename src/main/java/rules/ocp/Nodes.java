package rules.ocp;

import archive.JsonParts;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reading Node resources ({@code config/node/*.json}). */
final class Nodes {

    static final String FILES = "config/node/*.json";
    private static final String ROLE_LABEL = "node-role.kubernetes.io/";

    /**
     * What the node rules read. {@code status.images} (every image on the node, often the bulk of a
     * node's JSON on a real cluster) and the managed fields are skipped.
     */
    static final JsonParts PARTS = JsonParts.of("/metadata/name", "/metadata/labels", "/status/conditions",
            "/status/capacity", "/status/nodeInfo", "/status/addresses");

    private Nodes() {
    }

    /** Roles from the {@code node-role.kubernetes.io/<role>} labels, e.g. ["master"]. */
    static List<String> roles(JsonNode node) {
        List<String> roles = new ArrayList<>();
        Iterator<String> labels = node.path("metadata").path("labels").fieldNames();
        while (labels.hasNext()) {
            String label = labels.next();
            if (label.startsWith(ROLE_LABEL) && label.length() > ROLE_LABEL.length()) {
                roles.add(label.substring(ROLE_LABEL.length()));
            }
        }
        return roles;
    }

    static boolean isControlPlane(JsonNode node) {
        List<String> roles = roles(node);
        return roles.contains("master") || roles.contains("control-plane");
    }

    /** The node as a {@code nodes[]} detail object. */
    static Map<String, Object> summary(JsonNode node) {
        return Details.map("name", Resources.name(node), "roles", String.join(",", roles(node)));
    }

    /** InternalIP addresses. */
    static List<String> internalIps(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode address : node.path("status").path("addresses")) {
            if ("InternalIP".equals(Resources.text(address.path("type")))) {
                String ip = Resources.text(address.path("address"));
                if (ip != null) {
                    out.add(ip);
                }
            }
        }
        return out;
    }
}

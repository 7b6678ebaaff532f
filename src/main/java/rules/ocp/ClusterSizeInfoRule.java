package rules.ocp;

import com.fasterxml.jackson.databind.JsonNode;
import rules.Requirements;
import rules.RuleContext;
import rules.RuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Info: the cluster's size and shape: nodes by role, their CPU and memory, and the platform. */
public final class ClusterSizeInfoRule extends OcpRule {

    static final String INFO = "CLUSTER_SIZE_INFO";
    static final String INFRASTRUCTURE = "config/infrastructure";

    public ClusterSizeInfoRule() {
        super("cluster_size_info", List.of(INFO), Requirements.builder()
                .all(Nodes.FILES)
                .optionalResource(INFRASTRUCTURE)
                .build());
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        int controlPlane = 0;
        double cpu = 0;
        double memory = 0;
        for (JsonNode node : context.jsonFiles(Nodes.FILES, Nodes.PARTS).values()) {
            JsonNode capacity = node.path("status").path("capacity");
            OptionalDouble nodeCpu = Quantity.parse(Resources.text(capacity.path("cpu")));
            OptionalDouble nodeMemory = Quantity.parse(Resources.text(capacity.path("memory")));
            cpu += nodeCpu.orElse(0);
            memory += nodeMemory.orElse(0);
            controlPlane += Nodes.isControlPlane(node) ? 1 : 0;
            Map<String, Object> entry = Nodes.summary(node);
            entry.put("cpu", nodeCpu.isPresent() ? nodeCpu.getAsDouble() : null);
            entry.put("memory_bytes", nodeMemory.isPresent() ? (long) nodeMemory.getAsDouble() : null);
            entry.put("kubelet_version", Resources.text(node.path("status").path("nodeInfo").path("kubeletVersion")));
            entry.put("ready", Resources.conditionStatus(node, "Ready"));
            nodes.add(entry);
        }
        String platform = context.resource(INFRASTRUCTURE).map(infrastructure -> {
            JsonNode status = infrastructure.path("status");
            String type = Resources.text(status.path("platformStatus").path("type"));
            return type != null ? type : Resources.text(status.path("platform"));
        }).orElse(null);
        return RuleResult.info(INFO, Details.map(
                "platform", platform,
                "node_count", nodes.size(),
                "control_plane_nodes", controlPlane,
                "other_nodes", nodes.size() - controlPlane,
                "total_cpu", cpu,
                "total_memory_bytes", (long) memory,
                "nodes", nodes));
    }
}

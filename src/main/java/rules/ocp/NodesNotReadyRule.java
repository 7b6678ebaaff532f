package rules.ocp;

import com.fasterxml.jackson.databind.JsonNode;
import rules.Requirements;
import rules.RuleContext;
import rules.RuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Nodes whose kubelet does not report {@code Ready=True} (False: unhealthy, Unknown: the kubelet stopped
 * reporting), and nodes under memory, disk or PID pressure, where the kubelet starts evicting pods.
 */
public final class NodesNotReadyRule extends OcpRule {

    static final String NOT_READY = "NODE_NOT_READY";
    static final String PRESSURE = "NODE_UNDER_PRESSURE";
    private static final List<String> PRESSURES = List.of("MemoryPressure", "DiskPressure", "PIDPressure");

    public NodesNotReadyRule() {
        super("nodes_not_ready", List.of(NOT_READY, PRESSURE), Requirements.builder().all(Nodes.FILES).build());
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        List<Map<String, Object>> notReady = new ArrayList<>();
        List<Map<String, Object>> pressured = new ArrayList<>();
        for (JsonNode node : context.jsonFiles(Nodes.FILES, Nodes.PARTS).values()) {
            JsonNode ready = Resources.condition(node, "Ready");
            if (!"True".equals(Resources.text(ready.path("status")))) {
                Map<String, Object> entry = Nodes.summary(node);
                entry.put("ready", ready.isMissingNode() ? "Missing" : Resources.text(ready.path("status")));
                entry.putAll(Resources.describe(ready));
                notReady.add(entry);
            }
            List<String> pressures = PRESSURES.stream()
                    .filter(type -> Resources.conditionIs(node, type, "True")).toList();
            if (!pressures.isEmpty()) {
                Map<String, Object> entry = Nodes.summary(node);
                entry.put("conditions", pressures);
                pressured.add(entry);
            }
        }
        List<RuleResult.Hit> hits = new ArrayList<>();
        if (!notReady.isEmpty()) {
            hits.add(new RuleResult.Hit(NOT_READY, Details.map("nodes", notReady)));
        }
        if (!pressured.isEmpty()) {
            hits.add(new RuleResult.Hit(PRESSURE, Details.map("nodes", pressured)));
        }
        return hits.isEmpty() ? RuleResult.pass() : RuleResult.hits(hits);
    }
}

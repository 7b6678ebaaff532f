package rules.ocp;

import com.fasterxml.jackson.databind.JsonNode;
import rules.Requirements;
import rules.RuleContext;
import rules.RuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MachineConfigPools that are degraded ({@code Degraded}, {@code NodeDegraded} or {@code RenderDegraded}
 * true, or degraded machines counted): nodes cannot take new configuration, which also blocks
 * updates. Paused pools are reported too: a paused pool gets no configuration at all, including the
 * kubelet CA rotation, and the cluster's certificates expire if it stays paused for months.
 */
public final class MachineConfigPoolsRule extends OcpRule {

    static final String DEGRADED = "MCP_DEGRADED";
    static final String PAUSED = "MCP_PAUSED";
    static final String FILES = "config/machineconfigpools/*.json";
    private static final List<String> DEGRADED_CONDITIONS = List.of("Degraded", "NodeDegraded", "RenderDegraded");

    public MachineConfigPoolsRule() {
        super("machine_config_pools", List.of(DEGRADED, PAUSED), Requirements.builder().all(FILES).build());
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        List<Map<String, Object>> degraded = new ArrayList<>();
        List<Map<String, Object>> paused = new ArrayList<>();
        for (JsonNode pool : context.jsonFiles(FILES).values()) {
            List<String> conditions = DEGRADED_CONDITIONS.stream()
                    .filter(type -> Resources.conditionIs(pool, type, "True")).toList();
            int degradedMachines = pool.path("status").path("degradedMachineCount").asInt(0);
            if (!conditions.isEmpty() || degradedMachines > 0) {
                Map<String, Object> entry = Details.map("name", Resources.name(pool), "conditions", conditions,
                        "degraded_machines", degradedMachines,
                        "machines", pool.path("status").path("machineCount").asInt(0));
                String type = conditions.isEmpty() ? "Degraded" : conditions.get(0);
                entry.put("message", Resources.text(Resources.condition(pool, type).path("message")));
                degraded.add(entry);
            }
            if (pool.path("spec").path("paused").asBoolean(false)) {
                paused.add(Details.map("name", Resources.name(pool),
                        "machines", pool.path("status").path("machineCount").asInt(0),
                        "updated_machines", pool.path("status").path("updatedMachineCount").asInt(0)));
            }
        }
        List<RuleResult.Hit> hits = new ArrayList<>();
        if (!degraded.isEmpty()) {
            hits.add(new RuleResult.Hit(DEGRADED, Details.map("pools", degraded)));
        }
        if (!paused.isEmpty()) {
            hits.add(new RuleResult.Hit(PAUSED, Details.map("pools", paused)));
        }
        return hits.isEmpty() ? RuleResult.pass() : RuleResult.hits(hits);
    }
}

package rules.ocp;

import archive.JsonParts;
import com.fasterxml.jackson.databind.JsonNode;
import rules.Requirements;
import rules.RuleContext;
import rules.RuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cluster operators reporting {@code Degraded=True}, or not {@code Available=True}: the component they
 * manage is broken or down, and updates stall on them. Operators that report {@code Disabled=True}
 * (e.g. baremetal on other platforms) are not expected to be available.
 */
public final class OperatorsDegradedRule extends OcpRule {

    static final String DEGRADED = "OPERATOR_DEGRADED";
    static final String UNAVAILABLE = "OPERATOR_UNAVAILABLE";
    static final String FILES = "config/clusteroperator/*.json";
    /** What the operator rules read of an operator (the features' foc extractor reads the same: one parse serves all). */
    static final JsonParts PARTS = JsonParts.of("/metadata/name", "/status/conditions");

    public OperatorsDegradedRule() {
        super("operators_degraded", List.of(DEGRADED, UNAVAILABLE), Requirements.builder().all(FILES).build());
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        List<Map<String, Object>> degraded = new ArrayList<>();
        List<Map<String, Object>> unavailable = new ArrayList<>();
        for (JsonNode operator : context.jsonFiles(FILES, PARTS).values()) {
            if (Resources.conditionIs(operator, "Degraded", "True")) {
                degraded.add(entry(operator, "Degraded"));
            }
            if (!Resources.conditionIs(operator, "Available", "True")
                    && !Resources.conditionIs(operator, "Disabled", "True")) {
                unavailable.add(entry(operator, "Available"));
            }
        }
        List<RuleResult.Hit> hits = new ArrayList<>();
        if (!degraded.isEmpty()) {
            hits.add(new RuleResult.Hit(DEGRADED, Details.map("operators", degraded)));
        }
        if (!unavailable.isEmpty()) {
            hits.add(new RuleResult.Hit(UNAVAILABLE, Details.map("operators", unavailable)));
        }
        return hits.isEmpty() ? RuleResult.pass() : RuleResult.hits(hits);
    }

    private static Map<String, Object> entry(JsonNode operator, String conditionType) {
        JsonNode condition = Resources.condition(operator, conditionType);
        Map<String, Object> entry = Details.map("name", Resources.name(operator),
                "status", condition.isMissingNode() ? "Missing" : Resources.text(condition.path("status")));
        entry.putAll(Resources.describe(condition));
        return entry;
    }
}

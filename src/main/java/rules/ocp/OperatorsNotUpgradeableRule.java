package rules.ocp;

import com.fasterxml.jackson.databind.JsonNode;
import rules.Requirements;
import rules.RuleContext;
import rules.RuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cluster operators with {@code Upgradeable=False} block the next minor update. Set
 * {@code unsupportedConfigOverrides} is reported apart: it is a support-policy issue (the cluster is
 * unsupported while they are set), not a transient state the operator will clear by itself.
 */
public final class OperatorsNotUpgradeableRule extends OcpRule {

    static final String NOT_UPGRADEABLE = "OPERATOR_NOT_UPGRADEABLE";
    static final String OVERRIDES = "UNSUPPORTED_CONFIG_OVERRIDES";

    public OperatorsNotUpgradeableRule() {
        super("operators_not_upgradeable", List.of(NOT_UPGRADEABLE, OVERRIDES),
                Requirements.builder().all(OperatorsDegradedRule.FILES).build());
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        List<Map<String, Object>> blocked = new ArrayList<>();
        List<Map<String, Object>> overrides = new ArrayList<>();
        for (JsonNode operator : context.jsonFiles(OperatorsDegradedRule.FILES, OperatorsDegradedRule.PARTS).values()) {
            JsonNode upgradeable = Resources.condition(operator, "Upgradeable");
            if (!"False".equals(Resources.text(upgradeable.path("status")))) {
                continue;
            }
            Map<String, Object> entry = Details.map("name", Resources.name(operator));
            entry.putAll(Resources.describe(upgradeable));
            String reason = String.valueOf(Resources.text(upgradeable.path("reason")));
            (reason.contains("UnsupportedConfigOverrides") ? overrides : blocked).add(entry);
        }
        List<RuleResult.Hit> hits = new ArrayList<>();
        if (!blocked.isEmpty()) {
            hits.add(new RuleResult.Hit(NOT_UPGRADEABLE, Details.map("operators", blocked)));
        }
        if (!overrides.isEmpty()) {
            hits.add(new RuleResult.Hit(OVERRIDES, Details.map("operators", overrides)));
        }
        return hits.isEmpty() ? RuleResult.pass() : RuleResult.hits(hits);
    }
}

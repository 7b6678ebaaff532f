package rules;

import java.util.Locale;
import java.util.Set;

/**
 * One rule, found by {@link java.util.ServiceLoader} ({@code META-INF/services/rules.Rule}).
 * <p>
 * Naming follows insights-core so the report reads like the original: {@link #module()} is the dotted
 * module, e.g. {@code ccx_rules_ocp.external.rules.nodes_not_ready}; its last segment is the short
 * name used in {@code rule_id} ({@code nodes_not_ready|NODE_NOT_READY}) and must contain an
 * underscore; {@link #component()} is the module plus {@code .report}. Keys are upper-case words
 * joined by underscores (P-KEY). The engine checks all of this when it loads the rule.
 * <p>
 * {@link #evaluate} runs only when {@link #requirements()} are met, and may read any file the
 * requirements name (optional ones included). It returns hits, a pass or an info; it may throw, which
 * fails this rule alone.
 */
public interface Rule {

    /** Dotted module name, e.g. {@code ccx_rules_ocp.external.rules.nodes_not_ready}. */
    String module();

    /** Keys this rule can report: error keys for hits, or info keys for an info rule. */
    Set<String> keys();

    Requirements requirements();

    RuleResult evaluate(RuleContext context);

    /** Last segment of the module: the left half of {@code rule_id}. */
    default String shortName() {
        return module().substring(module().lastIndexOf('.') + 1);
    }

    /** The {@code component} / {@code rule_fqdn} of every report entry. */
    default String component() {
        return module() + ".report";
    }

    /** Key of the pass entry, by default the short name in upper case plus {@code _PASS}. */
    default String passKey() {
        return shortName().toUpperCase(Locale.ROOT) + "_PASS";
    }
}

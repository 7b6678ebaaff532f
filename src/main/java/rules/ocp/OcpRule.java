package rules.ocp;

import rules.Requirements;
import rules.Rule;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Common naming of this rule set: module {@code ccx_rules_ocp.external.rules.<short name>}. */
abstract class OcpRule implements Rule {

    static final String MODULE_PREFIX = "ccx_rules_ocp.external.rules.";

    private final String module;
    private final Set<String> keys;
    private final Requirements requirements;

    OcpRule(String shortName, List<String> keys, Requirements requirements) {
        this.module = MODULE_PREFIX + shortName;
        this.keys = Collections.unmodifiableSet(new LinkedHashSet<>(keys));
        this.requirements = requirements;
    }

    @Override
    public final String module() {
        return module;
    }

    @Override
    public final Set<String> keys() {
        return keys;
    }

    @Override
    public final Requirements requirements() {
        return requirements;
    }

    @Override
    public String toString() {
        return module;
    }
}

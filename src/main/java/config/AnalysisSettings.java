package config;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules and features stages, from {@code ccx.stages.rules|features}, {@code ccx.rules.*} and
 * {@code ccx.analysis.*}.
 *
 * @param idempotency where analysed archives are remembered: {@code kafka} (a compacted topic,
 *                    survives restarts) or {@code memory} (tests)
 */
public record AnalysisSettings(boolean rules, boolean features, Set<String> disabledRules,
                               String idempotency, String idempotencyTopic, int idempotencyCache) {
    public static AnalysisSettings read(CcxProperties properties) {
        return new AnalysisSettings(properties.flag("ccx.stages.rules"), properties.flag("ccx.stages.features"),
                ruleNames(properties.text("ccx.rules.disabled")),
                properties.text("ccx.analysis.idempotency"), properties.text("ccx.analysis.idempotency-topic"),
                properties.integer("ccx.analysis.idempotency-cache"));
    }

    /** A comma-separated list of rule names (ccx.rules.disabled, the Kamelet's disabledRules), blanks ignored. */
    public static Set<String> ruleNames(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}

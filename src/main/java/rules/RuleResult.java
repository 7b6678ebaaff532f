package rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rule found: one or more hits, a pass, or an info. Details are open JSON objects; the engine
 * adds the contract's required keys ({@code type}, {@code error_key} / {@code info_key}).
 */
public sealed interface RuleResult {

    /** Problems found, each with its error key and details. */
    record Hits(List<Hit> hits) implements RuleResult {
        public Hits {
            if (hits.isEmpty()) {
                throw new IllegalArgumentException("a Hits result needs at least one hit; return a pass instead");
            }
            hits = List.copyOf(hits);
        }
    }

    record Hit(String errorKey, Map<String, Object> details) {
        public Hit {
            details = RuleResult.ordered(details);
        }
    }

    /** The rule ran and found nothing wrong; {@code key} null means the rule's {@link Rule#passKey()}. */
    record Pass(String key, Map<String, Object> details) implements RuleResult {
        public Pass {
            details = RuleResult.ordered(details);
        }
    }

    record Info(String infoKey, Map<String, Object> details) implements RuleResult {
        public Info {
            details = RuleResult.ordered(details);
        }
    }

    /** Keeps the rule's key order (the JSON reads in that order) and allows null values. */
    private static Map<String, Object> ordered(Map<String, Object> details) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    static RuleResult hit(String errorKey, Map<String, Object> details) {
        return new Hits(List.of(new Hit(errorKey, details)));
    }

    static RuleResult hits(List<Hit> hits) {
        return new Hits(hits);
    }

    static RuleResult pass() {
        return new Pass(null, Map.of());
    }

    static RuleResult pass(Map<String, Object> details) {
        return new Pass(null, details);
    }

    static RuleResult info(String infoKey, Map<String, Object> details) {
        return new Info(infoKey, details);
    }
}

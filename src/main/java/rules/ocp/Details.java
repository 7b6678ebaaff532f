package rules.ocp;

import java.util.LinkedHashMap;
import java.util.Map;

/** Ordered detail maps (the JSON keeps the order written), null values allowed. */
final class Details {

    private Details() {
    }

    /** {@code map("a", 1, "b", null)}: keys and values alternating. */
    static Map<String, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}

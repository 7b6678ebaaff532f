package parquet;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of feature {@code data} values (JSON as Jackson maps it, or the features service's
 * own rows): a value of the wrong JSON type rejects the row; an absent key reads as null.
 */
final class FeatureValues {

    private FeatureValues() {
    }

    static String text(Map<String, ?> row, String key) {
        Object value = row.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString(); // a scalar where text was expected is still data: its JSON text
        }
        throw ValueChecks.reject(key, "not a string", value);
    }

    /** An integral JSON number (not a float, not a boolean) as a Long. */
    static Long integer(Map<String, ?> row, String key) {
        Object value = row.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        throw ValueChecks.reject(key, "not an integer", value);
    }

    static Boolean bool(Map<String, ?> row, String key) {
        Object value = row.get(key);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw ValueChecks.reject(key, "not a boolean", value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, ?> row, String key) {
        Object value = row.get(key);
        if (value == null || value instanceof Map) {
            return (Map<String, Object>) value;
        }
        throw ValueChecks.reject(key, "not an object", value);
    }

    /** A JSON array; absent reads as empty. */
    static List<?> list(Map<String, ?> row, String key) {
        Object value = row.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw ValueChecks.reject(key, "not a list", value);
    }

    /** An element of a list that must be an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> element(String key, Object element) {
        if (element instanceof Map) {
            return (Map<String, Object>) element;
        }
        throw ValueChecks.reject(key, "element is not an object", element);
    }
}

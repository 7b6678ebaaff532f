package features;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tolerant reads from archive JSON: a missing or mistyped value is "absent", never an exception,
 * because archives come from many operator versions and odd shapes must not fail a whole message.
 */
final class JsonText {

    private JsonText() {
    }

    /** The text of a string node, else null (numbers and objects are not text here). */
    static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** As {@link #text(JsonNode)}, but empty text counts as absent. */
    static String nonEmptyText(JsonNode node) {
        String text = text(node);
        return text == null || text.isEmpty() ? null : text;
    }

    /** As {@link #text(JsonNode)}, with "" for absent: for text the tables keep as may-be-empty. */
    static String textOrEmpty(JsonNode node) {
        String text = text(node);
        return text == null ? "" : text;
    }

    /** An integral number as a Long (1.0 counts; 1.5, text and booleans do not), else null. */
    static Long integer(JsonNode node) {
        if (node != null && node.isNumber() && (node.isIntegralNumber() || node.asDouble() == Math.rint(node.asDouble()))
                && node.canConvertToLong()) {
            return node.asLong();
        }
        return null;
    }

    /** The elements of an array node; nothing for null, missing or non-array nodes. */
    static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(out::add);
        }
        return out;
    }

    /** The fields of an object node in source order; nothing for anything else. */
    static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Text elements of an array (others skipped). */
    static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode element : elements(node)) {
            String text = text(element);
            if (text != null) {
                out.add(text);
            }
        }
        return out;
    }
}

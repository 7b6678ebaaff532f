package rules.ocp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading Kubernetes resources as gathered: status conditions, metadata, timestamps. */
final class Resources {

    private Resources() {
    }

    /** The condition of {@code type} in {@code status.conditions}, or a missing node. */
    static JsonNode condition(JsonNode resource, String type) {
        for (JsonNode condition : resource.path("status").path("conditions")) {
            if (type.equals(condition.path("type").asText())) {
                return condition;
            }
        }
        return MissingNode.getInstance();
    }

    /** Status of a condition: "True", "False", "Unknown", or null when the condition is absent. */
    static String conditionStatus(JsonNode resource, String type) {
        return text(condition(resource, type).path("status"));
    }

    static boolean conditionIs(JsonNode resource, String type, String status) {
        return status.equals(conditionStatus(resource, type));
    }

    static String name(JsonNode resource) {
        return text(resource.path("metadata").path("name"));
    }

    static String namespace(JsonNode resource) {
        return text(resource.path("metadata").path("namespace"));
    }

    /** Text of a value node; null for missing, null or empty. */
    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText();
        return text.isEmpty() ? null : text;
    }

    static Optional<Instant> instant(JsonNode node) {
        String text = text(node);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            String text = text(item);
            if (text != null) {
                out.add(text);
            }
        }
        return out;
    }

    /** A condition as hit details: its reason, message and since when it has held. */
    static Map<String, Object> describe(JsonNode condition) {
        return Details.map(
                "reason", text(condition.path("reason")),
                "message", text(condition.path("message")),
                "since", text(condition.path("lastTransitionTime")));
    }
}

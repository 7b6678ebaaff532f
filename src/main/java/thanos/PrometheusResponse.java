package thanos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the JSON body of {@code /api/v1/query}: {@code {"status":"success","data":{"resultType":
 * "vector","result":[{"metric":{…labels…},"value":[t,"v"]},…]}}}. Only the label sets are kept;
 * the values carry nothing the table needs.
 */
final class PrometheusResponse {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusResponse.class);
    private static final ObjectMapper JSON = model.Json.mapper();

    private PrometheusResponse() {
    }

    /**
     * @param status the HTTP status code
     * @param what   the query, for messages
     * @throws ThanosUnavailableException on a non-200 status, a body that is not the success
     *                                    envelope of a vector, or unreadable JSON
     */
    static List<Map<String, String>> vectorLabels(int status, String body, String what) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (status != 200) {
            throw new ThanosUnavailableException("Thanos answered HTTP " + status + describeError(root, body)
                    + " to " + what);
        }
        if (root == null || !root.isObject()) {
            throw new ThanosUnavailableException("Thanos answered HTTP 200 with a body that is not JSON to " + what
                    + ": " + abbreviate(body));
        }
        if (!"success".equals(root.path("status").asText())) {
            throw new ThanosUnavailableException("Thanos answered status \"" + root.path("status").asText() + "\""
                    + describeError(root, body) + " to " + what);
        }
        root.path("warnings").forEach(w -> LOG.warn("Thanos warning for {}: {}", what, w.asText()));
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw new ThanosUnavailableException("Thanos answered status \"success\" without data to " + what);
        }
        if (!"vector".equals(data.path("resultType").asText())) {
            throw new ThanosUnavailableException("Thanos answered resultType \"" + data.path("resultType").asText()
                    + "\", expected a vector, to " + what);
        }
        if (!data.path("result").isArray()) {
            throw new ThanosUnavailableException("Thanos answered a vector without a data.result array to " + what);
        }
        List<Map<String, String>> series = new ArrayList<>();
        for (JsonNode sample : data.path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            sample.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            series.add(labels);
        }
        return series;
    }

    private static String describeError(JsonNode root, String body) {
        if (root != null && root.has("error")) {
            return " (" + root.path("errorType").asText("error") + ": " + root.path("error").asText() + ")";
        }
        return body == null || body.isBlank() ? "" : " (" + abbreviate(body) + ")";
    }

    private static String abbreviate(String body) {
        String s = body == null ? "" : body.strip();
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}

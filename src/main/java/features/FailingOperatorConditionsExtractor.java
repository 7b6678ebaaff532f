package features;

import model.FeatureIds;
import archive.ArchiveFileException;
import archive.ArchiveFiles;
import archive.JsonParts;
import archive.FileSelector;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feature {@code foc} (failing operator conditions): one row per ClusterOperator condition that is
 * not healthy, i.e. {@code Degraded=True}, {@code Available=False}, {@code Progressing=True},
 * {@code Upgradeable=False} or {@code Failing=True} (contract §12.3, §13.4). Other types and
 * {@code Unknown} statuses are left out: {@code status} is a Boolean and cannot say Unknown.
 * <p>
 * Source: every {@code config/clusteroperator/<name>.json} directly in that directory (the
 * subdirectories hold operator configs, not ClusterOperators). Rows are ordered by file path, then
 * by the condition's position in {@code status.conditions}.
 * <ul>
 *   <li>{@code operator}: {@code metadata.name}, else the file name without {@code .json}.</li>
 *   <li>{@code status}: true for {@code "True"}, false for {@code "False"}.</li>
 *   <li>{@code last_transition_time}: the condition's {@code lastTransitionTime} in UTC; when it is
 *       missing or unreadable, the archive time ({@link FeatureContext#archiveTime()}): the validator
 *       rejects null.</li>
 *   <li>{@code reason}, {@code message}: the condition's text, "" when absent.</li>
 * </ul>
 * A malformed operator file is skipped (logged); the other operators still give rows.
 */
public final class FailingOperatorConditionsExtractor implements FeatureExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(FailingOperatorConditionsExtractor.class);

    private static final FeatureFields FIELDS = FeatureFields.builder()
            .add("cluster_id", FieldType.STRING)
            .add("operator", FieldType.STRING)
            .add("type", FieldType.STRING)
            .add("status", FieldType.BOOLEAN)
            .add("last_transition_time", FieldType.DATETIME)
            .add("reason", FieldType.STRING)
            .add("message", FieldType.STRING)
            .add("analysis_time", FieldType.DATETIME)
            .add("path", FieldType.STRING)
            .build();

    static final String DIRECTORY = "config/clusteroperator/";
    /** Only the name and conditions are parsed (the rules' operators_degraded reads the same parts: one parse). */
    static final JsonParts PARTS = JsonParts.of("/metadata/name", "/status/conditions");

    /** The unhealthy status of each condition type that has one. */
    private static final Map<String, String> UNHEALTHY = Map.of(
            "Degraded", "True",
            "Available", "False",
            "Progressing", "True",
            "Upgradeable", "False",
            "Failing", "True");

    @Override
    public String featureId() {
        return FeatureIds.FAILING_OPERATOR_CONDITIONS;
    }

    @Override
    public FeatureFields fields() {
        return FIELDS;
    }

    @Override
    public FileSelector requiredFiles() {
        return FileSelector.of(DIRECTORY + "*.json");
    }

    @Override
    public List<Map<String, Object>> rows(ArchiveFiles files, FeatureContext context) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String path : operatorFiles(files)) {
            Optional<JsonNode> operator;
            try {
                operator = files.json(path, PARTS);
            } catch (ArchiveFileException e) {
                LOG.warn("{}: skipping unreadable ClusterOperator {}: {}", context.cephPath(), path, e.getMessage());
                continue;
            }
            operator.ifPresent(json -> addRows(json, operatorName(json, path), context, rows));
        }
        return rows;
    }

    /** Files directly in config/clusteroperator/, sorted, whatever the glob's reach. */
    private static List<String> operatorFiles(ArchiveFiles files) {
        return files.paths(DIRECTORY + "*.json").stream()
                .filter(p -> p.startsWith(DIRECTORY) && p.endsWith(".json")
                        && p.indexOf('/', DIRECTORY.length()) < 0)
                .sorted()
                .toList();
    }

    private static String operatorName(JsonNode operator, String path) {
        String name = JsonText.nonEmptyText(operator.path("metadata").path("name"));
        return name != null ? name : path.substring(DIRECTORY.length(), path.length() - ".json".length());
    }

    private static void addRows(JsonNode operator, String name, FeatureContext context, List<Map<String, Object>> rows) {
        for (JsonNode condition : JsonText.elements(operator.path("status").path("conditions"))) {
            String type = JsonText.text(condition.path("type"));
            String status = JsonText.text(condition.path("status"));
            if (type == null || status == null || !status.equals(UNHEALTHY.get(type))) {
                continue;
            }
            rows.add(FIELDS.row()
                    .set("cluster_id", context.clusterId())
                    .set("operator", name)
                    .set("type", type)
                    .set("status", "True".equals(status))
                    .set("last_transition_time", NaiveTime.parse(JsonText.text(condition.path("lastTransitionTime")))
                            .orElseGet(context::archiveTimeText))
                    .set("reason", JsonText.textOrEmpty(condition.path("reason")))
                    .set("message", JsonText.textOrEmpty(condition.path("message")))
                    .set("analysis_time", context.analysisTimeText())
                    .set("path", context.cephPath())
                    .build());
        }
    }
}

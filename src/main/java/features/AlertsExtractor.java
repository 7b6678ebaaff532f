package features;

import model.FeatureIds;
import archive.ArchiveFiles;
import archive.FileSelector;
import archive.PrometheusText;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Feature {@code alerts}: one row per alert (contract §12.3, §13.4).
 * <p>
 * Source: {@code config/alerts.json} (Alertmanager API v2 alerts, newer operators) when the archive
 * has it, even if it lists no alert; otherwise every {@code ALERTS} series of {@code config/metrics}
 * (Prometheus federate text), one row per series, replicas not merged. Neither file: no rows.
 * <ul>
 *   <li>{@code name}: label {@code alertname}, "" if absent (an alert without a name is still an
 *       alert of the cluster: it keeps its row, docs/parquet-values.md).</li>
 *   <li>{@code state}: ALERTS label {@code alertstate} ({@code pending}/{@code firing}), "" if absent.
 *       Alertmanager only holds firing alerts, so every alerts.json row is {@code firing} (its
 *       {@code status.state} active/suppressed says whether it is silenced, not whether it fires).</li>
 *   <li>{@code severity}: label {@code severity}, "" if absent.</li>
 *   <li>{@code labels}: every other label, as an object of strings, in source order. The labels that
 *       have their own column ({@code alertname}, {@code alertstate}, {@code severity}) are removed;
 *       {@code namespace} and {@code job} stay (the Parquet table keeps them in both places).</li>
 *   <li>{@code value}: the ALERTS sample value; 1.0 for alerts.json (an alert's ALERTS value while it
 *       is active). Never null: the validator rejects a null {@code value}. A non-finite sample
 *       (cannot be written as JSON) is also written as 1.0.</li>
 *   <li>{@code last_transition_time}: alerts.json {@code startsAt} in UTC. ALERTS series carry no
 *       transition time, so they, and alerts without a readable {@code startsAt}, get the archive
 *       time ({@link FeatureContext#archiveTime()}).</li>
 * </ul>
 */
public final class AlertsExtractor implements FeatureExtractor {

    private static final FeatureFields FIELDS = FeatureFields.builder()
            .add("cluster_id", FieldType.STRING)
            .add("name", FieldType.STRING)
            .add("state", FieldType.STRING)
            .add("severity", FieldType.STRING)
            .add("labels", FieldType.OBJECT)
            .add("value", FieldType.FLOAT)
            .add("last_transition_time", FieldType.DATETIME)
            .add("analysis_time", FieldType.DATETIME)
            .add("path", FieldType.STRING)
            .build();

    static final String ALERTS_JSON = "config/alerts.json";
    static final String METRICS = "config/metrics";
    static final String ALERTS_METRIC = "ALERTS";

    /** Labels with their own column. */
    private static final Set<String> COLUMN_LABELS = Set.of("alertname", "alertstate", "severity");
    private static final double ACTIVE = 1.0;

    @Override
    public String featureId() {
        return FeatureIds.ALERTS;
    }

    @Override
    public FeatureFields fields() {
        return FIELDS;
    }

    @Override
    public FileSelector requiredFiles() {
        return FileSelector.of(ALERTS_JSON, METRICS);
    }

    @Override
    public List<Map<String, Object>> rows(ArchiveFiles files, FeatureContext context) {
        Optional<JsonNode> alerts = files.json(ALERTS_JSON);
        if (alerts.isPresent()) {
            return fromAlertmanager(alerts.get(), context);
        }
        return files.metrics(METRICS).map(metrics -> fromMetrics(metrics, context)).orElse(List.of());
    }

    private static List<Map<String, Object>> fromAlertmanager(JsonNode alerts, FeatureContext context) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode alert : JsonText.elements(alerts)) {
            Map<String, String> labels = new LinkedHashMap<>();
            JsonText.fields(alert.path("labels")).forEach((name, value) -> {
                if (value.isValueNode() && !value.isNull()) {
                    labels.put(name, value.asText());
                }
            });
            String startsAt = JsonText.text(alert.path("startsAt"));
            rows.add(row(labels, "firing", ACTIVE, NaiveTime.parse(startsAt).orElseGet(context::archiveTimeText), context));
        }
        return rows;
    }

    private static List<Map<String, Object>> fromMetrics(PrometheusText metrics, FeatureContext context) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PrometheusText.Sample sample : metrics.named(ALERTS_METRIC)) {
            Map<String, String> labels = sample.labels() == null ? Map.of() : sample.labels();
            String state = labels.getOrDefault("alertstate", "");
            double value = Double.isFinite(sample.value()) ? sample.value() : ACTIVE;
            rows.add(row(labels, state, value, context.archiveTimeText(), context));
        }
        return rows;
    }

    private static Map<String, Object> row(Map<String, String> labels, String state, double value,
                                                     String lastTransitionTime, FeatureContext context) {
        String name = labels.getOrDefault("alertname", ""); // nameless, the alert is still counted
        Map<String, Object> otherLabels = new LinkedHashMap<>();
        labels.forEach((label, text) -> {
            if (!COLUMN_LABELS.contains(label)) {
                otherLabels.put(label, text);
            }
        });
        return FIELDS.row()
                .set("cluster_id", context.clusterId())
                .set("name", name)
                .set("state", state)
                .set("severity", labels.getOrDefault("severity", ""))
                .set("labels", otherLabels)
                .set("value", value)
                .set("last_transition_time", lastTransitionTime)
                .set("analysis_time", context.analysisTimeText())
                .set("path", context.cephPath())
                .build();
    }
}

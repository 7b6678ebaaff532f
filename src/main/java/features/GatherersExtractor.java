package features;

import model.FeatureIds;
import archive.ArchiveFiles;
import archive.FileSelector;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Feature {@code gatherers}: one row per gatherer run the Insights Operator recorded in
 * {@code insights-operator/gathers.json} (its {@code status_reports}, in file order), contract §12.3.
 * <p>
 * Every report is a run: the gathering functions ({@code clusterconfig/pdbs}, or
 * {@code clusterconfig.GatherPodDisruptionBudgets} in older operators) and the gatherers that
 * group them ({@code clusterconfig}, {@code workloads}, {@code conditional}) alike; {@code name} is
 * kept as written, null when the report has none (the run still happened). {@code duration_in_ms} is the integer
 * duration, null when the report has none (or a non-integral one).
 */
public final class GatherersExtractor implements FeatureExtractor {

    private static final FeatureFields FIELDS = FeatureFields.builder()
            .add("cluster_id", FieldType.STRING)
            .add("name", FieldType.STRING)
            .add("duration_in_ms", FieldType.INTEGER)
            .add("analysis_time", FieldType.DATETIME)
            .add("path", FieldType.STRING)
            .build();

    static final String GATHERS_JSON = "insights-operator/gathers.json";

    @Override
    public String featureId() {
        return FeatureIds.GATHERERS;
    }

    @Override
    public FeatureFields fields() {
        return FIELDS;
    }

    @Override
    public FileSelector requiredFiles() {
        return FileSelector.of(GATHERS_JSON);
    }

    @Override
    public List<Map<String, Object>> rows(ArchiveFiles files, FeatureContext context) {
        List<Map<String, Object>> rows = new ArrayList<>();
        files.json(GATHERS_JSON).ifPresent(gathers -> {
            for (JsonNode report : JsonText.elements(gathers.path("status_reports"))) {
                if (!report.isObject()) {
                    continue; // not a report at all (a text, a number): nothing to describe
                }
                String name = JsonText.nonEmptyText(report.path("name")); // null still a run: kept
                rows.add(FIELDS.row()
                        .set("cluster_id", context.clusterId())
                        .set("name", name)
                        .set("duration_in_ms", JsonText.integer(report.path("duration_in_ms")))
                        .set("analysis_time", context.analysisTimeText())
                        .set("path", context.cephPath())
                        .build());
            }
        });
        return rows;
    }
}

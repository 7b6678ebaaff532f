package parquet;

import model.FeatureIds;
import java.util.Map;

import static parquet.FeatureValues.bool;
import static parquet.FeatureValues.text;

/**
 * Feature {@code foc} → table {@code failing_operator_conditions}: one row per feature row.
 * {@code condition_type} ← {@code type}, {@code condition_status} ← {@code status},
 * {@code raw_message} ← {@code message}. Texts are written as they are (a condition type newer
 * than the 2021 list too), absent ones as ""; a row without {@code status} or
 * {@code last_transition_time} (no empty value for a boolean or a timestamp, §15.13) is rejected
 * and counted.
 */
final class OperatorConditionRows implements FeatureMapper {

    @Override
    public String featureId() {
        return FeatureIds.FAILING_OPERATOR_CONDITIONS;
    }

    @Override
    public ParquetTable table() {
        return ParquetTable.FAILING_OPERATOR_CONDITIONS;
    }

    @Override
    public void map(Map<String, Object> row, ArchiveSource source, MappedRows.Builder out) {
        out.add(table(), source.hour(), source.archivePath(), () -> table().row()
                .set("cluster_id", source.clusterId())
                .set("operator", ValueChecks.text(text(row, "operator")))
                .set("condition_type", ValueChecks.text(text(row, "type")))
                .set("condition_status", ValueChecks.bool("condition_status", bool(row, "status")))
                .set("reason", ValueChecks.text(text(row, "reason")))
                .set("raw_message", ValueChecks.text(text(row, "message")))
                .set("archive_path", source.archivePath())
                .set("last_transition_time", ValueChecks.naiveTime("last_transition_time", text(row, "last_transition_time")))
                .set("collected_at", source.collectedAtMillis())
                .build());
    }
}

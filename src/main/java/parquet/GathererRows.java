package parquet;

import java.util.Map;

import static parquet.FeatureValues.integer;
import static parquet.FeatureValues.text;

/**
 * Feature {@code gatherers} → table {@code gatherers_info}: one row per feature row.
 * {@code duration_in_ms} must be an integer ≥ 0 (VALIDATION §5.10's recommendation); a gatherer
 * run without a duration is skipped and reported.
 */
final class GathererRows implements FeatureMapper {

    @Override
    public String featureId() {
        return "gatherers";
    }

    @Override
    public ParquetTable table() {
        return ParquetTable.GATHERERS_INFO;
    }

    @Override
    public void map(Map<String, Object> row, ArchiveSource source, MappedRows.Builder out) {
        out.add(table(), source.hour(), source.archivePath(), () -> table().row()
                .set("cluster_id", source.clusterId())
                .set("name", ValueChecks.nonEmpty("name", text(row, "name")))
                .set("duration_in_ms", ValueChecks.nonNegativeInt("duration_in_ms", integer(row, "duration_in_ms")))
                .set("archive_path", source.archivePath())
                .set("collected_at", source.collectedAtMillis())
                .build());
    }
}

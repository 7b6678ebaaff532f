package parquet;

import model.FeatureIds;
import java.util.Map;

import static parquet.FeatureValues.integer;
import static parquet.FeatureValues.text;

/**
 * Feature {@code gatherers} → table {@code gatherers_info}: one row per feature row.
 * {@code duration_in_ms} is an integer ≥ 0 (contract §13.4), 0 when absent; a
 * negative or fractional one rejects the row, counted. An absent name is "".
 */
final class GathererRows implements FeatureMapper {

    @Override
    public String featureId() {
        return FeatureIds.GATHERERS;
    }

    @Override
    public ParquetTable table() {
        return ParquetTable.GATHERERS_INFO;
    }

    @Override
    public void map(Map<String, Object> row, ArchiveSource source, MappedRows.Builder out) {
        out.add(table(), source.hour(), source.archivePath(), () -> table().row()
                .set("cluster_id", source.clusterId())
                .set("name", ValueChecks.text(text(row, "name")))
                .set("duration_in_ms", ValueChecks.unsignedInt("duration_in_ms", integer(row, "duration_in_ms")))
                .set("archive_path", source.archivePath())
                .set("collected_at", source.collectedAtMillis())
                .build());
    }
}

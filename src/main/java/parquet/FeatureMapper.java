package parquet;

import java.util.Map;

/**
 * Maps the {@code data} rows of one feature ({@code metadata.feature_id}) to table rows.
 * A {@link RejectedValueException} thrown out of {@link #map} skips that feature row as a whole
 * and is reported against {@link #table()}.
 */
interface FeatureMapper {

    /** The feature this mapper reads. */
    String featureId();

    /** The table a whole-row rejection is reported against. */
    ParquetTable table();

    void map(Map<String, Object> row, ArchiveSource source, MappedRows.Builder out);
}

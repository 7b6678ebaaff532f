package parquet;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.avro.generic.GenericRecord;

/**
 * One mapped row of one table, with the hour it belongs to (its archive's {@code collected_at},
 * or the Thanos window, truncated to the hour, UTC). The hour is carried beside the record because
 * {@code alerts} has no {@code collected_at} column.
 */
public record TableRow(ParquetTable table, Instant hour, GenericRecord record) {

    public TableRow {
        if (record.getSchema() != table.schema()) {
            throw new IllegalArgumentException("record is not a " + table + " row: " + record.getSchema().getFullName());
        }
        if (hour.getNano() != 0 || Math.floorMod(hour.getEpochSecond(), 3600) != 0) {
            hour = hour.truncatedTo(ChronoUnit.HOURS);
        }
    }

    public TablePartition partition() {
        return new TablePartition(table, hour);
    }

    /** The row's {@code archive_path}; null for {@code cluster_thanos_info}, which has none. */
    public String archivePath() {
        return table.hasColumn("archive_path") ? (String) record.get("archive_path") : null;
    }
}

package aggregation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import parquet.MappedRows;
import parquet.TablePartition;
import parquet.TableRow;
import thanos.HourResult;

/**
 * What one source (an archive path, or a Thanos window) gives one table in one hour: the
 * aggregator's input. The Aggregator EIP correlates on {@link #key()}, the partition's text form.
 *
 * @param source the de-duplication key: a source is stored once per (table, hour)
 */
public record SourceRows(TablePartition partition, String source, List<GenericRecord> rows) {

    public SourceRows {
        if (source.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a source name has no line break: " + source);
        }
        rows = List.copyOf(rows);
    }

    /** The aggregator's correlation key, {@code rule_hits/2021-01-20T03}. */
    public String key() {
        return partition.correlationKey();
    }

    /** The group of a Thanos hour's rows: complete once the hour was queried whole. */
    public static String thanosKey(HourResult hour) {
        return new TablePartition(parquet.ParquetTable.CLUSTER_THANOS_INFO, hour.hourStart()).correlationKey();
    }

    /** The rows of one source per (table, hour): the rows {@code mapped} could not give are the caller's to report. */
    public static List<SourceRows> of(MappedRows mapped, String source) {
        List<SourceRows> out = new ArrayList<>();
        for (Map.Entry<TablePartition, List<TableRow>> e : mapped.byPartition().entrySet()) {
            out.add(new SourceRows(e.getKey(), source, e.getValue().stream().map(TableRow::record).toList()));
        }
        return out;
    }

    /** The hour the rows belong to. */
    public Instant hour() {
        return partition.hour();
    }
}

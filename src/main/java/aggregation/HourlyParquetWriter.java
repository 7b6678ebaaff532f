package aggregation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parquet.ParquetSink;
import parquet.ParquetTable;
import parquet.TablePartition;
import parquet.TableRow;
import parquet.WrittenFile;

/**
 * Writes one completed (table, hour): the group's pending rows stream from the row store into a
 * Parquet file in S3, then are flagged written. Rows that arrive meanwhile stay pending and go
 * to the next file of that hour; a crash before the flag rewrites the same rows into a new file
 * index rather than losing them.
 */
public final class HourlyParquetWriter {
    private static final Logger LOG = LoggerFactory.getLogger(HourlyParquetWriter.class);

    private final RowStore store;
    private final ParquetSink sink;
    private final Counter rowsWritten;
    private final Counter filesWritten;

    public HourlyParquetWriter(RowStore store, ParquetSink sink, MeterRegistry meters) {
        this.store = store;
        this.sink = sink;
        MeterRegistry registry = meters == null ? new SimpleMeterRegistry() : meters;
        this.rowsWritten = Counter.builder("ccx.parquet.rows").description("rows written to Parquet files").register(registry);
        this.filesWritten = Counter.builder("ccx.parquet.files").description("Parquet files written").register(registry);
    }

    /** For routes: the aggregator's correlation key {@code table|hourMs}. */
    public Optional<WrittenFile> writeGroup(String group) throws SQLException, IOException {
        return write(HourlyAggregation.GroupKey.parse(group));
    }

    public Optional<WrittenFile> write(HourlyAggregation.GroupKey group) throws SQLException, IOException {
        ParquetTable table = ParquetTable.byName(group.table());
        Instant hour = Instant.ofEpochMilli(group.hourMs());
        try (RowStore.PendingRows pending = store.openPending(group.table(), group.hourMs())) {
            if (!pending.hasNext()) {
                return Optional.empty();
            }
            Iterator<GenericRecord> records = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return pending.hasNext();
                }

                @Override
                public GenericRecord next() {
                    return TableRow.decode(table, hour, pending.next()).record();
                }
            };
            WrittenFile file = sink.write(new TablePartition(table, hour), records);
            store.markWritten(group.table(), group.hourMs(), pending.lastId());
            rowsWritten.increment(file.rows());
            filesWritten.increment();
            LOG.info("parquet {} rows={} bytes={} -> s3://{}/{}", group.table(), file.rows(), file.bytes(), sink.bucket(), file.key());
            return Optional.of(file);
        }
    }
}

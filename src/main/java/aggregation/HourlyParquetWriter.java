package aggregation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
 * to the next file of that hour. An intent recorded before the upload, and the batch named in the
 * file's metadata, let the next writer recognise a file uploaded just before a crash, so its rows
 * are neither lost nor written twice.
 */
public final class HourlyParquetWriter {
    private static final Logger LOG = LoggerFactory.getLogger(HourlyParquetWriter.class);
    /** S3 user metadata naming the rows a file holds, for recovery after a crash. */
    static final String BATCH = "ccx-row-batch";

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
    private static final Object[] GROUP_LOCKS = new Object[64];

    static {
        for (int i = 0; i < GROUP_LOCKS.length; i++) {
            GROUP_LOCKS[i] = new Object();
        }
    }

    public Optional<WrittenFile> writeGroup(String group) throws SQLException, IOException {
        return write(HourlyAggregation.GroupKey.parse(group));
    }

    public Optional<WrittenFile> write(HourlyAggregation.GroupKey group) throws SQLException, IOException {
        // Two completions of one hour can race (the flush timer and the Thanos poll's own flush, fault
        // suite): both would read the same pending rows and write them twice. The second writer waits,
        // then finds nothing pending.
        synchronized (GROUP_LOCKS[Math.floorMod(group.hashCode(), GROUP_LOCKS.length)]) {
            return writeAlone(group);
        }
    }

    private Optional<WrittenFile> writeAlone(HourlyAggregation.GroupKey group) throws SQLException, IOException {
        recoverInterruptedUpload(group);
        long through = store.lastPendingId(group.table(), group.hourMs());
        if (through < 0) {
            return Optional.empty();
        }
        store.saveIntent(group.table(), group.hourMs(), through);
        WrittenFile file = upload(group, through);
        store.markWritten(group.table(), group.hourMs(), through);
        store.clearIntent(group.table(), group.hourMs());
        rowsWritten.increment(file.rows());
        filesWritten.increment();
        LOG.info("parquet {} rows={} bytes={} -> s3://{}/{}", group.table(), file.rows(), file.bytes(), sink.bucket(), file.key());
        return Optional.of(file);
    }

    /** Uploads the group's pending rows up to {@code through}, tagged with that batch. */
    WrittenFile upload(HourlyAggregation.GroupKey group, long through) throws SQLException, IOException {
        ParquetTable table = ParquetTable.byName(group.table());
        Instant hour = Instant.ofEpochMilli(group.hourMs());
        try (RowStore.PendingRows pending = store.openPending(group.table(), group.hourMs(), through)) {
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
            return sink.write(new TablePartition(table, hour), records, Map.of(BATCH, batch(group, through)));
        }
    }

    /**
     * A previous writer died between its upload and flagging the rows: if its file is in S3,
     * flag those rows now instead of writing them a second time.
     */
    private void recoverInterruptedUpload(HourlyAggregation.GroupKey group) throws SQLException {
        OptionalLong through = store.intent(group.table(), group.hourMs());
        if (through.isEmpty()) {
            return;
        }
        TablePartition partition = new TablePartition(ParquetTable.byName(group.table()), Instant.ofEpochMilli(group.hourMs()));
        Optional<String> uploaded = sink.findByMetadata(partition, BATCH, batch(group, through.getAsLong()));
        if (uploaded.isPresent()) {
            int rows = store.markWritten(group.table(), group.hourMs(), through.getAsLong());
            LOG.warn("parquet {}: found {} from an interrupted write, flagged its {} rows", group.table(), uploaded.get(), rows);
        }
        store.clearIntent(group.table(), group.hourMs());
    }

    private static String batch(HourlyAggregation.GroupKey group, long through) {
        return group.table() + "-" + group.hourMs() + "-" + through;
    }
}

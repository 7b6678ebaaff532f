package aggregation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parquet.ParquetSink;
import parquet.WrittenFile;

/**
 * Writes a completed (sealed) {@link Spill} as the next Parquet file of its (table, hour): rows
 * stream from the spill into parquet-avro and the file goes to S3. The spill's id travels in the
 * object's metadata, so a spill recovered after a crash whose file was already uploaded is
 * recognised and not written twice.
 */
public final class SpillWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SpillWriter.class);
    /** S3 user metadata naming the spill a file was written from. */
    public static final String SPILL_METADATA = "ccx-spill";

    private final ParquetSink sink;
    private final Counter rowsWritten;
    private final Counter filesWritten;

    public SpillWriter(ParquetSink sink, MeterRegistry meters) {
        this.sink = sink;
        this.rowsWritten = Counter.builder("ccx.parquet.rows").description("rows written to Parquet files").register(meters);
        this.filesWritten = Counter.builder("ccx.parquet.files").description("Parquet files written").register(meters);
    }

    /** @return the file written, or empty when the spill held no row or its file was there already */
    public Optional<WrittenFile> write(Spill spill) throws IOException {
        if (spill.rows() == 0) {
            return Optional.empty();
        }
        String id = spill.partition().correlationKey() + "/g" + spill.generation() + "/" + spill.sealedId();
        if (spill.recovered()) {
            Optional<String> there = sink.findByMetadata(spill.partition(), SPILL_METADATA, id);
            if (there.isPresent()) {
                LOG.info("parquet {}: already in s3://{}/{} (written before a restart)", spill, sink.bucket(), there.get());
                return Optional.empty();
            }
        }
        WrittenFile file;
        try (Spill.RowCursor rows = spill.rows(true)) {
            file = sink.write(spill.partition(), rows, Map.of(SPILL_METADATA, id));
        }
        rowsWritten.increment(file.rows());
        filesWritten.increment();
        LOG.info("parquet {} rows={} bytes={} -> s3://{}/{}", spill.partition().table(), file.rows(), file.bytes(),
                sink.bucket(), file.key());
        return Optional.of(file);
    }
}

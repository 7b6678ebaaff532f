package aggregation;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parquet.ParquetSink;
import parquet.ParquetTable;
import parquet.TablePartition;

/**
 * Re-running hours (README, "Re-running an hour"): at start, for each hour named in
 * {@code ccx.parquet.rerun-hours}, the hour's files are deleted from the bucket and the record of
 * its written sources is forgotten; the operator then resets the factory's consumer offsets to
 * before the hour's first message and the messages are aggregated and written again, once.
 */
public final class HourRerun {
    private static final Logger LOG = LoggerFactory.getLogger(HourRerun.class);

    private HourRerun() {
    }

    /** {@code 2021-01-20T03,2021-01-20T04} → the hours; blank → none. */
    public static List<Instant> parse(String hours) {
        List<Instant> out = new ArrayList<>();
        for (String hour : hours.split(",")) {
            if (!hour.isBlank()) {
                try {
                    out.add(LocalDateTime.parse(hour.trim() + ":00").toInstant(ZoneOffset.UTC));
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException("ccx.parquet.rerun-hours: '" + hour.trim()
                            + "' is not an hour like 2021-01-20T03", e);
                }
            }
        }
        return out;
    }

    /** Deletes the hours' files and forgets their written sources. */
    public static void prepare(List<Instant> hours, SpillStore store, ParquetSink sink) throws IOException {
        for (Instant hour : hours) {
            int files = 0;
            for (ParquetTable table : ParquetTable.values()) {
                files += sink.deleteAll(new TablePartition(table, hour));
            }
            int tables = store.forgetWritten(hour);
            LOG.warn("Re-run of hour {}: deleted {} Parquet file(s) from s3://{}, forgot the written sources of {} table(s); "
                    + "reset the factory's consumer offsets to before the hour's first message", hour, files, sink.bucket(), tables);
        }
    }
}

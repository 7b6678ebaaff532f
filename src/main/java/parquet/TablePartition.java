package parquet;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * One table's one hour, UTC: the unit the aggregator collects rows for and the S3 partition
 * (contract §13.3) a file of those rows goes to.
 *
 * @param hour the start of the hour (truncated on construction)
 */
public record TablePartition(ParquetTable table, Instant hour) {

    /** The S3 prefix of §13.3 when none is configured. */
    public static final String DEFAULT_PREFIX = "fleet_aggregations";

    private static final DateTimeFormatter KEY_HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH", Locale.ROOT);

    public TablePartition {
        if (table == null || hour == null) {
            throw new IllegalArgumentException("table and hour are required");
        }
        hour = hour.truncatedTo(ChronoUnit.HOURS);
    }

    /**
     * A stable text form, {@code rule_hits/2021-01-20T03}, for use as the aggregator's
     * correlation key; {@link #parse(String)} reverses it.
     */
    public String correlationKey() {
        return table.tableName() + "/" + KEY_HOUR.format(utc());
    }

    public static TablePartition parse(String correlationKey) {
        int slash = correlationKey.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a table partition key: " + correlationKey);
        }
        LocalDateTime hour = LocalDateTime.parse(correlationKey.substring(slash + 1) + ":00");
        return new TablePartition(ParquetTable.byName(correlationKey.substring(0, slash)), hour.toInstant(ZoneOffset.UTC));
    }

    /** {@code <prefix>/<table>/hourly/date=YYYY-MM-DD/hour=HH/} */
    public String folder(String prefix) {
        LocalDateTime utc = utc();
        return prefix + "/" + table.tableName() + "/hourly/date=" + DATE.format(utc) + "/hour=" + HOUR.format(utc) + "/";
    }

    /** {@code <prefix>/<table>/hourly/date=YYYY-MM-DD/hour=HH/<table>-<n>.parquet} */
    public String objectKey(String prefix, int n) {
        return folder(prefix) + fileName(n);
    }

    public String fileName(int n) {
        return table.tableName() + "-" + n + ".parquet";
    }

    private LocalDateTime utc() {
        return LocalDateTime.ofInstant(hour, ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return correlationKey();
    }
}

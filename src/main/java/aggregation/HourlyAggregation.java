package aggregation;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The Aggregator EIP's strategy for the Parquet factory. Rows go straight into the durable
 * {@link RowStore} (so the aggregated exchange stays a small handle, whatever the hour's size);
 * the strategy also keeps the watermark — the newest archive time seen — that decides when an
 * hour is complete. A flush marker (no rows) completes its group.
 */
public final class HourlyAggregation implements AggregationStrategy {
    public static final String GROUP = "ccxParquetGroup";
    public static final String FLUSH = "ccxParquetFlush";

    private final RowStore store;
    private final long graceMs;
    private final AtomicLong watermarkMs = new AtomicLong(-1);

    public HourlyAggregation(RowStore store, long graceMs) throws SQLException {
        this.store = store;
        this.graceMs = graceMs;
        long newest = store.newestHourMs();
        // After a restart the stored rows tell how far the inputs had got.
        watermarkMs.set(newest < 0 ? -1 : newest);
    }

    /** A (table, hour) to complete: its key and hour. */
    public record GroupKey(String table, long hourMs) implements java.io.Serializable {
        public String group() {
            return table + "|" + hourMs;
        }

        public static GroupKey parse(String group) {
            int bar = group.indexOf('|');
            return new GroupKey(group.substring(0, bar), Long.parseLong(group.substring(bar + 1)));
        }
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Object body = newExchange.getMessage().getBody();
        if (body instanceof TableBatch batch) {
            try {
                store.add(batch.table(), batch.hourMs(), batch.source(), batch.rows());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot store rows of " + batch.group() + ": " + e.getMessage(), e);
            }
            watermarkMs.accumulateAndGet(batch.collectedAtMs(), Math::max);
            // A plain string: the JDBC repository's deserialization filter admits JDK and Camel types only.
            newExchange.getMessage().setBody(batch.group());
            if (oldExchange != null) {
                oldExchange.getMessage().setBody(batch.group());
            }
        }
        // The aggregated exchange is only the group's handle: the rows live in the store. The old
        // exchange carries the JDBC repository's version: returning it keeps the update optimistic-locked.
        if (oldExchange == null) {
            return newExchange;
        }
        oldExchange.getMessage().setHeaders(newExchange.getMessage().getHeaders());
        return oldExchange;
    }

    /** Groups whose hour ended a grace period before the newest input: ready for their file. */
    public List<GroupKey> dueGroups() throws SQLException {
        long watermark = watermarkMs.get();
        return store.dueGroups(watermark, graceMs).stream().map(g -> new GroupKey(g.table(), g.hourMs())).toList();
    }

    /** Every group with rows waiting (explicit flush, e.g. at the end of the demo). */
    public List<GroupKey> pendingGroups() throws SQLException {
        return store.pendingGroups().stream().map(g -> new GroupKey(g.table(), g.hourMs())).toList();
    }

    public long watermarkMs() {
        return watermarkMs.get();
    }
}

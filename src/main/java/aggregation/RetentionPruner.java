package aggregation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the state over the days: the record of written sources of an hour is kept for the
 * retention (the de-duplication horizon: a message redelivered later than that is written again),
 * then its directory goes. Open and sealed generations are never pruned.
 */
public final class RetentionPruner {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPruner.class);

    private final SpillStore store;
    private final Duration retention;
    private final Clock clock;
    private final Counter pruned;

    public RetentionPruner(SpillStore store, Duration retention, Clock clock, MeterRegistry meters) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("ccx.parquet.retention-hours must be positive, not " + retention.toHours());
        }
        this.store = store;
        this.retention = retention;
        this.clock = clock;
        this.pruned = Counter.builder("ccx.parquet.partitions.pruned")
                .description("written (table, hour) records forgotten after the retention (the de-duplication horizon)")
                .register(meters);
    }

    /** Forgets the written hours that started before now minus the retention; returns how many (table, hour)s. */
    public int prune() throws IOException {
        Instant cutoff = clock.instant().minus(retention).truncatedTo(ChronoUnit.HOURS);
        int n = store.pruneBefore(cutoff);
        if (n > 0) {
            pruned.increment(n);
            LOG.info("Parquet state: forgot {} written (table, hour)s before {} (retention {} h)", n, cutoff, retention.toHours());
        }
        return n;
    }
}

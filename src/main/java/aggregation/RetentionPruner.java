package aggregation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the durable row store: the written rows of hours older than the retention are deleted,
 * so the state on the volume stops growing with the days. The retention is the de-duplication
 * horizon: a source re-sent for an hour older than that is no longer recognised and its rows go
 * into the next file of the hour. Rows still waiting for their file are never pruned.
 */
public final class RetentionPruner {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPruner.class);

    private final RowStore store;
    private final Duration retention;
    private final Clock clock;
    private final Counter pruned;

    public RetentionPruner(RowStore store, Duration retention, Clock clock, MeterRegistry meters) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("ccx.parquet.retention-hours must be positive, not " + retention.toHours());
        }
        this.store = store;
        this.retention = retention;
        this.clock = clock;
        this.pruned = Counter.builder("ccx.parquet.rows.pruned")
                .description("written rows forgotten after the retention (the de-duplication horizon)")
                .register(meters == null ? new SimpleMeterRegistry() : meters);
    }

    /** Deletes the written rows of every hour that started before now minus the retention; returns how many. */
    public int prune() throws SQLException {
        Instant cutoff = clock.instant().minus(retention).truncatedTo(ChronoUnit.HOURS);
        int n = store.pruneWrittenBefore(cutoff.toEpochMilli());
        if (n > 0) {
            pruned.increment(n);
            LOG.info("Parquet state: forgot {} written rows of hours before {} (retention {} h)", n, cutoff, retention.toHours());
        }
        return n;
    }
}

package aggregation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import parquet.TablePartition;

/**
 * When an hour is complete, as the Aggregator EIP's completion timeout: once its grace period
 * has passed on the wall clock (the clock injectable for tests), whether or not newer input
 * arrived. Each arrival re-arms the group's timeout to the same deadline, so it holds however
 * busy the hour is. Rows for an hour already past its deadline (late rows, a replay) close
 * {@code late} after the group's last arrival, and go to the next file of that hour.
 */
public final class HourCloser {
    private final Clock clock;
    private final Duration grace;
    private final long lateMs;

    public HourCloser(Clock clock, Duration grace, Duration late) {
        if (grace.isNegative() || late.isNegative() || late.isZero()) {
            throw new IllegalArgumentException("ccx.parquet.grace-ms must not be negative, ccx.parquet.late-rows-ms must be positive");
        }
        this.clock = clock;
        this.grace = grace;
        this.lateMs = late.toMillis();
    }

    /**
     * Milliseconds from now until the group of the arriving exchange is complete. Its body is the
     * rows, or already the group's spill when the rows opened the group.
     */
    public long timeoutMs(org.apache.camel.Exchange arriving) {
        Object body = arriving.getMessage().getBody();
        TablePartition partition = body instanceof Spill spill ? spill.partition() : ((SourceRows) body).partition();
        return remainingMs(partition);
    }

    /** Milliseconds from now until the (table, hour) is complete: its end plus the grace, or the late-rows wait. */
    public long remainingMs(TablePartition partition) {
        Instant deadline = partition.hour().plus(Duration.ofHours(1)).plus(grace);
        long remaining = Duration.between(clock.instant(), deadline).toMillis();
        return remaining > 0 ? remaining : lateMs;
    }
}

package thanos;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean the Thanos timer route calls: {@link #poll()} queries the pending hours (see
 * {@link HourLedger#pendingHours}) oldest first and returns their rows; the route writes each
 * hour's rows and then calls {@link #markDone}. Nothing is marked done here, so a crash between
 * query and write only re-queries the hour.
 *
 * <p>On a {@link ThanosUnavailableException} the poll stops: the failed hour and the later ones
 * stay pending for the next tick. If no hour was queried before the failure, the exception is
 * rethrown (the route sees Thanos is down); otherwise the hours already queried are returned and
 * the failure is logged.
 */
public final class ThanosHourlyPoll {
    private static final Logger LOG = LoggerFactory.getLogger(ThanosHourlyPoll.class);

    private final ThanosHourQuery query;
    private final HourLedger ledger;
    private final Clock clock;
    private final int maxHoursPerPoll;

    public ThanosHourlyPoll(ThanosHourQuery query, HourLedger ledger, Clock clock, int maxHoursPerPoll) {
        if (maxHoursPerPoll < 1) {
            throw new IllegalArgumentException("maxHoursPerPoll must be at least 1: " + maxHoursPerPoll);
        }
        this.query = query;
        this.ledger = ledger;
        this.clock = clock;
        this.maxHoursPerPoll = maxHoursPerPoll;
    }

    /** Wires client, hour query and ledger from configuration. */
    public static ThanosHourlyPoll create(ThanosClient thanos, ThanosPollSettings settings, Clock clock) {
        HourLedger ledger = HourLedger.open(settings.ledgerFile(), settings.backfillHours(), settings.settleDelay());
        return new ThanosHourlyPoll(new ThanosHourQuery(thanos), ledger, clock,
                settings.maxHoursPerPoll());
    }

    public List<HourResult> poll() {
        return poll(clock.instant());
    }

    /**
     * @throws ThanosUnavailableException when the first pending hour cannot be queried
     */
    public List<HourResult> poll(Instant now) {
        List<Instant> pending = ledger.pendingHours(now);
        List<HourResult> results = new ArrayList<>();
        for (Instant hour : pending.subList(0, Math.min(maxHoursPerPoll, pending.size()))) {
            try {
                results.add(query.query(hour));
            } catch (ThanosUnavailableException e) {
                if (results.isEmpty()) {
                    throw e;
                }
                LOG.warn("Thanos hour {} failed, retried on the next poll: {}", hour, e.getMessage());
                break;
            }
        }
        return results;
    }

    /** Call once the hour's rows are durably written; persists before returning. */
    public void markDone(Instant hourStart) {
        ledger.markDone(hourStart);
    }

    public HourLedger ledger() {
        return ledger;
    }
}

package thanos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The schedule side of the Thanos poll.
 *
 * @param ledgerFile      where {@link HourLedger} keeps the done hours (on a persistent volume)
 * @param backfillHours   how many complete hours back each poll looks (contract §13.2 "backfill N hours")
 * @param settleDelay     how long after an hour ends before it is queried
 * @param maxHoursPerPoll at most this many hours per {@link ThanosHourlyPoll#poll} call (oldest
 *                        first), so a long backfill (about 20 s per hour on the real Thanos) is
 *                        spread over several timer ticks and each batch is written promptly
 */
public record ThanosPollSettings(Path ledgerFile, int backfillHours, Duration settleDelay, int maxHoursPerPoll) {
    /** From {@code ccx.thanos.*}. */
    public static ThanosPollSettings read(config.CcxProperties properties) {
        return new ThanosPollSettings(Path.of(properties.text("ccx.thanos.ledger-file")), properties.integer("ccx.thanos.backfill-hours"),
                properties.millis("ccx.thanos.settle-delay-ms"), properties.integer("ccx.thanos.max-hours-per-poll"));
    }

    public ThanosPollSettings {
        Objects.requireNonNull(ledgerFile, "ledgerFile");
        Objects.requireNonNull(settleDelay, "settleDelay");
        if (backfillHours < 1) {
            throw new IllegalArgumentException("backfillHours must be at least 1: " + backfillHours);
        }
        if (settleDelay.isNegative()) {
            throw new IllegalArgumentException("settleDelay must not be negative: " + settleDelay);
        }
        if (maxHoursPerPoll < 1) {
            throw new IllegalArgumentException("maxHoursPerPoll must be at least 1: " + maxHoursPerPoll);
        }
    }
}

package thanos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThanosHourlyPollTest {
    private static final Instant NOW = Instant.parse("2021-02-12T11:20:00Z");
    private static final Instant H08 = Instant.parse("2021-02-12T08:00:00Z");
    private static final Instant H09 = Instant.parse("2021-02-12T09:00:00Z");
    private static final Instant H10 = Instant.parse("2021-02-12T10:00:00Z");

    @TempDir
    Path dir;

    private ThanosHourlyPoll poll(InstantQueryApi api, int maxHoursPerPoll) {
        return new ThanosHourlyPoll(new ThanosHourQuery(api, 10), HourLedger.open(dir.resolve("ledger.json"), 3, Duration.ZERO),
                Clock.fixed(NOW, ZoneOffset.UTC), maxHoursPerPoll);
    }

    @Test
    void queriesThePendingHoursOldestFirstAndMarksNothing() {
        FakeThanos thanos = FakeThanos.of(RecordedResponses.SUBSCRIBED, RecordedResponses.LABELS);
        ThanosHourlyPoll poll = poll(thanos, 10);
        List<HourResult> results = poll.poll();
        assertThat(results).extracting(HourResult::hourStart).containsExactly(H08, H09, H10);
        assertThat(results.get(1).rows()).hasSize(3).extracting(ThanosRow::collectedAt).containsOnly(H09);
        // Not marked: a crash before the rows are written re-queries them.
        assertThat(poll.poll()).extracting(HourResult::hourStart).containsExactly(H08, H09, H10);

        poll.markDone(H08);
        poll.markDone(H10);
        assertThat(poll.poll()).extracting(HourResult::hourStart).containsExactly(H09);
        poll.markDone(H09);
        assertThat(poll.poll()).isEmpty();
        assertThat(poll.poll(NOW.plus(Duration.ofHours(1)))).extracting(HourResult::hourStart)
                .containsExactly(Instant.parse("2021-02-12T11:00:00Z"));
    }

    @Test
    void theMarksSurviveARestart() {
        poll(FakeThanos.of(RecordedResponses.EMPTY, RecordedResponses.EMPTY), 10).markDone(H09);
        assertThat(poll(FakeThanos.of(RecordedResponses.EMPTY, RecordedResponses.EMPTY), 10).poll())
                .extracting(HourResult::hourStart).containsExactly(H08, H10);
    }

    @Test
    void atMostMaxHoursPerPoll() {
        ThanosHourlyPoll poll = poll(FakeThanos.of(RecordedResponses.EMPTY, RecordedResponses.EMPTY), 2);
        assertThat(poll.poll()).extracting(HourResult::hourStart).containsExactly(H08, H09);
    }

    @Test
    void thanosDownOnTheFirstHourIsThrownAndNothingIsDone() {
        ThanosHourlyPoll poll = poll((q, t) -> {
            throw new ThanosUnavailableException("connection refused");
        }, 10);
        assertThatThrownBy(poll::poll).isInstanceOf(ThanosUnavailableException.class);
        assertThat(poll.ledger().doneHours()).isEmpty();
    }

    @Test
    void aLaterFailureReturnsTheHoursBeforeItAndRetriesTheRest() {
        Instant failing = PromQl.evaluationTime(H09);
        boolean[] down = {true};
        FakeThanos thanos = new FakeThanos((q, t) -> {
            if (down[0] && t.equals(failing)) {
                throw new ThanosUnavailableException("timeout");
            }
            return RecordedResponses.EMPTY;
        });
        ThanosHourlyPoll poll = poll(thanos, 10);
        List<HourResult> first = poll.poll();
        assertThat(first).extracting(HourResult::hourStart).containsExactly(H08);
        poll.markDone(H08);

        down[0] = false;
        assertThat(poll.poll()).extracting(HourResult::hourStart).containsExactly(H09, H10);
    }
}

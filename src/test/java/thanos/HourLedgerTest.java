package thanos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HourLedgerTest {
    @TempDir
    Path dir;

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    @Test
    void plansTheLastCompleteHoursOldestFirstNeverTheCurrentOne() {
        HourLedger ledger = HourLedger.open(dir.resolve("ledger.json"), 3, Duration.ZERO);
        assertThat(ledger.pendingHours(t("2021-02-12T10:17:00Z")))
                .containsExactly(t("2021-02-12T07:00:00Z"), t("2021-02-12T08:00:00Z"), t("2021-02-12T09:00:00Z"));
        // Exactly on the hour, the hour that just ended is complete.
        assertThat(ledger.pendingHours(t("2021-02-12T10:00:00Z"))).last().isEqualTo(t("2021-02-12T09:00:00Z"));
    }

    @Test
    void settleDelayHoldsBackTheHourThatJustEnded() {
        HourLedger ledger = HourLedger.open(dir.resolve("ledger.json"), 2, Duration.ofMinutes(5));
        assertThat(ledger.pendingHours(t("2021-02-12T10:04:59Z")))
                .containsExactly(t("2021-02-12T07:00:00Z"), t("2021-02-12T08:00:00Z"));
        assertThat(ledger.pendingHours(t("2021-02-12T10:05:00Z")))
                .containsExactly(t("2021-02-12T08:00:00Z"), t("2021-02-12T09:00:00Z"));
    }

    @Test
    void doneHoursAreLeftOutAndSurviveARestart() throws Exception {
        Path file = dir.resolve("state/ledger.json");
        HourLedger ledger = HourLedger.open(file, 3, Duration.ZERO);
        ledger.markDone(t("2021-02-12T08:00:00Z"));
        assertThat(ledger.pendingHours(t("2021-02-12T10:30:00Z")))
                .containsExactly(t("2021-02-12T07:00:00Z"), t("2021-02-12T09:00:00Z"));

        HourLedger reopened = HourLedger.open(file, 3, Duration.ZERO);
        assertThat(reopened.isDone(t("2021-02-12T08:00:00Z"))).isTrue();
        assertThat(reopened.pendingHours(t("2021-02-12T10:30:00Z")))
                .containsExactly(t("2021-02-12T07:00:00Z"), t("2021-02-12T09:00:00Z"));
        assertThat(Files.readString(file)).contains("\"2021-02-12T08:00:00Z\"");
        assertThat(dir.resolve("state/ledger.json.tmp")).doesNotExist();
    }

    @Test
    void anHourNotMarkedDoneComesBackInTheNextPlan() {
        HourLedger ledger = HourLedger.open(dir.resolve("ledger.json"), 2, Duration.ZERO);
        // 09:00 failed (never marked done); 10:00 succeeded.
        ledger.markDone(t("2021-02-12T10:00:00Z"));
        assertThat(ledger.pendingHours(t("2021-02-12T11:10:00Z"))).containsExactly(t("2021-02-12T09:00:00Z"));
        assertThat(ledger.pendingHours(t("2021-02-12T12:10:00Z"))).containsExactly(t("2021-02-12T11:00:00Z"));
    }

    @Test
    void oldHoursArePruned() {
        Path file = dir.resolve("ledger.json");
        HourLedger ledger = HourLedger.open(file, 2, Duration.ZERO);
        ledger.markDone(t("2021-01-01T00:00:00Z"));
        ledger.markDone(t("2021-01-01T00:00:00Z").plus(Duration.ofHours(HourLedger.MIN_RETAINED_HOURS)));
        assertThat(ledger.doneHours()).containsExactly(t("2021-01-01T00:00:00Z"),
                t("2021-01-01T00:00:00Z").plus(Duration.ofHours(HourLedger.MIN_RETAINED_HOURS)));
        ledger.markDone(t("2021-01-01T01:00:00Z").plus(Duration.ofHours(HourLedger.MIN_RETAINED_HOURS)));
        assertThat(HourLedger.open(file, 2, Duration.ZERO).doneHours()).hasSize(2)
                .doesNotContain(t("2021-01-01T00:00:00Z"));
    }

    @Test
    void aCorruptLedgerFailsLoudly() throws Exception {
        Path file = Files.writeString(dir.resolve("ledger.json"), "{\"doneHours\":[\"yesterday\"]}");
        assertThatThrownBy(() -> HourLedger.open(file, 2, Duration.ZERO))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(file.toString());
        Files.writeString(file, "not json");
        assertThatThrownBy(() -> HourLedger.open(file, 2, Duration.ZERO)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyWholeHoursAreMarked() {
        HourLedger ledger = HourLedger.open(dir.resolve("ledger.json"), 2, Duration.ZERO);
        assertThatThrownBy(() -> ledger.markDone(t("2021-02-12T08:30:00Z"))).isInstanceOf(IllegalArgumentException.class);
    }
}

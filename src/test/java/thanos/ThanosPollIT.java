package thanos;

import static org.assertj.core.api.Assertions.assertThat;

import devservers.PrometheusServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import testing.KnownSeries;
import testing.RealServers;

/** The Thanos poll against Debian's Prometheus loaded with {@link KnownSeries}. */
@ExtendWith(RealServers.class)
class ThanosPollIT {
    @TempDir
    Path dir;

    /** The rows KnownSeries implies for one hour: every cluster that has subscription labels. */
    private static List<ThanosRow> expectedRows(Instant hour) {
        return KnownSeries.CLUSTERS.stream()
                .filter(c -> c.emailDomain() != null)
                .map(c -> new ThanosRow(c.id(), c.ebsAccount(), c.emailDomain(), c.managed(), c.support(), hour))
                .sorted((a, b) -> a.clusterId().compareTo(b.clusterId()))
                .toList();
    }

    private ThanosHourlyPoll poll(PrometheusServer prometheus, int backfillHours) {
        // Chunks of one id: every cluster gets its own subscription_labels query.
        ThanosConfig config = ThanosConfig.of(URI.create(prometheus.url())).withIdChunkSize(1);
        ThanosPollSettings settings = new ThanosPollSettings(dir.resolve("thanos-hours.json"), backfillHours, Duration.ZERO, 100);
        return ThanosHourlyPoll.create(ThanosClients.of(config), settings, Clock.fixed(KnownSeries.END, ZoneOffset.UTC));
    }

    @Test
    void everyLoadedHourGivesTheJoinedRowsAndTheHourBeforeGivesNone(PrometheusServer prometheus) {
        // At END, the complete hours are START … END-1h; one more back is the hour before the data.
        ThanosHourlyPoll poll = poll(prometheus, KnownSeries.HOURS + 1);
        List<HourResult> results = poll.poll();

        Instant before = KnownSeries.START.minus(1, ChronoUnit.HOURS);
        List<Instant> expectedHours = new ArrayList<>();
        for (int i = -1; i < KnownSeries.HOURS; i++) {
            expectedHours.add(KnownSeries.START.plus(i, ChronoUnit.HOURS));
        }
        assertThat(results).extracting(HourResult::hourStart).containsExactlyElementsOf(expectedHours);

        assertThat(results.get(0).hourStart()).isEqualTo(before);
        assertThat(results.get(0).rows()).isEmpty();
        assertThat(results.get(0).skipped()).isEqualTo(SkippedSeries.NONE);
        for (HourResult hour : results.subList(1, results.size())) {
            assertThat(hour.rows()).as("rows of %s", hour.hourStart()).containsExactlyElementsOf(expectedRows(hour.hourStart()));
            // The third cluster has no subscription_labels: no row, counted.
            assertThat(hour.skipped()).as("skipped in %s", hour.hourStart()).isEqualTo(new SkippedSeries(0, 1, 0));
        }

        results.forEach(r -> poll.markDone(r.hourStart()));
        assertThat(poll.poll()).isEmpty();
        assertThat(poll(prometheus, KnownSeries.HOURS + 1).poll()).as("after a restart").isEmpty();
    }

    @Test
    void anHourAfterTheDataGivesNoRows(PrometheusServer prometheus) {
        ThanosHourQuery query = new ThanosHourQuery(ThanosClients.of(ThanosConfig.of(URI.create(prometheus.url()))));
        Instant after = KnownSeries.END.plus(1, ChronoUnit.HOURS);
        assertThat(query.query(after).rows()).isEmpty();
        assertThat(query.query(KnownSeries.START).rows()).containsExactlyElementsOf(expectedRows(KnownSeries.START));
    }
}

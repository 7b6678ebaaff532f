package thanos;

import java.time.Instant;
import java.util.List;

/**
 * The {@code cluster_thanos_info} rows of one hour window, ordered by cluster id. An empty
 * list is a valid answer (no subscribed cluster in that hour) and is marked done like any other.
 */
public record HourResult(Instant hourStart, List<ThanosRow> rows, SkippedSeries skipped) {
    public HourResult {
        rows = List.copyOf(rows);
    }
}

package thanos;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queries one hour window [H, H+1h) and joins it into {@code cluster_thanos_info} rows: first
 * {@link PromQl#SUBSCRIBED_CLUSTERS}, then {@link PromQl#subscriptionLabels} for the ids found,
 * {@code idChunkSize} ids per query (see {@link PromQl} for the exact PromQL).
 */
public final class ThanosHourQuery {
    private static final Logger LOG = LoggerFactory.getLogger(ThanosHourQuery.class);

    private final InstantQueryApi api;
    private final int idChunkSize;

    public ThanosHourQuery(InstantQueryApi api, int idChunkSize) {
        if (idChunkSize < 1) {
            throw new IllegalArgumentException("idChunkSize must be at least 1: " + idChunkSize);
        }
        this.api = api;
        this.idChunkSize = idChunkSize;
    }

    public ThanosHourQuery(ThanosClient client) {
        this(client, client.config().idChunkSize());
    }

    /**
     * @param hourStart a whole UTC hour
     * @throws ThanosUnavailableException when any of the queries fails: the hour has no partial result
     */
    public HourResult query(Instant hourStart) {
        if (!hourStart.truncatedTo(ChronoUnit.HOURS).equals(hourStart)) {
            throw new IllegalArgumentException("not a whole hour: " + hourStart);
        }
        long started = System.nanoTime();
        Instant at = PromQl.evaluationTime(hourStart);
        HourJoin join = new HourJoin(hourStart);
        join.addSubscribed(api.instantQuery(PromQl.SUBSCRIBED_CLUSTERS, at));
        List<String> queries = PromQl.subscriptionLabelsChunks(join.clusterIds(), idChunkSize);
        for (String promql : queries) {
            join.addLabels(api.instantQuery(promql, at));
        }
        HourResult result = join.result();
        LOG.info("Thanos hour {}: {} rows from {} subscribed clusters in {} queries, skipped {} in {} ms",
                hourStart, result.rows().size(), join.clusterIds().size(), 1 + queries.size(), result.skipped(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return result;
    }
}

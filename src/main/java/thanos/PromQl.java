package thanos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The PromQL sent for one hour window [H, H+1h) (spec §13.2 leaves it undocumented). Both are
 * instant queries evaluated at {@code time = H+1h-1ms}:
 *
 * <pre>
 * max by (_id, ebs_account) (max_over_time(id_version_ebs_account_internal:cluster_subscribed[1h]))
 * max by (_id, email_domain, managed, support) (max_over_time(subscription_labels{_id=~"ID1|ID2|…"}[1h]))
 * </pre>
 *
 * Why this shape:
 * <ul>
 * <li>{@code max_over_time(…[1h])} keeps every series that had at least one sample in the
 * hour, so a cluster that reported only early in the hour still counts; a plain instant
 * selector would see only the last 5 minutes (the lookback).</li>
 * <li>{@code time = H+1h-1ms}: Prometheus 3 range selectors are left-open, {@code (t-1h, t]},
 * which at millisecond resolution is exactly [H, H+1h); Prometheus 2 (closed {@code [t-1h, t]})
 * adds only the instant H-1ms. Either way a sample at H+1h belongs to the next hour only.</li>
 * <li>{@code max by (…)} drops the labels the table does not use ({@code version},
 * {@code internal}, {@code managed} of the recording rule), so an upgrade within the hour does
 * not produce two series for one cluster.</li>
 * <li>The second query is filtered to the cluster ids the first one found, at most
 * {@link ThanosConfig#idChunkSize()} ids per query, sorted, joined by {@code |} in a fully anchored
 * {@code =~} matcher. The ids were validated as UUIDs (hex digits and hyphens), so they need no
 * regex escaping.</li>
 * </ul>
 * No step: instant queries over a range vector need none.
 */
public final class PromQl {
    public static final String SUBSCRIBED_CLUSTERS =
            "max by (_id, ebs_account) (max_over_time(id_version_ebs_account_internal:cluster_subscribed[1h]))";

    private PromQl() {
    }

    /** The {@code subscription_labels} query for these ids (UUIDs, as validated by {@link ThanosSeries}). */
    public static String subscriptionLabels(List<String> clusterIds) {
        if (clusterIds.isEmpty()) {
            throw new IllegalArgumentException("no cluster ids");
        }
        for (String id : clusterIds) {
            if (!ThanosSeries.isUuid(id)) {
                throw new IllegalArgumentException("not a UUID, refusing to put it into a regex matcher: " + id);
            }
        }
        return "max by (_id, email_domain, managed, support) (max_over_time(subscription_labels{_id=~\""
                + String.join("|", clusterIds) + "\"}[1h]))";
    }

    /** One {@code subscription_labels} query per chunk of {@code chunkSize} ids, in the given order. */
    public static List<String> subscriptionLabelsChunks(List<String> clusterIds, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1: " + chunkSize);
        }
        List<String> queries = new ArrayList<>();
        for (int from = 0; from < clusterIds.size(); from += chunkSize) {
            queries.add(subscriptionLabels(clusterIds.subList(from, Math.min(from + chunkSize, clusterIds.size()))));
        }
        return queries;
    }

    /** The evaluation time of both queries for the hour starting at {@code hourStart}. */
    public static Instant evaluationTime(Instant hourStart) {
        return hourStart.plus(Duration.ofHours(1)).minusMillis(1);
    }
}

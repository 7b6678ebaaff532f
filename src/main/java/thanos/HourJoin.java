package thanos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thanos.ThanosSeries.Labels;
import thanos.ThanosSeries.MalformedSeriesException;
import thanos.ThanosSeries.Subscribed;

/**
 * Joins one hour's {@code cluster_subscribed} and {@code subscription_labels} series on
 * {@code _id} into {@code cluster_thanos_info} rows. Malformed series are logged, counted and
 * skipped. A cluster without valid labels gets no row (spec gap §13.2: the row needs
 * email_domain and support). When a cluster has two different series in the hour (its labels
 * changed), the first in label order is kept, so re-querying an hour gives the same rows.
 */
final class HourJoin {
    private static final Logger LOG = LoggerFactory.getLogger(HourJoin.class);
    private static final Comparator<Subscribed> SUBSCRIBED_ORDER = Comparator.comparing(Subscribed::ebsAccount);
    private static final Comparator<Labels> LABELS_ORDER = Comparator.comparing(Labels::emailDomain)
            .thenComparing(Labels::managed).thenComparing(Labels::support);

    private final Instant hourStart;
    private final TreeMap<String, Subscribed> subscribed = new TreeMap<>();
    private final Map<String, Labels> labels = new HashMap<>();
    private int malformed;
    private int conflicting;

    HourJoin(Instant hourStart) {
        this.hourStart = hourStart;
    }

    void addSubscribed(List<Map<String, String>> series) {
        for (Map<String, String> s : series) {
            try {
                Subscribed next = ThanosSeries.subscribed(s);
                keepFirst(subscribed, next.clusterId(), next, SUBSCRIBED_ORDER);
            } catch (MalformedSeriesException e) {
                malformed++;
                LOG.warn("hour {}: skipping cluster_subscribed series {}: {}", hourStart, s, e.getMessage());
            }
        }
    }

    /** The subscribed cluster ids found so far, sorted: the filter of the labels queries. */
    List<String> clusterIds() {
        return new ArrayList<>(subscribed.keySet());
    }

    void addLabels(List<Map<String, String>> series) {
        for (Map<String, String> s : series) {
            try {
                Labels next = ThanosSeries.labels(s);
                if (!subscribed.containsKey(next.clusterId())) {
                    // Only possible if the server ignored the _id filter; nothing to join with.
                    LOG.debug("hour {}: ignoring subscription_labels of unsubscribed cluster {}", hourStart, s);
                    continue;
                }
                keepFirst(labels, next.clusterId(), next, LABELS_ORDER);
            } catch (MalformedSeriesException e) {
                malformed++;
                LOG.warn("hour {}: skipping subscription_labels series {}: {}", hourStart, s, e.getMessage());
            }
        }
    }

    HourResult result() {
        List<ThanosRow> rows = new ArrayList<>();
        int withoutLabels = 0;
        for (Subscribed s : subscribed.values()) {
            Labels l = labels.get(s.clusterId());
            if (l == null) {
                withoutLabels++;
                LOG.info("hour {}: cluster {} has no valid subscription_labels, no row", hourStart, s.clusterId());
                continue;
            }
            rows.add(new ThanosRow(s.clusterId(), s.ebsAccount(), l.emailDomain(), l.managed(), l.support(), hourStart));
        }
        return new HourResult(hourStart, rows, new SkippedSeries(malformed, withoutLabels, conflicting));
    }

    private <T> void keepFirst(Map<String, T> map, String id, T next, Comparator<T> order) {
        T current = map.get(id);
        if (current == null) {
            map.put(id, next);
        } else if (!current.equals(next)) {
            conflicting++;
            T kept = order.compare(next, current) < 0 ? next : current;
            LOG.warn("hour {}: cluster {} has conflicting series {} and {}; keeping {}", hourStart, id, current, next, kept);
            map.put(id, kept);
        }
    }
}

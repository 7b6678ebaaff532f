package thanos;

import java.time.Instant;

/**
 * One {@code cluster_thanos_info} row (contract §13.4): one cluster in one hour window.
 *
 * @param collectedAt the window start H (spec §13.2: "collected_at is the window timestamp")
 */
public record ThanosRow(String clusterId, String ebsAccount, String emailDomain, boolean managed, String support,
        Instant collectedAt) {
}

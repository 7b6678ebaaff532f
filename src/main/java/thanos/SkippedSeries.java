package thanos;

/**
 * What one hour's join left out, for logs and metrics.
 *
 * @param malformed     series of either metric failing contract §13.2 (bad UUID, ebs_account,
 *                      email domain, managed, support)
 * @param withoutLabels subscribed clusters with no valid {@code subscription_labels} series in
 *                      the hour: no row, the table needs email_domain and support
 * @param conflicting   extra series of a cluster whose labels changed within the hour; the first
 *                      in label order is kept so a re-query gives the same row
 */
public record SkippedSeries(int malformed, int withoutLabels, int conflicting) {
    public static final SkippedSeries NONE = new SkippedSeries(0, 0, 0);

    public int total() {
        return malformed + withoutLabels + conflicting;
    }
}

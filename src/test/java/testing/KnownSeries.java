package testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The Thanos series the Prometheus stand-in is loaded with (contract §13.2): one sample a minute for
 * {@link #HOURS} whole hours ending at the last full hour before the test run.
 */
public final class KnownSeries {
    public static final int HOURS = 4;
    public static final Instant END = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
    public static final Instant START = END.minus(HOURS, ChronoUnit.HOURS);

    /** A subscribed cluster, with its subscription labels, or {@code emailDomain == null} when it has none. */
    public record Cluster(String id, String ebsAccount, String emailDomain, boolean managed, String support) {
    }

    public static final List<Cluster> CLUSTERS = List.of(
            new Cluster("10bc27ef-1111-4fc8-85a2-a1231dc614e9", "6181891", "us.ibm.com", false, "Premium"),
            new Cluster("4976be4c-1111-460b-a4cf-e22ed1d96923", "1234567", "redhat.com", true, "Standard"),
            new Cluster("5c8a2e1d-2222-4d3f-9a1b-0c9d8e7f6a5b", "7654321", null, false, null));

    private KnownSeries() {
    }

    public static Path writeOpenMetrics(Path file) {
        StringBuilder om = new StringBuilder();
        om.append("# TYPE id_version_ebs_account_internal:cluster_subscribed gauge\n");
        for (Cluster c : CLUSTERS) {
            samples(om, "id_version_ebs_account_internal:cluster_subscribed{_id=\"" + c.id() + "\",ebs_account=\""
                    + c.ebsAccount() + "\",internal=\"false\",managed=\"" + c.managed() + "\"}");
        }
        om.append("# TYPE subscription_labels gauge\n");
        for (Cluster c : CLUSTERS) {
            if (c.emailDomain() != null) {
                samples(om, "subscription_labels{_id=\"" + c.id() + "\",email_domain=\"" + c.emailDomain()
                        + "\",managed=\"" + c.managed() + "\",support=\"" + c.support() + "\"}");
            }
        }
        om.append("# EOF\n");
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, om);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void samples(StringBuilder om, String series) {
        for (long t = START.getEpochSecond(); t <= END.getEpochSecond(); t += 60) {
            om.append(series).append(" 1 ").append(t).append('\n');
        }
    }
}

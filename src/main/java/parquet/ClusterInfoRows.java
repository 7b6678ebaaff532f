package parquet;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static parquet.FeatureValues.integer;
import static parquet.FeatureValues.list;
import static parquet.FeatureValues.object;
import static parquet.FeatureValues.text;

/**
 * Feature {@code cluster_info} → table {@code cluster_info}: one row per network of the archive
 * (§13.4), from the {@code networks} object the features service writes
 * ({@link features.ClusterInfoExtractor}): {@code {"service": [{"cidr"}], "cluster": [{"cidr",
 * "host_prefix"}]}}, service networks first, each in source order.
 * <ul>
 *   <li>{@code cluster_version} ← {@code current_version} (§15.5: the validator's name).</li>
 *   <li>{@code network_kind} ← the array's name; {@code network_size} ← the CIDR's mask as
 *       {@code /NN}, at least two digits; {@code network_host_prefix} ← {@code host_prefix}, 0 for
 *       service networks.</li>
 * </ul>
 * The columns all rows of the archive share (versions, platform, network type, channel, MTU) are
 * checked once: if one fails, the archive has no {@code cluster_info} rows and one rejection is
 * reported, because §6.6 wants every row of an archive to agree on them. A network entry that
 * fails alone (no CIDR, no host prefix) is skipped alone. An archive without any network entry
 * has no row to write and is reported as rejected too: that is lost information worth counting.
 */
final class ClusterInfoRows implements FeatureMapper {

    private static final Pattern MASK = Pattern.compile(".+/([0-9]{1,3})");

    @Override
    public String featureId() {
        return "cluster_info";
    }

    @Override
    public ParquetTable table() {
        return ParquetTable.CLUSTER_INFO;
    }

    @Override
    public void map(Map<String, Object> row, ArchiveSource source, MappedRows.Builder out) {
        String version = ValueChecks.version("cluster_version", text(row, "current_version"));
        String platform = ValueChecks.oneOf("platform", text(row, "platform"), ValueChecks.PLATFORMS);
        String desired = ValueChecks.version("desired_version", text(row, "desired_version"));
        String initial = ValueChecks.version("initial_version", text(row, "initial_version"));
        String networkType = ValueChecks.nonEmpty("network_type", text(row, "network_type"));
        String channel = ValueChecks.nonEmpty("channel", text(row, "channel"));
        int mtu = ValueChecks.nonNegativeInt("network_mtu", integer(row, "network_mtu"));
        Map<String, Object> networks = object(row, "networks");
        if (networks == null) {
            throw ValueChecks.reject("networks", "missing");
        }
        List<?> service = list(networks, "service");
        List<?> cluster = list(networks, "cluster");
        if (service.isEmpty() && cluster.isEmpty()) {
            throw ValueChecks.reject("networks", "no service or cluster network");
        }
        for (String kind : List.of("service", "cluster")) {
            for (Object entry : kind.equals("service") ? service : cluster) {
                out.add(table(), source.hour(), source.archivePath(), () -> {
                    Network network = network(kind, entry);
                    return table().row()
                            .set("cluster_id", source.clusterId())
                            .set("cluster_version", version)
                            .set("platform", platform)
                            .set("collected_at", source.collectedAtMillis())
                            .set("desired_version", desired)
                            .set("initial_version", initial)
                            .set("network_type", networkType)
                            .set("channel", channel)
                            .set("network_mtu", mtu)
                            .set("network_kind", kind)
                            .set("network_size", network.size())
                            .set("network_host_prefix", network.hostPrefix())
                            .set("archive_path", source.archivePath())
                            .build();
                });
            }
        }
    }

    private record Network(String size, int hostPrefix) {
    }

    /** A service entry may also be a bare CIDR string. */
    private static Network network(String kind, Object entry) {
        String cidr;
        Long hostPrefix = null;
        if (entry instanceof String text) {
            cidr = text;
        } else {
            Map<String, Object> item = FeatureValues.element(kind, entry);
            cidr = text(item, "cidr");
            hostPrefix = integer(item, "host_prefix");
        }
        int prefix = kind.equals("service") ? 0 : ValueChecks.uint8("network_host_prefix", hostPrefix);
        return new Network(networkSize(cidr), prefix);
    }

    /** {@code 172.30.0.0/16} → {@code /16}; {@code 10.0.0.0/8} → {@code /08} (§13.4). */
    static String networkSize(String cidr) {
        Matcher m = MASK.matcher(ValueChecks.present("network_size", cidr));
        if (!m.matches() || Integer.parseInt(m.group(1)) > 128) {
            throw ValueChecks.reject("network_size", ValueChecks.quote(cidr) + " is not a CIDR");
        }
        return String.format("/%02d", Integer.parseInt(m.group(1)));
    }
}

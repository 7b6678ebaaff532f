package parquet;

import model.FeatureIds;
import java.util.ArrayList;
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
 * Every archive with the feature gives at least one row, whatever its values (docs/parquet-values.md):
 * a platform outside the 2021 list, a version that is not {@code N.N.N}, no channel (a
 * disconnected cluster), no MTU (0), no network at all (one row with {@code network_kind},
 * {@code network_size} "" and prefix 0). A CIDR without a mask is written as given. Only an
 * MTU or host prefix out of its unsigned range rejects rows, counted.
 */
final class ClusterInfoRows implements FeatureMapper {

    private static final Pattern MASK = Pattern.compile(".+/([0-9]{1,3})");

    @Override
    public String featureId() {
        return FeatureIds.CLUSTER_INFO;
    }

    @Override
    public ParquetTable table() {
        return ParquetTable.CLUSTER_INFO;
    }

    @Override
    public void map(Map<String, Object> row, ArchiveSource source, MappedRows.Builder out) {
        String version = ValueChecks.text(text(row, "current_version"));
        String platform = ValueChecks.text(text(row, "platform"));
        String desired = ValueChecks.text(text(row, "desired_version"));
        String initial = ValueChecks.text(text(row, "initial_version"));
        String networkType = ValueChecks.text(text(row, "network_type"));
        String channel = ValueChecks.text(text(row, "channel"));
        int mtu = ValueChecks.unsignedInt("network_mtu", integer(row, "network_mtu"));
        Map<String, Object> networks = object(row, "networks");
        List<Entry> entries = new ArrayList<>();
        for (String kind : List.of("service", "cluster")) {
            for (Object entry : networks == null ? List.of() : list(networks, kind)) {
                entries.add(new Entry(kind, entry));
            }
        }
        if (entries.isEmpty()) {
            entries.add(new Entry("", null)); // the cluster still has its row
        }
        for (Entry entry : entries) {
            String kind = entry.kind();
            out.add(table(), source.hour(), source.archivePath(), () -> {
                Network network = network(kind, entry.value());
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

    /** One element of the feature's {@code service} or {@code cluster} list, with the list's name. */
    private record Entry(String kind, Object value) {
    }

    private record Network(String size, int hostPrefix) {
        static final Network NONE = new Network("", 0);
    }

    /** A service entry may also be a bare CIDR string; no entry is {@link Network#NONE}. */
    private static Network network(String kind, Object entry) {
        if (entry == null) {
            return Network.NONE;
        }
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

    /**
     * {@code 172.30.0.0/16} → {@code /16}; {@code 10.0.0.0/8} → {@code /08} (§13.4). Absent is "";
     * a text without a mask is written as given (data, not an error).
     */
    static String networkSize(String cidr) {
        if (cidr == null) {
            return "";
        }
        Matcher m = MASK.matcher(cidr);
        return m.matches() ? String.format("/%02d", Integer.parseInt(m.group(1))) : cidr;
    }
}

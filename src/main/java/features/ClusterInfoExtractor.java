package features;

import model.FeatureIds;
import archive.ArchiveFiles;
import archive.FileSelector;
import com.fasterxml.jackson.databind.JsonNode;
import features.ClusterVersionStatus.HistoryEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feature {@code cluster_info}: one row per archive (contract §12.3), from the ClusterVersion
 * ({@code config/version}), the Infrastructure ({@code config/infrastructure}) and the Network
 * config ({@code config/network}); each in the {@code .json} file or the directory layout.
 * <p>
 * The row exists when at least one of the three resources is in the archive; columns of a missing
 * resource are null. With none of them, {@code data} is empty.
 *
 * <h2>Columns</h2>
 * <ul>
 *   <li>{@code platform}: Infrastructure {@code status.platformStatus.type}, else {@code status.platform},
 *       else {@code spec.platformSpec.type}.</li>
 *   <li>{@code network_type}: Network {@code status.networkType}, else {@code spec.networkType}.</li>
 *   <li>{@code network_mtu}: Network {@code status.clusterNetworkMTU} (integer), else null.</li>
 *   <li>{@code networks}: see below; null when there is no Network resource.</li>
 *   <li>{@code channel}: ClusterVersion {@code spec.channel}.</li>
 *   <li>{@code current_version}: the newest {@code Completed} history entry, else
 *       {@code status.desired.version} (nothing completed yet).</li>
 *   <li>{@code desired_version}: {@code status.desired.version}.</li>
 *   <li>{@code initial_version}: the oldest history entry (the install).</li>
 *   <li>{@code installed_at}: the oldest entry's {@code completionTime}, else its {@code startedTime}
 *       (an install that never completed).</li>
 *   <li>{@code failing_since}: {@code lastTransitionTime} of condition {@code Failing=True}, else null.</li>
 *   <li>{@code upgrading_since}: {@code startedTime} of the newest history entry when it is still
 *       {@code Partial} and is not the install (an older entry exists), else null.</li>
 *   <li>{@code last_y_upgrade_at} / {@code last_z_upgrade_at}: {@code completionTime} of the newest
 *       completed entry whose version differs from the previous completed one in major.minor
 *       (y) or only below it (z); null when there was none.</li>
 * </ul>
 *
 * <h2>{@code networks}</h2>
 * An object with two arrays, so the Parquet {@code cluster_info} table can write one row per entry
 * ({@code network_kind} = the array's name, {@code network_size} from the CIDR mask,
 * {@code network_host_prefix} = {@code host_prefix}, 0 for service networks):
 * <pre>{@code
 * {"service": [{"cidr": "172.30.0.0/16"}],
 *  "cluster": [{"cidr": "10.128.0.0/14", "host_prefix": 23}]}
 * }</pre>
 * {@code service} comes from {@code spec.serviceNetwork} (a list of CIDR strings), {@code cluster}
 * from {@code spec.clusterNetwork[]} ({@code cidr}, {@code hostPrefix}); each list falls back to the
 * same list under {@code status} when the spec has none. Both keys are always present (possibly
 * empty arrays); {@code cidr} is a string, left out of a cluster entry without one (the entry
 * is kept: docs/parquet-values.md); {@code host_prefix} is an integer and is left out of a cluster
 * entry whose source has no integer {@code hostPrefix}. Order is the source order.
 */
public final class ClusterInfoExtractor implements FeatureExtractor {

    private static final FeatureFields FIELDS = FeatureFields.builder()
            .add("cluster_id", FieldType.STRING)
            .add("platform", FieldType.STRING)
            .add("network_type", FieldType.STRING)
            .add("network_mtu", FieldType.INTEGER)
            .add("networks", FieldType.OBJECT)
            .add("channel", FieldType.STRING)
            .add("initial_version", FieldType.STRING)
            .add("current_version", FieldType.STRING)
            .add("desired_version", FieldType.STRING)
            .add("installed_at", FieldType.DATETIME)
            .add("failing_since", FieldType.DATETIME)
            .add("upgrading_since", FieldType.DATETIME)
            .add("last_y_upgrade_at", FieldType.DATETIME)
            .add("last_z_upgrade_at", FieldType.DATETIME)
            .add("analysis_time", FieldType.DATETIME)
            .add("path", FieldType.STRING)
            .build();

    static final String INFRASTRUCTURE = "config/infrastructure";
    static final String NETWORK = "config/network";

    @Override
    public String featureId() {
        return FeatureIds.CLUSTER_INFO;
    }

    @Override
    public FeatureFields fields() {
        return FIELDS;
    }

    @Override
    public FileSelector requiredFiles() {
        return FileSelector.of(ClusterVersionStatus.FILES)
                .union(FileSelector.of(INFRASTRUCTURE + ".json", INFRASTRUCTURE + "/*.json",
                        NETWORK + ".json", NETWORK + "/*.json"));
    }

    @Override
    public List<Map<String, Object>> rows(ArchiveFiles files, FeatureContext context) {
        Optional<JsonNode> version = files.resource(ClusterVersionStatus.RESOURCE);
        Optional<JsonNode> infrastructure = files.resource(INFRASTRUCTURE);
        Optional<JsonNode> network = files.resource(NETWORK);
        if (version.isEmpty() && infrastructure.isEmpty() && network.isEmpty()) {
            return List.of();
        }
        FeatureFields.RowBuilder row = FIELDS.row()
                .set("cluster_id", context.clusterId())
                .set("platform", infrastructure.map(ClusterInfoExtractor::platform).orElse(null))
                .set("network_type", network.map(n -> firstText(n.path("status").path("networkType"),
                        n.path("spec").path("networkType"))).orElse(null))
                .set("network_mtu", network.map(n -> JsonText.integer(n.path("status").path("clusterNetworkMTU")))
                        .orElse(null))
                .set("networks", network.map(ClusterInfoExtractor::networks).orElse(null))
                .set("analysis_time", context.analysisTimeText())
                .set("path", context.cephPath());
        versionColumns(row, version.map(ClusterVersionStatus::new).orElse(null));
        return List.of(row.build());
    }

    private static String platform(JsonNode infrastructure) {
        return firstText(infrastructure.path("status").path("platformStatus").path("type"),
                infrastructure.path("status").path("platform"),
                infrastructure.path("spec").path("platformSpec").path("type"));
    }

    private static Map<String, Object> networks(JsonNode network) {
        List<Object> service = new ArrayList<>();
        for (String cidr : JsonText.texts(specElseStatus(network, "serviceNetwork"))) {
            service.add(Map.of("cidr", cidr));
        }
        List<Object> cluster = new ArrayList<>();
        for (JsonNode entry : JsonText.elements(specElseStatus(network, "clusterNetwork"))) {
            String cidr = JsonText.nonEmptyText(entry.path("cidr"));
            Map<String, Object> item = new LinkedHashMap<>();
            if (cidr != null) { // an entry without one is still a network: kept, without "cidr"
                item.put("cidr", cidr);
            }
            Long hostPrefix = JsonText.integer(entry.path("hostPrefix"));
            if (hostPrefix != null) {
                item.put("host_prefix", hostPrefix);
            }
            cluster.add(item);
        }
        Map<String, Object> networks = new LinkedHashMap<>();
        networks.put("service", service);
        networks.put("cluster", cluster);
        return networks;
    }

    /** The spec's list when it has entries: the spec is what the admin configured. */
    private static JsonNode specElseStatus(JsonNode network, String list) {
        JsonNode spec = network.path("spec").path(list);
        return spec.isArray() && !spec.isEmpty() ? spec : network.path("status").path(list);
    }

    private static void versionColumns(FeatureFields.RowBuilder row, ClusterVersionStatus version) {
        if (version == null) {
            for (String name : List.of("channel", "initial_version", "current_version", "desired_version",
                    "installed_at", "failing_since", "upgrading_since", "last_y_upgrade_at", "last_z_upgrade_at")) {
                row.set(name, null);
            }
            return;
        }
        List<HistoryEntry> history = version.history();
        HistoryEntry install = history.isEmpty() ? null : history.get(history.size() - 1);
        HistoryEntry newest = history.isEmpty() ? null : history.get(0);
        row.set("channel", JsonText.nonEmptyText(version.root().path("spec").path("channel")))
                .set("initial_version", install == null ? null : install.version())
                .set("current_version", version.currentVersion())
                .set("desired_version", version.desiredVersion())
                .set("installed_at", install == null ? null
                        : time(install.completionTime()).orElseGet(() -> time(install.startedTime()).orElse(null)))
                .set("failing_since", version.condition("Failing")
                        .filter(c -> "True".equals(JsonText.text(c.path("status"))))
                        .flatMap(c -> time(JsonText.text(c.path("lastTransitionTime")))).orElse(null))
                .set("upgrading_since", newest != null && history.size() > 1 && "Partial".equals(newest.state())
                        ? time(newest.startedTime()).orElse(null) : null);
        String lastY = null;
        String lastZ = null;
        HistoryEntry previous = null;
        for (HistoryEntry entry : version.historyOldestFirst()) {
            if (!entry.completed()) {
                continue;
            }
            if (previous != null && !previous.version().equals(entry.version())) {
                Optional<int[]> before = ClusterVersionStatus.parts(previous.version());
                Optional<int[]> after = ClusterVersionStatus.parts(entry.version());
                if (before.isPresent() && after.isPresent()) {
                    String at = time(entry.completionTime()).orElse(null);
                    boolean sameMinor = before.get()[0] == after.get()[0] && before.get()[1] == after.get()[1];
                    if (sameMinor) {
                        lastZ = at;
                    } else {
                        lastY = at;
                    }
                }
            }
            previous = entry;
        }
        row.set("last_y_upgrade_at", lastY).set("last_z_upgrade_at", lastZ);
    }

    private static Optional<String> time(String rfc3339) {
        return NaiveTime.parse(rfc3339);
    }

    private static String firstText(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            String text = JsonText.nonEmptyText(candidate);
            if (text != null) {
                return text;
            }
        }
        return null;
    }
}

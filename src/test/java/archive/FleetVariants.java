package archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Archives varied the way a real fleet varies, made from the bundled sample: platforms OpenShift
 * added after the 2021 validator's list, a disconnected cluster without an update channel, no MTU,
 * no network config, versions that are not {@code N.N.N}, an operator condition type newer than
 * the list. Each variant is its own cluster ({@code config/id} and ClusterVersion
 * {@code spec.clusterID} are a name-based UUID of the variant's name), so "one
 * {@code cluster_info} row per cluster" can be checked.
 */
public final class FleetVariants {

    /** Platforms of {@code Infrastructure.status.platformStatus.type} newer than the 2021 list. */
    public static final List<String> NEWER_PLATFORMS = List.of("Nutanix", "External", "IBMCloud", "PowerVS",
            "AlibabaCloud", "EquinixMetal");

    private FleetVariants() {
    }

    /** Variant name → archive bytes, in a stable order; the sample itself first. */
    public static Map<String, byte[]> all() {
        Map<String, UnaryOperator<SampleArchive>> edits = new LinkedHashMap<>();
        edits.put("sample", a -> a);
        for (String platform : NEWER_PLATFORMS) {
            edits.put("platform-" + platform.toLowerCase(), a -> platform(a, platform));
        }
        edits.put("no-channel", a -> a.editJson("config/version.json", v -> ((ObjectNode) v.get("spec")).remove("channel")));
        edits.put("no-mtu", a -> a.editJson("config/network.json", n -> ((ObjectNode) n.get("status")).remove("clusterNetworkMTU")));
        edits.put("no-network-config", a -> a.without("config/network.json"));
        edits.put("odd-versions", a -> a.editJson("config/version.json", v -> {
            ObjectNode status = (ObjectNode) v.get("status");
            ((ObjectNode) status.get("desired")).put("version", "4.17");
            ((ObjectNode) status.get("history").get(0)).put("version", "v4.16-nightly");
        }));
        edits.put("disconnected-nutanix", a -> platform(a, "Nutanix")
                .editJson("config/version.json", v -> ((ObjectNode) v.get("spec")).remove("channel"))
                .editJson("config/network.json", n -> ((ObjectNode) n.get("status")).remove("clusterNetworkMTU")));
        Map<String, byte[]> out = new LinkedHashMap<>();
        edits.forEach((name, edit) -> out.put(name, ownCluster(edit.apply(SampleArchive.load()), name).bytes()));
        return out;
    }

    /** The variants as {@code <name>.tar.gz} files in {@code dir}. */
    public static List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, byte[]> variant : all().entrySet()) {
            files.add(Files.write(dir.resolve(variant.getKey() + ".tar.gz"), variant.getValue()));
        }
        return files;
    }

    /** The cluster a variant's archive belongs to. */
    public static String clusterId(String variant) {
        return UUID.nameUUIDFromBytes(("fleet-variant " + variant).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static SampleArchive platform(SampleArchive archive, String platform) {
        return archive.editJson("config/infrastructure.json", infra -> {
            ObjectNode status = (ObjectNode) infra.get("status");
            status.put("platform", platform);
            ((ObjectNode) status.get("platformStatus")).put("type", platform);
            ((ObjectNode) infra.get("spec").get("platformSpec")).put("type", platform);
        });
    }

    private static SampleArchive ownCluster(SampleArchive archive, String variant) {
        String id = clusterId(variant);
        SampleArchive edited = archive.with("config/id", id);
        return edited.has("config/version.json")
                ? edited.editJson("config/version.json", v -> ((ObjectNode) v.get("spec")).put("clusterID", id)) : edited;
    }
}

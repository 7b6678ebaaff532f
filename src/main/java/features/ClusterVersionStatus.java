package features;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the ClusterVersion resource ({@code config/version}): its update history and the versions
 * derived from it. {@code status.history} is newest first, as the cluster-version operator writes it.
 */
final class ClusterVersionStatus {

    /** The archive resource name; {@link archive.ArchiveFiles#resource} accepts both layouts. */
    static final String RESOURCE = "config/version";
    /** Both layouts of contract §8.2: the newer single file and the older directory. */
    static final String[] FILES = {"config/version.json", "config/version/*.json"};

    private static final Pattern MAJOR_MINOR_PATCH = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** One {@code status.history} entry. */
    record HistoryEntry(String state, String version, String startedTime, String completionTime) {
        boolean completed() {
            return "Completed".equals(state);
        }
    }

    private final JsonNode root;

    ClusterVersionStatus(JsonNode root) {
        this.root = root;
    }

    JsonNode root() {
        return root;
    }

    JsonNode status() {
        return root.path("status");
    }

    /** History, newest first; entries without a version are skipped. */
    List<HistoryEntry> history() {
        List<HistoryEntry> out = new ArrayList<>();
        for (JsonNode entry : JsonText.elements(status().path("history"))) {
            String version = JsonText.nonEmptyText(entry.path("version"));
            if (version != null) {
                out.add(new HistoryEntry(JsonText.text(entry.path("state")), version,
                        JsonText.text(entry.path("startedTime")), JsonText.text(entry.path("completionTime"))));
            }
        }
        return out;
    }

    String desiredVersion() {
        return JsonText.nonEmptyText(status().path("desired").path("version"));
    }

    /** The newest completed version; the desired version while nothing has completed yet. */
    String currentVersion() {
        return history().stream().filter(HistoryEntry::completed).map(HistoryEntry::version)
                .findFirst().orElseGet(this::desiredVersion);
    }

    /** {@code status.conditions[type=...]}, if present. */
    Optional<JsonNode> condition(String type) {
        return JsonText.elements(status().path("conditions")).stream()
                .filter(c -> type.equals(JsonText.text(c.path("type")))).findFirst();
    }

    /** History oldest first (the order upgrades happened in). */
    List<HistoryEntry> historyOldestFirst() {
        List<HistoryEntry> out = new ArrayList<>(history());
        Collections.reverse(out);
        return out;
    }

    /** {major, minor, patch} of a version text; patch -1 when absent; empty if not a version. */
    static Optional<int[]> parts(String version) {
        Matcher m = version == null ? null : MAJOR_MINOR_PATCH.matcher(version);
        if (m == null || !m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? -1 : Integer.parseInt(m.group(3))});
        } catch (NumberFormatException e) {
            return Optional.empty(); // digits too long for an int: not a version we can compare
        }
    }
}

package features;

import model.FeatureIds;
import archive.ArchiveFiles;
import archive.FileSelector;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feature {@code cluster_version_updates} (ours, not in PIPELINE §12.3): the updates the
 * ClusterVersion ({@code config/version}) offers, the input of the Parquet tables
 * {@code available_updates}, {@code conditional_update_conditions} and
 * {@code conditional_update_risks} (§13.4), whose source the spec does not document (§15.11).
 * Named after what it reads, like the other features.
 * <p>
 * One row per update: first each {@code status.availableUpdates[]} entry ({@code kind}
 * {@code available}), then each {@code status.conditionalUpdates[]} entry ({@code kind}
 * {@code conditional}), in source order. Since OpenShift 4.10 a conditional update that is
 * recommended is in both lists: it then has two rows, as it has a row in both tables. An entry
 * without a version has {@code release} null (it is still an update the cluster was offered); no
 * ClusterVersion, no rows.
 *
 * <h2>Schema (version 1.0)</h2>
 * <table>
 *   <tr><th>name</th><th>type</th><th>value</th></tr>
 *   <tr><td>cluster_id</td><td>String</td><td>the message's cluster UUID</td></tr>
 *   <tr><td>current_version</td><td>String</td><td>the cluster's version: newest completed history entry, else
 *       {@code status.desired.version}; null if neither</td></tr>
 *   <tr><td>kind</td><td>String</td><td>{@code available} or {@code conditional}</td></tr>
 *   <tr><td>release</td><td>String</td><td>the update's version: {@code version} of an available update,
 *       {@code release.version} of a conditional one</td></tr>
 *   <tr><td>recommended</td><td>String</td><td>conditional: status of the {@code Recommended} condition,
 *       {@code True}/{@code False}/{@code Unknown} (text, as the table wants), {@code Unknown} when the
 *       condition is missing; available: null</td></tr>
 *   <tr><td>reason</td><td>String</td><td>conditional: the condition's reason, null when absent; available: null</td></tr>
 *   <tr><td>message</td><td>String</td><td>conditional: the condition's message, null when absent; available: null</td></tr>
 *   <tr><td>risks</td><td>List</td><td>conditional: the {@code risks[].name} strings in order; available: []</td></tr>
 *   <tr><td>analysis_time</td><td>DateTime</td><td>extraction time, UTC</td></tr>
 *   <tr><td>path</td><td>String</td><td>the Ceph path</td></tr>
 * </table>
 * Parquet: {@code available_updates} = rows of kind {@code available}; {@code conditional_update_conditions}
 * = rows of kind {@code conditional}; {@code conditional_update_risks} = one row per element of
 * {@code risks} of those rows.
 */
public final class ClusterVersionUpdatesExtractor implements FeatureExtractor {

    private static final FeatureFields FIELDS = FeatureFields.builder()
            .add("cluster_id", FieldType.STRING)
            .add("current_version", FieldType.STRING)
            .add("kind", FieldType.STRING)
            .add("release", FieldType.STRING)
            .add("recommended", FieldType.STRING)
            .add("reason", FieldType.STRING)
            .add("message", FieldType.STRING)
            .add("risks", FieldType.LIST)
            .add("analysis_time", FieldType.DATETIME)
            .add("path", FieldType.STRING)
            .build();

    public static final String AVAILABLE = "available";
    public static final String CONDITIONAL = "conditional";

    @Override
    public String featureId() {
        return FeatureIds.CLUSTER_VERSION_UPDATES;
    }

    @Override
    public FeatureFields fields() {
        return FIELDS;
    }

    @Override
    public FileSelector requiredFiles() {
        return FileSelector.of(ClusterVersionStatus.FILES);
    }

    @Override
    public List<Map<String, Object>> rows(ArchiveFiles files, FeatureContext context) {
        Optional<JsonNode> json = files.resource(ClusterVersionStatus.RESOURCE);
        if (json.isEmpty()) {
            return List.of();
        }
        ClusterVersionStatus version = new ClusterVersionStatus(json.get());
        String current = version.currentVersion();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode update : JsonText.elements(version.status().path("availableUpdates"))) {
            String release = JsonText.nonEmptyText(update.path("version"));
            rows.add(row(context, current, AVAILABLE, release, null, null, null, List.of()));
        }
        for (JsonNode update : JsonText.elements(version.status().path("conditionalUpdates"))) {
            String release = JsonText.nonEmptyText(update.path("release").path("version"));
            Optional<JsonNode> recommended = JsonText.elements(update.path("conditions")).stream()
                    .filter(c -> "Recommended".equals(JsonText.text(c.path("type")))).findFirst();
            List<String> risks = new ArrayList<>();
            for (JsonNode risk : JsonText.elements(update.path("risks"))) {
                String name = JsonText.nonEmptyText(risk.path("name"));
                risks.add(name == null ? "" : name);
            }
            rows.add(row(context, current, CONDITIONAL, release,
                    recommended.map(c -> JsonText.nonEmptyText(c.path("status"))).orElse("Unknown"),
                    recommended.map(c -> JsonText.text(c.path("reason"))).orElse(null),
                    recommended.map(c -> JsonText.text(c.path("message"))).orElse(null),
                    risks));
        }
        return rows;
    }

    private static Map<String, Object> row(FeatureContext context, String current, String kind, String release,
                                           String recommended, String reason, String message, List<String> risks) {
        return FIELDS.row()
                .set("cluster_id", context.clusterId())
                .set("current_version", current)
                .set("kind", kind)
                .set("release", release)
                .set("recommended", recommended)
                .set("reason", reason)
                .set("message", message)
                .set("risks", risks)
                .set("analysis_time", context.analysisTimeText())
                .set("path", context.cephPath())
                .build();
    }
}

package features;

import model.FeatureIds;
import archive.ArchiveFiles;
import archive.FileSelector;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feature {@code workload_info_namespaces}: one row per namespace of the workload fingerprint
 * {@code config/workload_info.json} (its {@code namespaces} object, keyed by the hashed namespace
 * name, in file order), contract §12.3. A namespace without shapes (all its pods terminated) still
 * has a row, with {@code shapes} [].
 * <p>
 * {@code shapes} is a list of Shape objects, keys exactly as the spec names them:
 * <pre>{@code
 * {"containers": [Container...], "initContainers": [Container...],
 *  "shapeInstances": 2, "restartAlways": true}
 * Container: {"imageID": "sha256:...", "firstArg": "...", "firstCommand": "..."}
 * }</pre>
 * <ul>
 *   <li>{@code shapeInstances}: {@code duplicates + 1}. The operator counts in {@code duplicates}
 *       the pods beyond the first with the same shape (and omits it when 0); the shapes' instances
 *       add up to the namespace's pod count minus its terminated pods.</li>
 *   <li>{@code restartAlways}: as gathered, false when absent.</li>
 *   <li>{@code containers}/{@code initContainers}: [] when absent; {@code runtimeInfo} is dropped.</li>
 *   <li>Container {@code imageID}: as gathered, null when absent; {@code firstArg},
 *       {@code firstCommand}: "" when absent (the operator omits empty values).</li>
 * </ul>
 */
public final class WorkloadInfoNamespacesExtractor implements FeatureExtractor {

    private static final FeatureFields FIELDS = FeatureFields.builder()
            .add("cluster_id", FieldType.STRING)
            .add("namespace", FieldType.STRING)
            .add("shapes", FieldType.LIST)
            .build();

    @Override
    public String featureId() {
        return FeatureIds.WORKLOAD_INFO_NAMESPACES;
    }

    @Override
    public FeatureFields fields() {
        return FIELDS;
    }

    @Override
    public FileSelector requiredFiles() {
        return FileSelector.of(WorkloadInfoImagesExtractor.WORKLOAD_INFO);
    }

    @Override
    public List<Map<String, Object>> rows(ArchiveFiles files, FeatureContext context) {
        List<Map<String, Object>> rows = new ArrayList<>();
        files.json(WorkloadInfoImagesExtractor.WORKLOAD_INFO).ifPresent(info ->
                JsonText.fields(info.path("namespaces")).forEach((namespace, pods) -> rows.add(FIELDS.row()
                        .set("cluster_id", context.clusterId())
                        .set("namespace", namespace)
                        .set("shapes", shapes(pods.path("shapes")))
                        .build())));
        return rows;
    }

    private static List<Object> shapes(JsonNode shapes) {
        List<Object> out = new ArrayList<>();
        for (JsonNode shape : JsonText.elements(shapes)) {
            Long duplicates = JsonText.integer(shape.path("duplicates"));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("containers", containers(shape.path("containers")));
            item.put("initContainers", containers(shape.path("initContainers")));
            item.put("shapeInstances", (duplicates == null ? 0 : duplicates) + 1);
            item.put("restartAlways", shape.path("restartAlways").isBoolean() && shape.path("restartAlways").booleanValue());
            out.add(item);
        }
        return out;
    }

    private static List<Object> containers(JsonNode containers) {
        List<Object> out = new ArrayList<>();
        for (JsonNode container : JsonText.elements(containers)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("imageID", JsonText.text(container.path("imageID")));
            item.put("firstArg", JsonText.textOrEmpty(container.path("firstArg")));
            item.put("firstCommand", JsonText.textOrEmpty(container.path("firstCommand")));
            out.add(item);
        }
        return out;
    }
}

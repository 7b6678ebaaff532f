package features;

import model.FeatureIds;
import archive.ArchiveFiles;
import archive.FileSelector;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Feature {@code workload_info_images}: one row per container image of the workload fingerprint
 * {@code config/workload_info.json} (its {@code images} object, keyed by image ID, in file order),
 * contract §12.3.
 * <ul>
 *   <li>{@code image_id}: the key, {@code sha256:<hex>}.</li>
 *   <li>{@code layers}: {@code layerIDs} in image order (the Parquet layer level is the index);
 *       [] when absent.</li>
 *   <li>{@code first_command}, {@code first_arg}: the hashed {@code firstCommand}/{@code firstArg};
 *       "" when absent (the operator omits empty values).</li>
 * </ul>
 */
public final class WorkloadInfoImagesExtractor implements FeatureExtractor {

    private static final FeatureFields FIELDS = FeatureFields.builder()
            .add("cluster_id", FieldType.STRING)
            .add("image_id", FieldType.STRING)
            .add("layers", FieldType.LIST)
            .add("first_command", FieldType.STRING)
            .add("first_arg", FieldType.STRING)
            .build();

    static final String WORKLOAD_INFO = "config/workload_info.json";

    @Override
    public String featureId() {
        return FeatureIds.WORKLOAD_INFO_IMAGES;
    }

    @Override
    public FeatureFields fields() {
        return FIELDS;
    }

    @Override
    public FileSelector requiredFiles() {
        return FileSelector.of(WORKLOAD_INFO);
    }

    @Override
    public List<Map<String, Object>> rows(ArchiveFiles files, FeatureContext context) {
        List<Map<String, Object>> rows = new ArrayList<>();
        files.json(WORKLOAD_INFO).ifPresent(info -> JsonText.fields(info.path("images")).forEach((imageId, image) ->
                rows.add(row(imageId, image, context))));
        return rows;
    }

    private static Map<String, Object> row(String imageId, JsonNode image, FeatureContext context) {
        return FIELDS.row()
                .set("cluster_id", context.clusterId())
                .set("image_id", imageId)
                .set("layers", JsonText.texts(image.path("layerIDs")))
                .set("first_command", JsonText.textOrEmpty(image.path("firstCommand")))
                .set("first_arg", JsonText.textOrEmpty(image.path("firstArg")))
                .build();
    }
}

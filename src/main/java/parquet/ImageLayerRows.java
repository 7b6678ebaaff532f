package parquet;

import model.FeatureIds;
import java.util.List;
import java.util.Map;

import static parquet.FeatureValues.list;
import static parquet.FeatureValues.text;

/**
 * Feature {@code workload_info_images} → table {@code workload_image_layers}: one row per element
 * of each image's {@code layers}; {@code layer_image_level} is the element's index in that list,
 * from 0 (§13.4). An image without layers has no rows. (The printed example table numbers the
 * second image's layers 3, 4, 5 and varies first_command within one image; neither can come from
 * one image row, so we follow the stated derivation.)
 */
final class ImageLayerRows implements FeatureMapper {

    @Override
    public String featureId() {
        return FeatureIds.WORKLOAD_INFO_IMAGES;
    }

    @Override
    public ParquetTable table() {
        return ParquetTable.WORKLOAD_IMAGE_LAYERS;
    }

    @Override
    public void map(Map<String, Object> row, ArchiveSource source, MappedRows.Builder out) {
        String imageId = ValueChecks.text(text(row, "image_id"));
        String firstCommand = ValueChecks.text(text(row, "first_command"));
        String firstArg = ValueChecks.text(text(row, "first_arg"));
        List<?> layers = list(row, "layers");
        for (int index = 0; index < layers.size(); index++) {
            Object layer = layers.get(index);
            long level = index;
            out.add(table(), source.hour(), source.archivePath(), () -> table().row()
                    .set("cluster_id", source.clusterId())
                    .set("image_id", imageId)
                    .set("layer_image_id", layerId(layer))
                    .set("layer_image_level", level)
                    .set("first_command", firstCommand)
                    .set("first_arg", firstArg)
                    .set("archive_path", source.archivePath())
                    .set("collected_at", source.collectedAtMillis())
                    .build());
        }
    }

    /** A layer is its id text; an absent one is "", anything else rejects its row. */
    private static String layerId(Object layer) {
        if (layer == null || layer instanceof String) {
            return ValueChecks.text((String) layer);
        }
        throw ValueChecks.reject("layer_image_id", "not a string", layer);
    }
}

package parquet;

import model.FeatureIds;
import java.util.Map;

import static parquet.FeatureValues.object;
import static parquet.FeatureValues.text;

/**
 * Feature {@code alerts} → table {@code alerts} (no {@code collected_at}, §13.4): one row per
 * feature row. {@code namespace}/{@code job} ← the labels of that name, "" when absent;
 * {@code labels} ← the whole labels object as compact JSON in Go's {@code encoding/json} form
 * ({@link GoJson}: keys sorted, {@code <>&} escaped), as the example table shows it; no labels
 * are written as {@code {}}. Texts are written as they are (a state other than
 * {@code pending}/{@code firing} too), absent ones as "".
 */
final class AlertRows implements FeatureMapper {

    @Override
    public String featureId() {
        return FeatureIds.ALERTS;
    }

    @Override
    public ParquetTable table() {
        return ParquetTable.ALERTS;
    }

    @Override
    public void map(Map<String, Object> row, ArchiveSource source, MappedRows.Builder out) {
        out.add(table(), source.hour(), source.archivePath(), () -> {
            Map<String, Object> labels = object(row, "labels");
            labels = labels == null ? Map.of() : labels;
            return table().row()
                    .set("cluster_id", source.clusterId())
                    .set("name", ValueChecks.text(text(row, "name")))
                    .set("state", ValueChecks.text(text(row, "state")))
                    .set("severity", ValueChecks.text(text(row, "severity")))
                    .set("namespace", label(labels, "namespace"))
                    .set("job", label(labels, "job"))
                    .set("labels", GoJson.write(labels))
                    .set("archive_path", source.archivePath())
                    .build();
        });
    }

    private static String label(Map<String, Object> labels, String name) {
        return labels.get(name) instanceof String text ? text : "";
    }
}

package parquet;

import model.FeatureIds;
import features.ClusterVersionUpdatesExtractor;

import java.util.Map;

import static parquet.FeatureValues.list;
import static parquet.FeatureValues.text;

/**
 * Feature {@code cluster_version_updates} (ours: {@link ClusterVersionUpdatesExtractor}, the
 * ClusterVersion's {@code status.availableUpdates} and {@code status.conditionalUpdates}) → the
 * three update tables:
 * <ul>
 *   <li>kind {@code available} → one {@code available_updates} row;</li>
 *   <li>kind {@code conditional} → one {@code conditional_update_conditions} row (with the
 *       documented {@code release} and {@code message}, §15.6) and one
 *       {@code conditional_update_risks} row per element of {@code risks}.</li>
 * </ul>
 * Texts are written as they are (a version that is not {@code N.N.N}, a {@code recommended}
 * other than True/False/Unknown), absent ones as "": a conditional update without a
 * {@code Recommended} condition still has its conditions row, with {@code reason} "".
 */
final class UpdateRows implements FeatureMapper {

    @Override
    public String featureId() {
        return FeatureIds.CLUSTER_VERSION_UPDATES;
    }

    @Override
    public ParquetTable table() {
        return ParquetTable.AVAILABLE_UPDATES;
    }

    @Override
    public void map(Map<String, Object> row, ArchiveSource source, MappedRows.Builder out) {
        String kind = text(row, "kind");
        if (ClusterVersionUpdatesExtractor.AVAILABLE.equals(kind)) {
            out.add(ParquetTable.AVAILABLE_UPDATES, source.hour(), source.archivePath(), () ->
                    ParquetTable.AVAILABLE_UPDATES.row()
                            .set("cluster_id", source.clusterId())
                            .set("current_version", ValueChecks.text(text(row, "current_version")))
                            .set("release", ValueChecks.text(text(row, "release")))
                            .set("collected_at", source.collectedAtMillis())
                            .set("archive_path", source.archivePath())
                            .build());
        } else if (ClusterVersionUpdatesExtractor.CONDITIONAL.equals(kind)) {
            ParquetTable conditions = ParquetTable.CONDITIONAL_UPDATE_CONDITIONS;
            out.add(conditions, source.hour(), source.archivePath(), () -> conditions.row()
                    .set("cluster_id", source.clusterId())
                    .set("current_version", ValueChecks.text(text(row, "current_version")))
                    .set("release", ValueChecks.text(text(row, "release")))
                    .set("recommended", ValueChecks.text(text(row, "recommended")))
                    .set("reason", ValueChecks.text(text(row, "reason")))
                    .set("message", ValueChecks.text(text(row, "message")))
                    .set("collected_at", source.collectedAtMillis())
                    .set("archive_path", source.archivePath())
                    .build());
            ParquetTable risks = ParquetTable.CONDITIONAL_UPDATE_RISKS;
            for (Object risk : list(row, "risks")) {
                out.add(risks, source.hour(), source.archivePath(), () -> risks.row()
                        .set("cluster_id", source.clusterId())
                        .set("current_version", ValueChecks.text(text(row, "current_version")))
                        .set("release", ValueChecks.text(text(row, "release")))
                        .set("risk", risk(risk))
                        .set("collected_at", source.collectedAtMillis())
                        .set("archive_path", source.archivePath())
                        .build());
            }
        } else {
            throw ValueChecks.reject("kind", "neither available nor conditional", ValueChecks.quote(kind));
        }
    }

    /** A risk is its name text; an absent one is "", anything else rejects its row. */
    private static String risk(Object risk) {
        if (risk == null || risk instanceof String) {
            return ValueChecks.text((String) risk);
        }
        throw ValueChecks.reject("risk", "not a string", risk);
    }
}

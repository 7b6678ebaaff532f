package features;

import java.util.List;

/**
 * The registry of feature extractors: a plain list rather than a ServiceLoader, because the set is
 * fixed at build time and its order is the order of the features message's {@code report}.
 * To add a feature, write a {@link FeatureExtractor} and list it here.
 */
public final class FeatureExtractors {

    private FeatureExtractors() {
    }

    /** The six documented features (contract §12.3), then {@code cluster_version_updates}. */
    public static List<FeatureExtractor> standard() {
        return List.of(
                new ClusterInfoExtractor(),
                new FailingOperatorConditionsExtractor(),
                new AlertsExtractor(),
                new GatherersExtractor(),
                new WorkloadInfoImagesExtractor(),
                new WorkloadInfoNamespacesExtractor(),
                new ClusterVersionUpdatesExtractor());
    }
}

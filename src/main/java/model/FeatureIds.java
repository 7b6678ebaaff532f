package model;

/**
 * The {@code metadata.feature_id} of each feature the features message carries (contract §12.3),
 * written once for the extractors that make them and the Parquet mappers that read them.
 */
public final class FeatureIds {
    public static final String CLUSTER_INFO = "cluster_info";
    public static final String FAILING_OPERATOR_CONDITIONS = "foc";
    public static final String ALERTS = "alerts";
    public static final String GATHERERS = "gatherers";
    public static final String WORKLOAD_INFO_NAMESPACES = "workload_info_namespaces";
    public static final String WORKLOAD_INFO_IMAGES = "workload_info_images";
    /** Not in the contract's list: the project's feature for available and conditional updates (contract §13.4). */
    public static final String CLUSTER_VERSION_UPDATES = "cluster_version_updates";

    private FeatureIds() {
    }
}

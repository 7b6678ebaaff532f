package pipeline;

import app.Topology;
import org.apache.camel.CamelContext;

/**
 * Stage switches: {@code ccx.stages.<stage>=true|false}, so one jar runs any subset of the pipeline.
 * A stage runs only if the {@link Topology} ({@code ccx.topology}) has it: features are off in the
 * 2024 shape, the multiplexor, archive-sync-ols and the rules uploader in the baseline.
 */
public final class Stages {
    public static final String SQS_LISTENER = "sqs-listener";
    public static final String UPLOAD_LISTENER = "upload-listener";
    public static final String ARCHIVE_SYNC = "archive-sync";
    public static final String RULES = "rules";
    public static final String FEATURES = "features";
    public static final String PARQUET_FACTORY = "parquet-factory";
    public static final String THANOS_POLL = "thanos-poll";
    /** 2024 shape only (contract §14). */
    public static final String MULTIPLEXOR = "multiplexor";
    public static final String ARCHIVE_SYNC_OLS = "archive-sync-ols";
    public static final String RULES_UPLOADER = "rules-uploader";

    private Stages() {
    }

    public static boolean enabled(CamelContext camel, String stage) {
        return topology(camel).has(stage) && camel.getPropertiesComponent().resolveProperty("ccx.stages." + stage)
                .map(String::trim).map(Boolean::parseBoolean).orElse(false);
    }

    /** The shape this process is part of ({@code ccx.topology}, default baseline). */
    public static Topology topology(CamelContext camel) {
        return Topology.of(camel.getPropertiesComponent().resolveProperty(Topology.PROPERTY).orElse(null));
    }
}

package pipeline;

import org.apache.camel.CamelContext;

/** Stage switches: {@code ccx.stages.<stage>=true|false}, so one jar runs any subset of the pipeline. */
public final class Stages {
    public static final String SQS_LISTENER = "sqs-listener";
    public static final String UPLOAD_LISTENER = "upload-listener";
    public static final String ARCHIVE_SYNC = "archive-sync";
    public static final String RULES = "rules";
    public static final String FEATURES = "features";
    public static final String PARQUET_FACTORY = "parquet-factory";
    public static final String THANOS_POLL = "thanos-poll";

    private Stages() {
    }

    public static boolean enabled(CamelContext camel, String stage) {
        return camel.getPropertiesComponent().resolveProperty("ccx.stages." + stage)
                .map(String::trim).map(Boolean::parseBoolean).orElse(false);
    }
}

package pipeline;

import org.apache.camel.CamelContext;

/** Stage switches: {@code ccx.stages.<stage>=true|false}, so one jar runs any subset of the pipeline. */
public final class Stages {
    public static final String SQS_LISTENER = "sqs-listener";
    public static final String UPLOAD_LISTENER = "upload-listener";
    public static final String ARCHIVE_SYNC = "archive-sync";

    private Stages() {
    }

    public static boolean enabled(CamelContext camel, String stage) {
        return camel.getPropertiesComponent().resolveProperty("ccx.stages." + stage)
                .map(String::trim).map(Boolean::parseBoolean).orElse(false);
    }
}

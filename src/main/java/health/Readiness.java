package health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import config.CcxProperties;
import config.S3Connection;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.service.ServiceSupport;
import pipeline.Stages;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Registers one {@link ServerReachable} readiness check per server the enabled stages need:
 * Kafka always; the AWS S3 bucket for archive-sync; Ceph for sync, upload and analysis; the
 * Parquet bucket for the factory. The checks run when /observe/health is asked, not on a timer.
 */
public final class Readiness extends ServiceSupport {
    private final List<ServerReachable> checks;

    private Readiness(List<ServerReachable> checks) {
        this.checks = checks;
    }

    private static boolean anyEnabled(CamelContext camel, String... stages) {
        return java.util.Arrays.stream(stages).anyMatch(stage -> Stages.enabled(camel, stage));
    }

    public static List<String> install(CamelContext camel) {
        CcxProperties props = CcxProperties.of(camel);
        if (!props.flag("ccx.health.servers-enabled")) {
            return List.of();
        }
        Duration timeout = props.millis("ccx.health.timeout-ms");
        List<ServerReachable> checks = new ArrayList<>();
        checks.add(ServerReachable.kafka(props.text("ccx.kafka.brokers"), timeout));
        if (anyEnabled(camel, Stages.ARCHIVE_SYNC, Stages.ARCHIVE_SYNC_OLS, Stages.MULTIPLEXOR)) {
            checks.add(ServerReachable.s3(connection(camel, "awsS3Connection"), bean(camel, "awsS3Client"), timeout));
        }
        if (anyEnabled(camel, Stages.ARCHIVE_SYNC, Stages.UPLOAD_LISTENER, Stages.RULES, Stages.FEATURES, Stages.RULES_UPLOADER)) {
            checks.add(ServerReachable.s3(connection(camel, "cephConnection"), bean(camel, "cephS3Client"), timeout));
        }
        if (Stages.enabled(camel, Stages.ARCHIVE_SYNC_OLS)) {
            checks.add(ServerReachable.s3(connection(camel, "cephOlsConnection"), bean(camel, "cephOlsS3Client"), timeout));
        }
        if (Stages.enabled(camel, Stages.PARQUET_FACTORY)) {
            S3Connection parquet = connection(camel, "parquetS3Connection");
            S3Client probe = parquet.client();
            checks.add(ServerReachable.s3(parquet, probe, timeout, probe::close));
        }
        HealthCheckRegistry registry = HealthCheckRegistry.get(camel);
        if (registry == null) {
            checks.forEach(c -> { try { c.close(); } catch (Exception ignored) { } });
            return List.of();
        }
        checks.forEach(registry::register);
        try {
            // closes the Kafka admin client and the Parquet probe's S3 client with the context
            camel.addService(new Readiness(checks), true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the readiness checks", e);
        }
        return checks.stream().map(ServerReachable::getId).toList();
    }

    private static S3Client bean(CamelContext camel, String name) {
        return camel.getRegistry().lookupByNameAndType(name, S3Client.class);
    }

    private static S3Connection connection(CamelContext camel, String name) {
        return camel.getRegistry().lookupByNameAndType(name, S3Connection.class);
    }

    @Override
    protected void doStop() throws Exception {
        for (ServerReachable check : checks) {
            check.close();
        }
    }
}

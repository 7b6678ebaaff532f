package health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.service.ServiceSupport;
import pipeline.Stages;
import software.amazon.awssdk.services.s3.S3Client;
import storage.S3ClientFactory;

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

    public static List<String> install(CamelContext camel) {
        var props = camel.getPropertiesComponent();
        if (!Boolean.parseBoolean(props.resolveProperty("ccx.health.servers-enabled").orElse("true").trim())) {
            return List.of();
        }
        Duration timeout = Duration.ofMillis(Long.parseLong(props.resolveProperty("ccx.health.timeout-ms").orElse("2000").trim()));
        List<ServerReachable> checks = new ArrayList<>();
        checks.add(ServerReachable.kafka(props.resolveProperty("ccx.kafka.brokers").orElseThrow(), timeout));
        if (Stages.enabled(camel, Stages.ARCHIVE_SYNC)) {
            checks.add(ServerReachable.s3("aws-s3", bean(camel, "awsS3Client"), prop(camel, "ccx.aws-s3.bucket"), timeout));
        }
        if (Stages.enabled(camel, Stages.ARCHIVE_SYNC) || Stages.enabled(camel, Stages.UPLOAD_LISTENER)
                || Stages.enabled(camel, Stages.RULES) || Stages.enabled(camel, Stages.FEATURES)) {
            checks.add(ServerReachable.s3("ceph", bean(camel, "cephS3Client"), prop(camel, "ccx.ceph.bucket"), timeout));
        }
        if (Stages.enabled(camel, Stages.PARQUET_FACTORY)) {
            S3Client parquet = S3ClientFactory.create(prop(camel, "ccx.parquet.s3.endpoint"), prop(camel, "ccx.parquet.s3.region"),
                    prop(camel, "ccx.parquet.s3.access-key"), prop(camel, "ccx.parquet.s3.secret-key"));
            checks.add(ServerReachable.s3("parquet-s3", parquet, prop(camel, "ccx.parquet.s3.bucket"), timeout, parquet::close));
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

    private static String prop(CamelContext camel, String key) {
        return camel.getPropertiesComponent().resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("missing property " + key));
    }

    @Override
    protected void doStop() throws Exception {
        for (ServerReachable check : checks) {
            check.close();
        }
    }
}

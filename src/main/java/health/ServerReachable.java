package health;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Readiness only: DOWN while a server a running stage needs (Kafka, the AWS S3 bucket, Ceph)
 * does not answer, so OpenShift takes the pod out of rotation instead of restarting it — a
 * restart would not bring the server back (liveness stays UP).
 */
public final class ServerReachable extends AbstractHealthCheck implements AutoCloseable {

    /** One round trip to the server; throws when it does not answer in time. */
    @FunctionalInterface
    public interface Probe {
        void check(Duration timeout) throws Exception;
    }

    private final Probe probe;
    private final Duration timeout;
    private final AutoCloseable resource;

    public ServerReachable(String server, Probe probe, Duration timeout, AutoCloseable resource) {
        super("ccx", "server-" + server);
        this.probe = probe;
        this.timeout = timeout;
        this.resource = resource;
    }

    /** Kafka answers when describeCluster lists at least one broker. */
    public static ServerReachable kafka(String brokers, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ccx-pipeline-readiness");
        Admin admin = Admin.create(props);
        return new ServerReachable("kafka", t -> {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) t.toMillis()))
                    .nodes().get(t.toMillis(), TimeUnit.MILLISECONDS).size();
            if (nodes == 0) {
                throw new IllegalStateException("no broker in the cluster metadata");
            }
        }, timeout, admin::close);
    }

    /** An S3 store answers when HeadBucket on the stage's bucket succeeds with our credentials. */
    public static ServerReachable s3(config.S3Connection bucket, S3Client client, Duration timeout) {
        return s3(bucket, client, timeout, () -> { });
    }

    /** As above, closing {@code owned} (a client made only for this check) with the check. */
    public static ServerReachable s3(config.S3Connection bucket, S3Client client, Duration timeout, AutoCloseable owned) {
        return new ServerReachable(bucket.name(), t -> client.headBucket(b -> b.bucket(bucket.bucket())
                .overrideConfiguration(c -> c.apiCallTimeout(t).apiCallAttemptTimeout(t))), timeout, owned);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            probe.check(timeout);
            builder.up();
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            builder.message(getId() + " unreachable: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            builder.down();
        }
    }

    @Override
    public void close() throws Exception {
        resource.close();
    }
}

package testing;

import devservers.CephRgwServer;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.S3Credentials;
import devservers.S3ProxyServer;
import app.PipelineMain;
import java.util.Properties;
import org.apache.camel.main.Main;
import software.amazon.awssdk.services.s3.S3Client;

/** The real pipeline (camel-main, every enabled stage) wired to the real-server rig. */
public final class PipelineUnderTest implements AutoCloseable {
    private final Main main;

    private PipelineUnderTest(Main main) {
        this.main = main;
    }

    /** The rig's settings for topics, queue and buckets named after {@code prefix}, then {@code settings} ("key=value") over them. */
    public static Properties config(EmbeddedKafka kafka, EmbeddedSqs sqs, S3ProxyServer aws, CephRgwServer ceph, String prefix,
                                    String... settings) {
        Properties p = new Properties();
        p.setProperty("ccx.kafka.brokers", kafka.bootstrapServers());
        p.setProperty("ccx.kafka.group-prefix", prefix);
        p.setProperty("ccx.topic.pattern", prefix + "-ccx-{env}-insights-operator-{channel}");
        p.setProperty("ccx.topic.dead-letter", prefix + "-dead-letter");
        p.setProperty("ccx.sqs.endpoint", sqs.endpoint());
        p.setProperty("ccx.sqs.access-key", "test");
        p.setProperty("ccx.sqs.secret-key", "test");
        p.setProperty("ccx.sqs.queue", prefix + "-queue");
        p.setProperty("ccx.sqs.wait-seconds", "1");
        p.setProperty("ccx.retry.initial-delay-ms", "200");
        p.setProperty("ccx.retry.max-redeliveries", "3");
        p.setProperty("ccx.http.enabled", "false");
        // Analysis stages only where a test asks for them (they need real archives in Ceph).
        p.setProperty("ccx.stages.rules", "false");
        p.setProperty("ccx.stages.features", "false");
        p.setProperty("ccx.analysis.idempotency-topic", prefix + "-analysed-archives");
        p.setProperty("ccx.stages.parquet-factory", "false");
        p.setProperty("ccx.stages.thanos-poll", "false");
        p.setProperty("ccx.parquet.state-dir", "target/it-state/" + prefix + "-" + System.nanoTime());
        p.setProperty("ccx.thanos.ledger-file", "target/it-state/" + prefix + "-" + System.nanoTime() + "/thanos.json");
        store(p, "aws-s3", aws.credentials(), prefix + "-ingress");
        store(p, "ceph", ceph.credentials(), prefix + "-datahub");
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            p.setProperty(setting.substring(0, eq), setting.substring(eq + 1));
        }
        return p;
    }

    /** A client of the AWS S3 stand-in with the ingress bucket of {@link #config} ({@code <prefix>-ingress}) created. */
    public static S3Client ingressBucket(S3ProxyServer aws, String prefix) {
        S3Client s3 = aws.credentials().client();
        s3.createBucket(b -> b.bucket(prefix + "-ingress"));
        return s3;
    }

    /** A client of Ceph RGW with the datahub bucket of {@link #config} ({@code <prefix>-datahub}) created. */
    public static S3Client datahubBucket(CephRgwServer ceph, String prefix) {
        S3Client s3 = ceph.credentials().client();
        s3.createBucket(b -> b.bucket(prefix + "-datahub"));
        return s3;
    }

    private static void store(Properties p, String name, S3Credentials c, String bucket) {
        p.setProperty("ccx." + name + ".endpoint", c.endpoint());
        p.setProperty("ccx." + name + ".access-key", c.accessKey());
        p.setProperty("ccx." + name + ".secret-key", c.secretKey());
        p.setProperty("ccx." + name + ".region", c.region());
        p.setProperty("ccx." + name + ".bucket", bucket);
    }

    public static PipelineUnderTest start(Properties config) throws Exception {
        Main main = PipelineMain.create(config);
        main.start();
        return new PipelineUnderTest(main);
    }

    public Main main() {
        return main;
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}

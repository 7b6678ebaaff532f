package multiplex;

import static org.assertj.core.api.Assertions.assertThat;

import config.SqsConnection;
import contract.Contract;
import contract.ContractValidator;
import devservers.CephRgwServer;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.S3ProxyServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import model.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import pipeline.DeadLetter;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import static org.awaitility.Awaitility.await;
import testing.OlsArchives;
import testing.PipelineUnderTest;
import testing.RealServers;
import testing.S3Events;
import testing.TarGz;
import testing.TopicTail;
import testing.TopicWriter;

/**
 * The 2024 shape's stages on the real servers (ElasticMQ, S3Proxy, Ceph RGW, Kafka): SQS →
 * archive-new (qa, prod) → the multiplexor → io-archive-new → archive-sync → rules → the rules
 * uploader's JSON in Ceph; ols-archive-new → archive-sync-ols → the OLS bucket; an archive of
 * neither kind dead-lettered; a redelivered rules-results message writes nothing.
 */
@ExtendWith(RealServers.class)
class Shape2024IT {
    static final String OPENSHIFT = "5d5892d3-1f74-4ccf-91af-548dfc9767aa";
    static final String OLS = "0b3a5c1e-7d2f-4e8a-9c6b-1f2e3d4c5b6a";
    static final String NEITHER = "c0ffee00-1234-4abc-8def-0123456789ab";
    static final String IO_KEY = "11789772/" + OPENSHIFT + "/20210120031709-ab3ae6fb5a0f43fa9d06a3a8e1df5f7b";
    static final String OLS_KEY = "11789772/" + OLS + "/20241105101530-0123456789abcdef0123456789abcdef";
    static final String NEITHER_KEY = "11789772/" + NEITHER + "/20241105101531-0123456789abcdef0123456789abcdee";
    static final String IO_CEPH = "archives/compressed/5d/" + OPENSHIFT + "/202101/20/031709.tar.gz";
    static final String OLS_CEPH = "archives/compressed/0b/" + OLS + "/202411/05/101530.tar.gz";
    static final String RULES_JSON = "insights/5d/" + OPENSHIFT + "/202101/20/031709/insights.json";

    @Test
    void eachKindTakesItsOwnWayAndTheRulesJsonIsWrittenOnce(EmbeddedKafka kafka, EmbeddedSqs sqsServer, S3ProxyServer aws,
                                                             CephRgwServer ceph) throws Exception {
        String prefix = "it-2024";
        Properties config = PipelineUnderTest.config(kafka, sqsServer, aws, ceph, prefix,
                "ccx.topology=2024", "ccx.topic.pattern=" + prefix + "-{env}-{channel}", "ccx.envs=qa,prod",
                "ccx.stages.rules=true", "ccx.analysis.idempotency=memory",
                "ccx.ceph-ols.bucket=" + prefix + "-datahub-ols");
        S3Client awsS3 = PipelineUnderTest.ingressBucket(aws, prefix);
        S3Client cephS3 = PipelineUnderTest.datahubBucket(ceph, prefix);
        cephS3.createBucket(b -> b.bucket(prefix + "-datahub-ols"));
        byte[] sample;
        try (InputStream in = getClass().getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
            sample = in.readAllBytes();
        }
        byte[] ols = OlsArchives.of(OLS, "");
        awsS3.putObject(b -> b.bucket(prefix + "-ingress").key(IO_KEY), RequestBody.fromBytes(sample));
        awsS3.putObject(b -> b.bucket(prefix + "-ingress").key(OLS_KEY), RequestBody.fromBytes(ols));
        awsS3.putObject(b -> b.bucket(prefix + "-ingress").key(NEITHER_KEY),
                RequestBody.fromBytes(new TarGz().file("hello.txt", "hi").bytes()));
        SqsClient sqs = SqsConnection.client(sqsServer.endpoint(), "us-east-1", "test", "test");
        String queue = sqs.createQueue(b -> b.queueName(prefix + "-queue")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody(S3Events.keys("ingress", 1, IO_KEY, OLS_KEY, NEITHER_KEY)));

        String bootstrap = kafka.bootstrapServers();
        try (PipelineUnderTest pipeline = PipelineUnderTest.start(config);
             TopicTail topics = new TopicTail(bootstrap, List.of(prefix + "-qa-io-archive-new", prefix + "-prod-io-archive-new",
                     prefix + "-qa-ols-archive-new", prefix + "-prod-ols-archive-new", prefix + "-prod-insights-rules-results",
                     prefix + "-qa-insights-rules-results", prefix + "-dead-letter"))) {
            for (String env : List.of("qa", "prod")) {
                assertThat(paths(topics.await(prefix + "-" + env + "-io-archive-new", 1, Duration.ofSeconds(60))))
                        .as(env).containsExactly(IO_KEY);
                assertThat(paths(topics.await(prefix + "-" + env + "-ols-archive-new", 1, Duration.ofSeconds(30))))
                        .as(env).containsExactly(OLS_KEY);
                List<ConsumerRecord<String, String>> rules = topics.await(prefix + "-" + env + "-insights-rules-results", 1,
                        Duration.ofSeconds(60));
                assertThat(paths(rules)).containsExactly(IO_CEPH);
            }
            List<ConsumerRecord<String, String>> dead = topics.await(prefix + "-dead-letter", 2, Duration.ofSeconds(30));
            assertThat(dead).extracting(r -> new String(r.headers().lastHeader(DeadLetter.REASON).value(), StandardCharsets.UTF_8))
                    .hasSize(2).allMatch(reason -> reason.contains("neither openshift_lightspeed.json"));
            assertThat(dead).extracting(ConsumerRecord::value).allMatch(v -> v.contains(NEITHER_KEY));

            // The OLS archive in its own bucket, byte for byte, under the archives' key layout; not in the IO bucket.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(cephS3.getObjectAsBytes(b -> b.bucket(prefix + "-datahub-ols").key(OLS_CEPH)).asByteArray()).isEqualTo(ols));
            assertThat(cephS3.listObjectsV2(b -> b.bucket(prefix + "-datahub").prefix("archives/")).contents())
                    .extracting(o -> o.key()).containsExactly(IO_CEPH);

            // One rules JSON (both environments' results land on the same key), valid against the rules-results contract.
            await().atMost(Duration.ofSeconds(30)).until(() -> uploads(pipeline) >= 2);
            HeadObjectResponse first = cephS3.headObject(b -> b.bucket(prefix + "-datahub").key(RULES_JSON));
            byte[] file = cephS3.getObjectAsBytes(b -> b.bucket(prefix + "-datahub").key(RULES_JSON)).asByteArray();
            new ContractValidator().check(Contract.RULES_RESULTS, Json.mapper().readTree(file));
            assertThat(cephS3.listObjectsV2(b -> b.bucket(prefix + "-datahub").prefix("insights/")).contents()).hasSize(1);

            // The same message again (a redelivery): found, not written.
            double present = counter(pipeline, "already-present");
            TopicWriter.send(bootstrap, prefix + "-prod-insights-rules-results", OPENSHIFT, new String(file, StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(30)).until(() -> counter(pipeline, "already-present") > present);
            HeadObjectResponse after = cephS3.headObject(b -> b.bucket(prefix + "-datahub").key(RULES_JSON));
            assertThat(after.eTag()).isEqualTo(first.eTag());
            assertThat(after.lastModified()).isEqualTo(first.lastModified());
        }
    }

    private static List<String> paths(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> {
            try {
                return Json.mapper().readTree(r.value()).get("path").asText();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    private static double counter(PipelineUnderTest pipeline, String result) {
        MeterRegistry meters = pipeline.main().getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
        return meters.find("ccx.rules.uploads").tag("result", result).counter().count();
    }

    /** Rules JSON PUTs and HEADs done so far, whatever their outcome. */
    private static double uploads(PipelineUnderTest pipeline) {
        return counter(pipeline, "written") + counter(pipeline, "already-present") + counter(pipeline, "replaced");
    }
}

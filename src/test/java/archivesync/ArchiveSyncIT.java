package archivesync;

import config.SqsConnection;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import devservers.CephRgwServer;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.S3ProxyServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import model.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import app.PipelineBeans;
import contract.Contract;
import contract.ContractValidator;
import pipeline.DeadLetter;
import testing.PipelineUnderTest;
import testing.RealServers;
import testing.S3Events;
import testing.TopicTail;

/** SQS → archive-new (×3 environments) → AWS S3 → Ceph RGW → archive-synced, on the real servers. */
@ExtendWith(RealServers.class)
class ArchiveSyncIT {
    static final String CLUSTER = "d669cb71-8256-4e8b-a8df-333a5e2dd753";
    static final String KEY = "7307752/" + CLUSTER + "/20240315081522-113ebefe3cdd4a62b9d0e094213bf9e9";
    static final String CEPH = "archives/compressed/d6/" + CLUSTER + "/202403/15/081522.tar.gz";

    @Test
    void anArchiveTravelsFromSqsToCephAndArchiveSynced(EmbeddedKafka kafka, EmbeddedSqs sqsServer, S3ProxyServer aws,
                                                        CephRgwServer ceph) throws Exception {
        String prefix = "it-sync";
        Properties config = PipelineUnderTest.config(kafka, sqsServer, aws, ceph, prefix);
        S3Client awsS3 = PipelineUnderTest.ingressBucket(aws, prefix);
        S3Client cephS3 = PipelineUnderTest.datahubBucket(ceph, prefix);
        byte[] archive;
        try (InputStream in = getClass().getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
            archive = in.readAllBytes();
        }
        awsS3.putObject(b -> b.bucket(prefix + "-ingress").key(KEY), RequestBody.fromBytes(archive));
        SqsClient sqs = SqsConnection.client(sqsServer.endpoint(), "us-east-1", "test", "test");
        String queue = sqs.createQueue(b -> b.queueName(prefix + "-queue")).queueUrl();
        String missingKey = "7307752/" + CLUSTER + "/20240315081523-0000000000000000000000000000dead";
        String testEvent = "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2021-02-01T18:00:00.000Z\","
                + "\"Bucket\":\"ingress\",\"RequestId\":\"5582816E2AEA6FDF\",\"HostId\":\"x\"}";
        // Bad input first: the good message behind it must still get through.
        for (String body : List.of("not json at all", testEvent, S3Events.keys("ingress", 1, missingKey), S3Events.keys("ingress", 1, KEY))) {
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body));
        }

        int httpPort = devservers.FreePort.pick();
        config.setProperty("ccx.http.enabled", "true");
        config.setProperty("ccx.http.port", Integer.toString(httpPort));
        try (PipelineUnderTest pipeline = PipelineUnderTest.start(config)) {
            List<ConsumerRecord<String, String>> synced = TopicTail.read(kafka.bootstrapServers(),
                    prefix + "-ccx-prod-insights-operator-archive-synced", 1, Duration.ofSeconds(60));
            assertThat(synced).hasSize(1);
            JsonNode msg = Json.mapper().readTree(synced.get(0).value());
            new ContractValidator().check(Contract.ARCHIVE_SYNCED, msg);
            assertThat(msg.get("path").asText()).isEqualTo(CEPH);
            assertThat(msg.get("original_path").asText()).isEqualTo(KEY);
            assertThat(msg.at("/metadata/cluster_id").asText()).isEqualTo(CLUSTER);
            assertThat(msg.at("/metadata/external_organization").asText()).isEqualTo("7307752");
            assertThat(synced.get(0).key()).isEqualTo(CLUSTER);

            for (String env : List.of("dev", "qa", "prod")) {
                List<ConsumerRecord<String, String>> fresh = TopicTail.read(kafka.bootstrapServers(),
                        prefix + "-ccx-" + env + "-insights-operator-archive-new", 2, Duration.ofSeconds(30));
                assertThat(fresh).as(env).hasSize(2);
                // SQS does not keep order: the good and the missing archive may come either way.
                List<JsonNode> messages = new java.util.ArrayList<>();
                for (var r : fresh) {
                    messages.add(Json.mapper().readTree(r.value()));
                }
                assertThat(messages).extracting(m -> m.get("path").asText()).containsExactlyInAnyOrder(KEY, missingKey);
                assertThat(messages).allMatch(m -> m.get("cluster_id").asText().equals(CLUSTER));
            }
            assertThat(cephS3.getObjectAsBytes(b -> b.bucket(prefix + "-datahub").key(CEPH)).asByteArray()).isEqualTo(archive);

            List<ConsumerRecord<String, String>> dead = TopicTail.read(kafka.bootstrapServers(), prefix + "-dead-letter",
                    4, Duration.ofSeconds(30));
            List<String> reasons = dead.stream().map(r -> new String(r.headers().lastHeader(DeadLetter.REASON).value())).toList();
            assertThat(reasons).anyMatch(r -> r.contains("not JSON") || r.contains("JSON"));
            assertThat(reasons).noneMatch(r -> r.contains("s3:TestEvent")); // skipped and deleted (contract §4.3)
            // The missing object dead-letters once per environment's archive-sync.
            assertThat(reasons.stream().filter(r -> r.contains("is not in s3://"))).hasSize(3);
            assertThat(dead).hasSize(4);

            HttpClient http = HttpClient.newHttpClient();
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/observe/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("ccx_archive_sync_bytes_total{archives=\"io\"} " + archive.length + ".0")
                    .containsPattern("ccx_sqs_s3_test_events_total\\{[^}]*\\} 1.0")
                    .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"archive-sync\"");
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/observe/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("UP");
        }
    }
}

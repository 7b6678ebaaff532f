package routes;

import static org.assertj.core.api.Assertions.assertThat;

import app.PipelineBeans;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import model.ArchiveMetadata;
import model.ArchiveSynced;
import model.Json;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pipeline.DeadLetter;
import testing.CountingCommit;
import testing.PipelineRouteTest;
import upload.UploadSyncService.UploadPlan;

@CamelMainTest(
        configurationClasses = PipelineBeans.class,
        properties = {"ccx.analysis.idempotency=memory", "ccx.stages.rules=false", "ccx.stages.features=false", "ccx.stages.parquet-factory=false", "ccx.stages.sqs-listener=false", "ccx.stages.archive-sync=false", "ccx.stages.upload-listener=true",
            "ccx.kafka.brokers=127.0.0.1:9"},
        replaceRouteFromWith = {"upload-listener=direct:buckit"},
        advices = @AdviceRouteMapping(route = "upload-listener", advice = UploadAnnouncementRoutesTest.FakeDownloadAndStore.class),
        mockEndpointsAndSkip = "kafka:*")
class UploadAnnouncementRoutesTest extends PipelineRouteTest {
    static final String IDENTITY = "{\"identity\":{\"internal\":{\"org_id\":\"123456\"},\"account_number\":\"789000\","
            + "\"system\":{\"cn\":\"d669cb71-8256-4e8b-a8df-333a5e2dd753\",\"cert_type\":\"system\"},\"type\":\"System\"}}";

    @Produce("direct:buckit")
    ProducerTemplate buckit;
    @EndpointInject("mock:kafka:ccx-pipeline-dead-letter")
    MockEndpoint deadLetter;

    static volatile String downloadedFrom;

    /** The download and the Ceph PUT replaced: the URL asked is kept, three bytes travel. */
    public static class FakeDownloadAndStore extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveById("download-archive").replace().process(e -> {
                downloadedFrom = e.getMessage().getHeader(Exchange.HTTP_URI, String.class);
                assertThat(e.getMessage().getHeaders().keySet()).noneMatch(h -> h.startsWith("kafka."));
                e.getMessage().setBody(new ByteArrayInputStream(new byte[] {1, 2, 3}));
                e.getMessage().setHeader("Content-Length", 3L);
            });
            weaveById("store-in-ceph").replace().process(e -> {
                UploadPlan plan = e.getProperty("ccxUploadPlan", UploadPlan.class);
                assertThat(e.getMessage().getBody(InputStream.class).readAllBytes()).containsExactly(1, 2, 3);
                e.getMessage().setBody(new ArchiveSynced(plan.target().toString(), plan.originalKey().toString(),
                        new ArchiveMetadata(plan.originalKey().clusterId(), plan.originalKey().organization())));
            });
        }
    }

    @BeforeEach
    void resetDownload() {
        downloadedFrom = null;
    }

    static String announcement(String service) throws Exception {
        ObjectNode msg = (ObjectNode) Json.mapper().readTree(UploadAnnouncementRoutesTest.class
                .getResourceAsStream("/examples/01_platform_upload_buckit/data_correct.json"));
        msg.put("service", service);
        msg.put("b64_identity", Base64.getEncoder().encodeToString(IDENTITY.getBytes(StandardCharsets.UTF_8)));
        return Json.mapper().writeValueAsString(msg);
    }

    private Exchange consume(String body, CountingCommit commit) {
        return buckit.send(e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader("kafka.TOPIC", "platform.upload.buckit");
            e.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, commit);
        });
    }

    @Test
    void anOpenShiftUploadIsDownloadedByUrlAndSyncedInEveryEnvironment() throws Exception {
        List<MockEndpoint> envs = List.of(
                camel.getEndpoint("mock:kafka:ccx-dev-insights-operator-archive-synced", MockEndpoint.class),
                camel.getEndpoint("mock:kafka:ccx-qa-insights-operator-archive-synced", MockEndpoint.class),
                camel.getEndpoint("mock:kafka:ccx-prod-insights-operator-archive-synced", MockEndpoint.class));
        envs.forEach(m -> m.expectedMessageCount(1));
        CountingCommit commit = new CountingCommit();
        Exchange done = consume(announcement("openshift"), commit);
        assertThat(done.getException()).isNull();
        MockEndpoint.assertIsSatisfied(camel);
        assertThat(downloadedFrom).startsWith("https://hostname.s3.amazonaws.com/first-part?X-Amz-Algorithm=AWS4-HMAC-SHA256");
        JsonNode synced = Json.mapper().readTree(envs.get(2).getExchanges().get(0).getMessage().getBody(String.class));
        // request_id 1234567890abcdef…, timestamp 2020-12-09T16:17:42.822020204Z, org 123456 (identity)
        assertThat(synced.get("original_path").asText())
                .isEqualTo("123456/d669cb71-8256-4e8b-a8df-333a5e2dd753/20201209161742-1234567890abcdef1234567890abcdef");
        assertThat(synced.get("path").asText())
                .isEqualTo("archives/compressed/d6/d669cb71-8256-4e8b-a8df-333a5e2dd753/202012/09/161742.tar.gz");
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void anAnnouncementWithTheLaterDocsCustomMetadataIsSyncedNotDeadLettered() throws Exception {
        MockEndpoint prod = camel.getEndpoint("mock:kafka:ccx-prod-insights-operator-archive-synced", MockEndpoint.class);
        prod.expectedMessageCount(1);
        ObjectNode msg = (ObjectNode) Json.mapper().readTree(announcement("openshift"));
        // contract §4.1 / §15.8: the HEAD doc's metadata.custom_metadata, which the 2021 validator refused.
        ((ObjectNode) msg.get("metadata")).putObject("custom_metadata").putObject("ccx_metadata")
                .put("gathering_time", "2022-03-02T11:50:15Z");
        CountingCommit commit = new CountingCommit();
        Exchange done = consume(Json.mapper().writeValueAsString(msg), commit);
        assertThat(done.getException()).isNull();
        prod.assertIsSatisfied();
        assertThat(deadLetter.getReceivedCounter()).isZero();
        assertThat(downloadedFrom).isNotNull();
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void otherServicesAreCommittedAndSkipped() throws Exception {
        CountingCommit commit = new CountingCommit();
        consume(announcement("advisor"), commit);
        assertThat(downloadedFrom).isNull();
        assertThat(deadLetter.getReceivedCounter()).isZero();
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void anInvalidAnnouncementIsDeadLetteredWithTheContractReason() throws Exception {
        deadLetter.expectedMessageCount(1);
        CountingCommit commit = new CountingCommit();
        String body = announcement("openshift").replace("\"size\":123456", "\"size\":-1");
        consume(body, commit);
        deadLetter.assertIsSatisfied();
        var dead = deadLetter.getExchanges().get(0).getMessage();
        assertThat(dead.getHeader(DeadLetter.REASON, String.class)).contains("size");
        assertThat(dead.getHeader(DeadLetter.SOURCE, String.class)).startsWith("kafka:platform.upload.buckit");
        assertThat(downloadedFrom).isNull();
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void anIdentityWithoutClusterIdIsDeadLettered() throws Exception {
        deadLetter.expectedMessageCount(1);
        CountingCommit commit = new CountingCommit();
        String noCluster = "{\"identity\":{\"internal\":{\"org_id\":\"123456\"},\"account_number\":\"789000\"}}";
        ObjectNode msg = (ObjectNode) Json.mapper().readTree(announcement("openshift"));
        msg.put("b64_identity", Base64.getEncoder().encodeToString(noCluster.getBytes(StandardCharsets.UTF_8)));
        consume(Json.mapper().writeValueAsString(msg), commit);
        deadLetter.assertIsSatisfied();
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetter.REASON, String.class))
                .contains("no cluster id");
        assertThat(commit.commits()).isEqualTo(1);
    }
}

package routes;

import static org.assertj.core.api.Assertions.assertThat;

import app.PipelineBeans;
import app.TopicNames;
import archive.SampleArchive;
import java.io.ByteArrayInputStream;
import java.util.concurrent.atomic.AtomicInteger;
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
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import testing.CountingCommit;
import testing.KafkaBatches;
import testing.OlsArchives;
import testing.PipelineRouteTest;
import testing.TarGz;

/** The multiplexor's Choice on the archive's kind, its dead letters and its commits; the S3 GET is advised. */
@CamelMainTest(
        configurationClasses = PipelineBeans.class,
        properties = {"ccx.topology=2024", "ccx.stages.sqs-listener=false", "ccx.stages.archive-sync=false",
            "ccx.stages.archive-sync-ols=false", "ccx.stages.rules=false", "ccx.stages.rules-uploader=false",
            "ccx.stages.parquet-factory=false", "ccx.stages.multiplexor=true", "ccx.kafka.brokers=127.0.0.1:9",
            "ccx.health.servers-enabled=false",
            "ccx.retry.max-redeliveries=2", "ccx.retry.initial-delay-ms=1", "ccx.retry.max-delay-ms=5"},
        replaceRouteFromWith = {"multiplexor-batches=direct:archive-new"},
        advices = @AdviceRouteMapping(route = "get-archive-from-aws-s3", advice = MultiplexorRoutesTest.FakeS3.class),
        mockEndpointsAndSkip = "kafka:.*")
class MultiplexorRoutesTest extends PipelineRouteTest {
    static final String CLUSTER = "5d5892d3-1f74-4ccf-91af-548dfc9767aa";
    static final String KEY = "11789772/" + CLUSTER + "/20210120031709-ab3ae6fb5a0f43fa9d06a3a8e1df5f7b";
    static final String MESSAGE = "{\"cluster_id\":\"" + CLUSTER + "\",\"path\":\"" + KEY + "\",\"sqs_message_id\":123}";

    /** The archive the advised GET answers with; null: no such key. */
    static volatile byte[] archive;
    static final AtomicInteger gets = new AtomicInteger();
    static final AtomicInteger failFirstReads = new AtomicInteger();

    @Produce("direct:archive-new")
    ProducerTemplate archiveNew;
    @EndpointInject("mock:kafka:ccx-pipeline-dead-letter")
    MockEndpoint deadLetter;
    MockEndpoint io;
    MockEndpoint ols;

    public static class FakeS3 extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveById("get-from-aws-s3").replace().process(e -> {
                gets.incrementAndGet();
                assertThat(e.getMessage().getHeader("CamelAwsS3Key")).isEqualTo(KEY);
                if (archive == null) {
                    throw NoSuchKeyException.builder().statusCode(404).message("The specified key does not exist.").build();
                }
                byte[] content = archive;
                boolean fail = failFirstReads.getAndDecrement() > 0;
                // a connection reset in the middle of the stream: an IOException of the source, not of the archive
                e.getMessage().setBody(new java.io.FilterInputStream(new ByteArrayInputStream(content)) {
                    int read;
                    @Override
                    public int read(byte[] b, int off, int len) throws java.io.IOException {
                        if (fail && (read += len) > content.length / 2) {
                            throw new java.net.SocketException("Connection reset");
                        }
                        return super.read(b, off, len);
                    }
                });
            });
        }
    }

    @BeforeEach
    void reset() {
        io = camel.getEndpoint("mock:kafka:" + TopicNames.targetTopic(TopicNames.IO_ARCHIVE_NEW), MockEndpoint.class);
        ols = camel.getEndpoint("mock:kafka:" + TopicNames.targetTopic(TopicNames.OLS_ARCHIVE_NEW), MockEndpoint.class);
        gets.set(0);
        failFirstReads.set(0);
    }

    private CountingCommit consume(byte[] content, String topic) {
        archive = content;
        CountingCommit commit = new CountingCommit();
        Exchange done = archiveNew.send(e -> e.getMessage().setBody(KafkaBatches.of(camel, MESSAGE, topic, commit)));
        assertThat(done.getException()).isNull();
        return commit;
    }

    @Test
    void anInsightsOperatorArchiveGoesAsConsumedToIoArchiveNewOfItsEnvironment() throws Exception {
        io.expectedBodiesReceived(MESSAGE);
        io.expectedHeaderReceived(KafkaConstants.OVERRIDE_TOPIC, "prod-io-archive-new");
        io.expectedHeaderReceived(KafkaConstants.KEY, CLUSTER);
        CountingCommit commit = consume(SampleArchive.originalBytes(), "prod-archive-new");
        io.assertIsSatisfied();
        assertThat(ols.getReceivedCounter()).isZero();
        assertThat(deadLetter.getReceivedCounter()).isZero();
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void anOpenShiftLightspeedArchiveGoesToOlsArchiveNew() throws Exception {
        ols.expectedBodiesReceived(MESSAGE);
        ols.expectedHeaderReceived(KafkaConstants.OVERRIDE_TOPIC, "qa-ols-archive-new");
        CountingCommit commit = consume(OlsArchives.of(CLUSTER, "./"), "qa-archive-new");
        ols.assertIsSatisfied();
        assertThat(io.getReceivedCounter()).isZero();
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void anArchiveOfNeitherKindIsDeadLetteredWithTheReasonAndNotRetried() throws Exception {
        deadLetter.expectedBodiesReceived(MESSAGE);
        CountingCommit commit = consume(new TarGz().file("hello.txt", "hi").bytes(), "prod-archive-new");
        deadLetter.assertIsSatisfied();
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetter.REASON, String.class))
                .contains("neither openshift_lightspeed.json");
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetter.ROUTE)).isEqualTo("multiplexor");
        assertThat(gets).as("bad input is not retried").hasValue(1);
        assertThat(io.getReceivedCounter() + ols.getReceivedCounter()).isZero();
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void aFailedReadIsRedeliveredWithAFreshGet() throws Exception {
        io.expectedMessageCount(1);
        byte[] sample = SampleArchive.originalBytes();
        archive = sample;
        failFirstReads.set(1);
        CountingCommit commit = new CountingCommit();
        archiveNew.send(e -> e.getMessage().setBody(KafkaBatches.of(camel, MESSAGE, "prod-archive-new", commit)));
        io.assertIsSatisfied();
        assertThat(gets).as("the read failed once, the GET was made again").hasValue(2);
        assertThat(deadLetter.getReceivedCounter()).isZero();
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void aBrokenArchiveIsDeadLetteredWithTheReadersReason() throws Exception {
        deadLetter.expectedMessageCount(1);
        consume("not a tarball".getBytes(java.nio.charset.StandardCharsets.UTF_8), "prod-archive-new");
        deadLetter.assertIsSatisfied();
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetter.REASON, String.class)).contains("not gzip");
    }

    @Test
    void aMissingArchiveIsDeadLetteredWithTheReason() throws Exception {
        deadLetter.expectedMessageCount(1);
        consume(null, "prod-archive-new");
        deadLetter.assertIsSatisfied();
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetter.REASON, String.class))
                .contains("uploads are kept two days");
    }
}

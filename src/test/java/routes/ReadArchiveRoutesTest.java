package routes;

import app.TopicNames;
import static org.assertj.core.api.Assertions.assertThat;

import app.PipelineBeans;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.EndpointInject;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pipeline.DeadLetter;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import testing.ArchiveMessages;
import testing.CountingCommit;
import testing.KafkaBatches;
import testing.PipelineRouteTest;

/**
 * The analysis' read ({@code read-archive}) with the real rules and feature engines and a fake
 * Ceph GET (the camel-aws2-s3 step replaced): the archive is asked for under its Ceph path, a
 * failed read is redelivered with a fresh GET (a stream cannot be read twice), a missing archive
 * is dead-lettered at once.
 */
@CamelMainTest(
        configurationClasses = PipelineBeans.class,
        properties = {"ccx.analysis.idempotency=memory", "ccx.stages.parquet-factory=false", "ccx.stages.sqs-listener=false",
            "ccx.stages.archive-sync=false", "ccx.stages.rules=true", "ccx.stages.features=true", "ccx.kafka.brokers=127.0.0.1:9",
            "ccx.retry.max-redeliveries=2", "ccx.retry.initial-delay-ms=1", "ccx.retry.max-delay-ms=5"},
        replaceRouteFromWith = {"archive-analysis-batches=direct:archive-synced"},
        advices = @AdviceRouteMapping(route = "read-archive", advice = ReadArchiveRoutesTest.FakeCephGet.class),
        mockEndpointsAndSkip = "kafka:.*")
class ReadArchiveRoutesTest extends PipelineRouteTest {
    static final String CLUSTER = "d669cb71-8256-4e8b-a8df-333a5e2dd753";

    /** What the fake Ceph answers to the n-th GET (0-based): the archive, null for 404, or it throws. */
    interface Ceph {
        byte[] get(int call);
    }

    static volatile Ceph ceph;
    static final List<String> asked = new CopyOnWriteArrayList<>();
    static final AtomicInteger gets = new AtomicInteger();

    @Produce("direct:archive-synced")
    ProducerTemplate synced;
    /** Every message of the channel, whatever its environment: the topic is its override header. */
    MockEndpoint rules;
    @EndpointInject("mock:kafka:ccx-pipeline-dead-letter")
    MockEndpoint deadLetter;

    /** The Ceph GET replaced: records the key asked and answers what {@link #ceph} gives. */
    public static class FakeCephGet extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveById("get-from-ceph").replace().process(e -> {
                asked.add(e.getMessage().getHeader(AWS2S3Constants.KEY, String.class));
                byte[] bytes = ceph.get(gets.getAndIncrement());
                if (bytes == null) {
                    throw NoSuchKeyException.builder().statusCode(404).message("The specified key does not exist.").build();
                }
                e.getMessage().setBody(new ByteArrayInputStream(bytes));
            });
        }
    }

    @BeforeEach
    void resetCeph() {
        rules = camel.getEndpoint("mock:kafka:" + TopicNames.targetTopic(TopicNames.RULES_RESULTS), MockEndpoint.class);
        asked.clear();
        gets.set(0);
    }

    private static String path(String hhmmss) {
        return "archives/compressed/d6/" + CLUSTER + "/202403/15/" + hhmmss + ".tar.gz";
    }

    private void consume(String path) {
        String body = ArchiveMessages.archiveSynced(path, "1234567/" + CLUSTER + "/20240315081522-0123456789abcdef0123456789abcdef");
        CountingCommit commit = new CountingCommit();
        synced.send(e -> e.getMessage().setBody(KafkaBatches.of(camel, body, "ccx-dev-insights-operator-archive-synced", commit)));
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void theArchiveIsReadFromCephUnderItsPathAndAnalysed() throws Exception {
        byte[] sample = archive.SampleArchive.originalBytes();
        ceph = call -> sample;
        rules.expectedMessageCount(1);
        consume(path("081522"));
        rules.assertIsSatisfied();
        assertThat(asked).containsExactly(path("081522"));
        assertThat(rules.getExchanges().get(0).getMessage().getBody(String.class)).contains("\"path\":\"" + path("081522") + "\"");
    }

    @Test
    void aFailedReadIsRedeliveredWithAFreshGet() throws Exception {
        byte[] sample = archive.SampleArchive.originalBytes();
        ceph = call -> {
            if (call == 0) { // Ceph unreachable for a moment: not bad input, redelivered with a new GET
                throw software.amazon.awssdk.core.exception.SdkClientException.create("Unable to execute HTTP request: Connection reset");
            }
            return sample;
        };
        rules.expectedMessageCount(1);
        consume(path("081523"));
        rules.assertIsSatisfied();
        assertThat(asked).hasSize(2).containsOnly(path("081523"));
        assertThat(deadLetter.getReceivedCounter()).isZero();
    }

    @Test
    void aTruncatedArchiveIsBadInputDeadLetteredAtOnce() throws Exception {
        byte[] sample = archive.SampleArchive.originalBytes();
        ceph = call -> java.util.Arrays.copyOf(sample, sample.length / 2);
        deadLetter.expectedMessageCount(1);
        consume(path("081525"));
        deadLetter.assertIsSatisfied();
        assertThat(gets).hasValue(1);
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetter.REASON, String.class)).contains("TRUNCATED");
    }

    @Test
    void aMissingArchiveIsDeadLetteredAtOnce() throws Exception {
        ceph = call -> null;
        deadLetter.expectedMessageCount(1);
        consume(path("081524"));
        deadLetter.assertIsSatisfied();
        assertThat(gets).hasValue(1);
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetter.REASON, String.class))
                .contains("archive " + path("081524") + " is not in the Ceph bucket");
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetter.ROUTE)).isEqualTo("archive-analysis");
    }
}

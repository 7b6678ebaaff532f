package routes;

import app.TopicNames;
import static org.assertj.core.api.Assertions.assertThat;

import app.PipelineBeans;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import model.ArchiveMetadata;
import model.ArchiveNew;
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
import storage.ArchiveMissingException;
import storage.CephPath;
import storage.S3Key;
import testing.CountingCommit;
import testing.KafkaBatches;
import testing.PipelineRouteTest;

@CamelMainTest(
        configurationClasses = PipelineBeans.class,
        properties = {"ccx.analysis.idempotency=memory", "ccx.stages.rules=false", "ccx.stages.features=false", "ccx.stages.parquet-factory=false", "ccx.stages.sqs-listener=false", "ccx.stages.archive-sync=true", "ccx.kafka.brokers=127.0.0.1:9",
            "ccx.retry.max-redeliveries=2", "ccx.retry.initial-delay-ms=1", "ccx.retry.max-delay-ms=5"},
        replaceRouteFromWith = {"archive-sync-batches=direct:archive-new"},
        advices = @AdviceRouteMapping(route = "archive-sync", advice = ArchiveSyncRoutesTest.FakeCopy.class),
        mockEndpointsAndSkip = "kafka:.*")
class ArchiveSyncRoutesTest extends PipelineRouteTest {
    static final String KEY = "1234567/abcd1234-1234-abcd-5678-1234abcd1234/20200609125740-1234567890abcdef1234567890abcdef";

    /** What the advised copy step does in the current test. */
    interface CopyStep {
        ArchiveSynced sync(ArchiveNew message) throws Exception;
    }

    static volatile CopyStep copy;
    static final AtomicInteger copyCalls = new AtomicInteger();

    @Produce("direct:archive-new")
    ProducerTemplate archiveNew;
    /** Every message of the channel, whatever its environment: the topic is its override header. */
    MockEndpoint synced;
    @EndpointInject("mock:kafka:ccx-pipeline-dead-letter")
    MockEndpoint deadLetter;

    /** The copy step replaced: counts its calls and answers what {@link #copy} gives. */
    public static class FakeCopy extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveById("copy-to-ceph").replace().process(e -> {
                copyCalls.incrementAndGet();
                e.getMessage().setBody(copy.sync(e.getMessage().getBody(ArchiveNew.class)));
            });
        }
    }

    @BeforeEach
    void resetCopyStep() {
        synced = camel.getEndpoint("mock:kafka:" + TopicNames.targetTopic(TopicNames.ARCHIVE_SYNCED), MockEndpoint.class);
        copyCalls.set(0);
        copy = ArchiveSyncRoutesTest::pretendCopied;
    }

    static ArchiveSynced pretendCopied(ArchiveNew message) {
        S3Key key = S3Key.parse(message.path());
        return new ArchiveSynced(CephPath.of(key).toString(), key.toString(), new ArchiveMetadata(key.clusterId(), key.organization()));
    }

    private Exchange consume(String body, String topic, CountingCommit commit) {
        return archiveNew.send(e -> e.getMessage().setBody(KafkaBatches.of(camel, body, topic, commit)));
    }

    static String archiveNew(String clusterId, String path) {
        return "{\"cluster_id\":\"" + clusterId + "\",\"path\":\"" + path + "\",\"sqs_message_id\":123}";
    }

    @Test
    void archiveSyncedGoesToTheSameEnvironmentThenTheOffsetIsCommitted() throws Exception {
        synced.expectedMessageCount(1);
        synced.expectedHeaderReceived(KafkaConstants.OVERRIDE_TOPIC, "ccx-qa-insights-operator-archive-synced");
        synced.expectedHeaderReceived(KafkaConstants.KEY, "abcd1234-1234-abcd-5678-1234abcd1234");
        CountingCommit commit = new CountingCommit();
        Exchange done = consume(archiveNew("abcd1234-1234-abcd-5678-1234abcd1234", KEY), "ccx-qa-insights-operator-archive-new", commit);
        assertThat(done.getException()).isNull();
        synced.assertIsSatisfied();
        JsonNode msg = Json.mapper().readTree(synced.getExchanges().get(0).getMessage().getBody(String.class));
        assertThat(msg.get("path").asText()).isEqualTo("archives/compressed/ab/abcd1234-1234-abcd-5678-1234abcd1234/202006/09/125740.tar.gz");
        assertThat(msg.get("original_path").asText()).isEqualTo(KEY);
        assertThat(msg.at("/metadata/external_organization").asText()).isEqualTo("1234567");
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void aPollIsSyncedRecordByRecordAndCommittedOncePerPartitionAfterAllAreDone() throws Exception {
        synced.expectedMessageCount(2);
        deadLetter.expectedMessageCount(1);
        String other = "1234567/abcd1234-1234-abcd-5678-1234abcd1235/20200609125741-1234567890abcdef1234567890abcdef";
        CountingCommit p0first = new CountingCommit();
        CountingCommit p0last = new CountingCommit();
        CountingCommit p1 = new CountingCommit();
        String topic = "ccx-dev-insights-operator-archive-new";
        Exchange done = archiveNew.send(e -> e.getMessage().setBody(java.util.List.of(
                KafkaBatches.record(camel, archiveNew("abcd1234-1234-abcd-5678-1234abcd1234", KEY), topic, 0, 7, p0first),
                KafkaBatches.record(camel, archiveNew("ffffffff-1234-abcd-5678-1234abcd1234", KEY), topic, 1, 3, p1),
                KafkaBatches.record(camel, archiveNew("abcd1234-1234-abcd-5678-1234abcd1235", other), topic, 0, 8, p0last))));
        assertThat(done.getException()).isNull();
        synced.assertIsSatisfied();
        deadLetter.assertIsSatisfied();
        assertThat(copyCalls).hasValue(2);
        assertThat(p0last.commits()).as("partition 0 committed once, at its last record").isEqualTo(1);
        assertThat(p0first.commits()).isZero();
        assertThat(p1.commits()).as("the dead-lettered record's partition too").isEqualTo(1);
    }

    @Test
    void aMessageBreakingTheContractIsDeadLetteredAndCommittedWithoutCopying() throws Exception {
        deadLetter.expectedMessageCount(1);
        CountingCommit commit = new CountingCommit();
        // cluster_id is not the cluster of the path: the contract's cross-check rejects it.
        String body = archiveNew("ffffffff-1234-abcd-5678-1234abcd1234", KEY);
        consume(body, "ccx-dev-insights-operator-archive-new", commit);
        deadLetter.assertIsSatisfied();
        assertThat(deadLetter.getExchanges().get(0).getMessage().getBody(String.class)).isEqualTo(body);
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetter.SOURCE, String.class))
                .startsWith("kafka:ccx-dev-insights-operator-archive-new");
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetter.ROUTE, String.class))
                .as("the stage's route, not the batch consumer's").isEqualTo("archive-sync");
        assertThat(copyCalls).hasValue(0);
        assertThat(synced.getReceivedCounter()).isZero();
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void aMissingArchiveIsDeadLetteredAtOnceWithTheReason() throws Exception {
        copy = m -> {
            throw new ArchiveMissingException("archive " + m.path() + " is not in s3://ingress (uploads are kept two days)");
        };
        deadLetter.expectedMessageCount(1);
        CountingCommit commit = new CountingCommit();
        consume(archiveNew("abcd1234-1234-abcd-5678-1234abcd1234", KEY), "ccx-dev-insights-operator-archive-new", commit);
        deadLetter.assertIsSatisfied();
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetter.REASON, String.class))
                .contains("uploads are kept two days");
        assertThat(copyCalls).as("bad input is not retried").hasValue(1);
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void aTransientFailureIsRedeliveredAndTheArchiveArrivesOnce() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        copy = m -> {
            if (failures.incrementAndGet() <= 2) {
                throw new IOException("Connection refused: ceph");
            }
            return pretendCopied(m);
        };
        synced.expectedMessageCount(1);
        CountingCommit commit = new CountingCommit();
        Exchange done = consume(archiveNew("abcd1234-1234-abcd-5678-1234abcd1234", KEY), "ccx-dev-insights-operator-archive-new", commit);
        assertThat(done.getException()).isNull();
        synced.assertIsSatisfied();
        assertThat(copyCalls).hasValue(3);
        assertThat(deadLetter.getReceivedCounter()).isZero();
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void aPersistentFailureIsDeadLetteredAfterTheRedeliveries() throws Exception {
        copy = m -> {
            throw new IOException("Connection refused: ceph");
        };
        deadLetter.expectedMessageCount(1);
        CountingCommit commit = new CountingCommit();
        consume(archiveNew("abcd1234-1234-abcd-5678-1234abcd1234", KEY), "ccx-dev-insights-operator-archive-new", commit);
        deadLetter.assertIsSatisfied();
        assertThat(copyCalls).hasValue(3);
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetter.ERROR)).isEqualTo("java.io.IOException");
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void whenTheDeadLetterTopicFailsNothingIsCommitted() throws Exception {
        copy = m -> {
            throw new ArchiveMissingException("gone");
        };
        deadLetter.whenAnyExchangeReceived(e -> {
            throw new IOException("dead-letter topic unavailable");
        });
        CountingCommit commit = new CountingCommit();
        Exchange done = consume(archiveNew("abcd1234-1234-abcd-5678-1234abcd1234", KEY), "ccx-dev-insights-operator-archive-new", commit);
        assertThat(done.getException()).isNotNull();
        assertThat(commit.commits()).as("the record is consumed again").isZero();
    }
}

package routes;

import app.TopicNames;
import static org.assertj.core.api.Assertions.assertThat;

import analysis.ArchiveAnalysis.Outputs;
import app.PipelineBeans;
import archive.ArchiveRejectedException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicInteger;
import model.ArchiveMetadata;
import model.ArchiveSynced;
import model.FeaturesMessage;
import model.Json;
import model.RulesResults;
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
import testing.ArchiveMessages;
import testing.CountingCommit;
import testing.KafkaBatches;
import testing.PipelineRouteTest;

@CamelMainTest(
        configurationClasses = PipelineBeans.class,
        properties = {"ccx.analysis.idempotency=memory", "ccx.stages.parquet-factory=false", "ccx.stages.sqs-listener=false", "ccx.stages.archive-sync=false",
            "ccx.stages.rules=true", "ccx.stages.features=true", "ccx.kafka.brokers=127.0.0.1:9"},
        replaceRouteFromWith = {"archive-analysis-batches=direct:archive-synced"},
        advices = @AdviceRouteMapping(route = "archive-analysis", advice = ArchiveAnalysisRoutesTest.FakeAnalysis.class),
        mockEndpointsAndSkip = "kafka:.*")
class ArchiveAnalysisRoutesTest extends PipelineRouteTest {
    static final String CLUSTER = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    static final String VALID_RULES = "/examples/09_rules_results/test_fixture_valid_message.converted.json";
    static final String VALID_FEATURES = "/examples/09_features/test_fixture_valid_message.converted.json";

    interface Analyse {
        Outputs run(ArchiveSynced synced) throws Exception;
    }

    static volatile Analyse analyse;
    static final AtomicInteger calls = new AtomicInteger();

    @Produce("direct:archive-synced")
    ProducerTemplate synced;
    /** Every message of the channel, whatever its environment: the topic is its override header. */
    MockEndpoint rules;
    /** Every message of the channel, whatever its environment: the topic is its override header. */
    MockEndpoint features;
    @EndpointInject("mock:kafka:ccx-pipeline-dead-letter")
    MockEndpoint deadLetter;

    /** The analysis step replaced: counts its calls and answers what {@link #analyse} gives. */
    public static class FakeAnalysis extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveById("analyse-archive").replace().process(e -> {
                calls.incrementAndGet();
                e.getMessage().setBody(analyse.run(e.getMessage().getBody(ArchiveSynced.class)));
            });
        }
    }

    @BeforeEach
    void resetAnalysis() {
        rules = camel.getEndpoint("mock:kafka:" + TopicNames.targetTopic(TopicNames.RULES_RESULTS), MockEndpoint.class);
        features = camel.getEndpoint("mock:kafka:" + TopicNames.targetTopic(TopicNames.FEATURES), MockEndpoint.class);
        calls.set(0);
        analyse = ArchiveAnalysisRoutesTest::fixtures;
    }

    /** The contract's own valid fixtures, re-addressed to the analysed archive. */
    static Outputs fixtures(ArchiveSynced s) throws Exception {
        RulesResults r = Json.mapper().readValue(ArchiveAnalysisRoutesTest.class.getResourceAsStream(VALID_RULES), RulesResults.class);
        FeaturesMessage f = Json.mapper().readValue(ArchiveAnalysisRoutesTest.class.getResourceAsStream(VALID_FEATURES),
                FeaturesMessage.class);
        return new Outputs(new RulesResults(s.path(), s.metadata(), r.report()), new FeaturesMessage(s.path(), s.metadata(), f.report()));
    }

    static String archiveSynced(String path) {
        return ArchiveMessages.archiveSynced(path, "1234567890/" + CLUSTER + "/20210120031044-0123456789abcdef0123456789abcdef");
    }

    private CountingCommit consume(String body, String topic) {
        CountingCommit commit = new CountingCommit();
        Exchange done = synced.send(e -> e.getMessage().setBody(KafkaBatches.of(camel, body, topic, commit)));
        assertThat(done.getException()).isNull();
        return commit;
    }

    @Test
    void bothOutputsGoToTheirTopicsInTheSameEnvironment() throws Exception {
        rules.expectedMessageCount(1);
        rules.expectedHeaderReceived(KafkaConstants.OVERRIDE_TOPIC, "ccx-prod-insights-operator-archive-rules-results");
        features.expectedMessageCount(1);
        features.expectedHeaderReceived(KafkaConstants.OVERRIDE_TOPIC, "ccx-prod-insights-operator-archive-features");
        String path = "archives/compressed/aa/" + CLUSTER + "/202101/20/031044.tar.gz";
        CountingCommit commit = consume(archiveSynced(path), "ccx-prod-insights-operator-archive-synced");
        MockEndpoint.assertIsSatisfied(rules, features);
        JsonNode r = Json.mapper().readTree(rules.getExchanges().get(0).getMessage().getBody(String.class));
        assertThat(r.get("path").asText()).isEqualTo(path);
        assertThat(rules.getExchanges().get(0).getMessage().getHeader(KafkaConstants.KEY)).isEqualTo(CLUSTER);
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void theSameArchiveTwiceInOnePollIsAnalysedOnceThoughRecordsRunInParallel() throws Exception {
        String path = "archives/compressed/aa/" + CLUSTER + "/202101/20/031046.tar.gz";
        analyse = s -> {
            Thread.sleep(300); // long enough for the other record of the poll to ask meanwhile
            return fixtures(s);
        };
        CountingCommit first = new CountingCommit();
        CountingCommit second = new CountingCommit();
        String topic = "ccx-dev-insights-operator-archive-synced";
        Exchange done = synced.send(e -> e.getMessage().setBody(java.util.List.of(
                KafkaBatches.record(camel, archiveSynced(path), topic, 0, 1, first),
                KafkaBatches.record(camel, archiveSynced(path), topic, 0, 2, second))));
        assertThat(done.getException()).isNull();
        assertThat(calls).as("analysed once").hasValue(1);
        assertThat(rules.getReceivedCounter()).isEqualTo(1);
        assertThat(features.getReceivedCounter()).isEqualTo(1);
        assertThat(second.commits()).as("the poll committed at its last record").isEqualTo(1);
    }

    @Test
    void anArchiveAlreadyAnalysedIsSkippedButCommitted() throws Exception {
        String path = "archives/compressed/aa/" + CLUSTER + "/202101/20/031045.tar.gz";
        consume(archiveSynced(path), "ccx-dev-insights-operator-archive-synced");
        CountingCommit second = consume(archiveSynced(path), "ccx-dev-insights-operator-archive-synced");
        assertThat(calls).hasValue(1);
        assertThat(rules.getReceivedCounter()).isEqualTo(1);
        assertThat(features.getReceivedCounter()).isEqualTo(1);
        assertThat(second.commits()).isEqualTo(1);
    }

    @Test
    void aHostileArchiveIsDeadLetteredWithTheReaderReason() throws Exception {
        analyse = s -> {
            throw new ArchiveRejectedException("entry ../../etc/passwd escapes the archive root");
        };
        deadLetter.expectedMessageCount(1);
        String path = "archives/compressed/aa/" + CLUSTER + "/202101/20/031046.tar.gz";
        CountingCommit commit = consume(archiveSynced(path), "ccx-dev-insights-operator-archive-synced");
        deadLetter.assertIsSatisfied();
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetter.REASON, String.class))
                .contains("escapes the archive root");
        assertThat(rules.getReceivedCounter()).isZero();
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void anOutputBreakingTheContractIsNotPublished() throws Exception {
        analyse = s -> {
            Outputs good = fixtures(s);
            // A metadata cluster id that is not the archive's: the contract's cross-check rejects it.
            return new Outputs(new RulesResults(s.path(), new ArchiveMetadata("bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee", "1"),
                    good.rules().report()), good.features());
        };
        deadLetter.expectedMessageCount(1);
        String path = "archives/compressed/aa/" + CLUSTER + "/202101/20/031047.tar.gz";
        consume(archiveSynced(path), "ccx-dev-insights-operator-archive-synced");
        deadLetter.assertIsSatisfied();
        assertThat(rules.getReceivedCounter()).isZero();
    }

    @Test
    void anArchiveIsRememberedAsAnalysedOnlyOnceItsOutputsAreSent() throws Exception {
        // A kill -9 between remembering the archive and sending its outputs would leave the offset
        // uncommitted but the archive marked analysed: the redelivery would be skipped, the outputs lost.
        String path = "archives/compressed/aa/" + CLUSTER + "/202101/20/031048.tar.gz";
        String key = "analysis:ccx-qa-insights-operator-archive-synced:" + path;
        pipeline.InFlightIdempotency repository =
                camel.getRegistry().lookupByNameAndType("analysisIdempotency", pipeline.InFlightIdempotency.class);
        java.util.concurrent.atomic.AtomicBoolean rememberedTooEarly = new java.util.concurrent.atomic.AtomicBoolean();
        analyse = s -> {
            rememberedTooEarly.set(repository.remembered(key));
            return fixtures(s);
        };
        rules.whenAnyExchangeReceived(e -> rememberedTooEarly.compareAndSet(false, repository.remembered(key)));
        CountingCommit commit = consume(archiveSynced(path), "ccx-qa-insights-operator-archive-synced");
        assertThat(rememberedTooEarly).as("archive marked analysed before its outputs were sent").isFalse();
        assertThat(repository.remembered(key)).as("remembered once done").isTrue();
        assertThat(commit.commits()).isEqualTo(1);
    }
}

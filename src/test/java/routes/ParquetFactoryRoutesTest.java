package routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aggregation.Spill;
import app.PipelineBeans;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import testing.CountingCommit;
import testing.PipelineRouteTest;

/**
 * The factory's routes without servers: the Kafka input is a direct endpoint, the writer is
 * mocked, the clock is the test's. An hour completes on the wall clock, once.
 */
@CamelMainTest(
        configurationClasses = {PipelineBeans.class, testing.TestClock.Binding.class},
        properties = {"ccx.stages.parquet-factory=true", "ccx.stages.sqs-listener=false", "ccx.stages.archive-sync=false",
            "ccx.stages.rules=false", "ccx.stages.features=false", "ccx.stages.thanos-poll=false", "ccx.kafka.brokers=127.0.0.1:9",
            "ccx.parquet.grace-ms=2000", "ccx.parquet.late-rows-ms=1500", "ccx.parquet.recovery-interval-ms=500", "ccx.parquet.state-dir=" + ParquetFactoryRoutesTest.STATE},
        replaceRouteFromWith = {"parquet-input=direct:parquet-input"},
        mockEndpointsAndSkip = "direct:parquet-write|kafka:.*")
class ParquetFactoryRoutesTest extends PipelineRouteTest {
    static final String STATE = "target/parquet-routes-test-state";
    static final String RULES_TOPIC = "ccx-prod-insights-operator-archive-rules-results";
    /** The valid fixture's archive was collected 2021-01-20 03:10:44: hour 03. */
    static final Instant HOUR = Instant.parse("2021-01-20T03:00:00Z");
    static final parquet.TablePartition LEFT = new parquet.TablePartition(parquet.ParquetTable.ARCHIVES,
            Instant.parse("2021-01-19T23:00:00Z"));
    static final testing.TestClock NOW = testing.TestClock.PARQUET;

    static {
        FileUtils.deleteQuietly(Path.of(STATE).toFile());
    }

    @Produce("direct:parquet-input")
    ProducerTemplate input;
    @EndpointInject("mock:direct:parquet-write")
    MockEndpoint write;
    @EndpointInject("mock:kafka:ccx-pipeline-dead-letter")
    MockEndpoint deadLetter;

    static String rules(String hhmmss) throws IOException {
        try (InputStream in = ParquetFactoryRoutesTest.class.getResourceAsStream(
                "/examples/09_rules_results/test_fixture_valid_message.converted.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("/031044.tar.gz", "/" + hhmmss + ".tar.gz");
        }
    }

    private CountingCommit consume(String body, boolean lastOfPoll) {
        CountingCommit commit = new CountingCommit();
        Exchange done = input.send(e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader(KafkaConstants.TOPIC, RULES_TOPIC);
            e.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, commit);
            e.getMessage().setHeader(KafkaConstants.LAST_RECORD_BEFORE_COMMIT, lastOfPoll);
        });
        assertThat(done.getException()).isNull();
        return commit;
    }

    /** The groups completed for one hour (each test has its own hour: the state directory is shared). */
    private static List<String> completed(MockEndpoint mock, String hour) {
        return mock.getReceivedExchanges().stream().map(e -> e.getMessage().getBody(Spill.class))
                .map(s -> s.partition().correlationKey() + " rows=" + s.rows()).filter(k -> k.contains(hour)).sorted().toList();
    }

    @Test
    void aQuietHourIsWrittenOnceItsGracePeriodHasPassedOnTheWallClock() throws Exception {
        NOW.set(HOUR.plus(Duration.ofHours(1))); // the hour has just ended; grace 2 s
        consume(rules("031044"), true);
        consume(rules("031044"), true); // a redelivery: stored once

        // Nothing more arrives. Before the grace period is over, nothing is written...
        Thread.sleep(1000);
        assertThat(completed(write, "T03")).isEmpty();
        // ...then both tables of the hour, within the grace period plus one timeout-checker tick (1 s).
        assertThat(awaitCompleted("T03", 2, Duration.ofMillis(2000 - 1000 + 1000 + 1000))).containsExactly("archives/2021-01-20T03 rows=1", "rule_hits/2021-01-20T03 rows=1");
    }

    @Test
    void rowsOfAnHourAlreadyPastAreWrittenTheLateRowsWaitAfterTheLastOfThem() throws Exception {
        NOW.set(HOUR.plus(Duration.ofHours(5)));
        consume(rules("052000"), false);
        consume(rules("053000"), true);
        assertThat(awaitCompleted("T05", 2, Duration.ofMillis(1500 + 1000 + 1500))).containsExactly("archives/2021-01-20T05 rows=2", "rule_hits/2021-01-20T05 rows=2");
    }

    @Test
    void theOffsetIsCommittedAtTheLastRecordOfItsPartitionInThePollOnceTheRowsAreSynced() throws Exception {
        NOW.set(HOUR.plus(Duration.ofHours(1)));
        assertThat(consume(rules("074000"), false).commits()).as("more of this partition follow in the poll").isZero();
        assertThat(consume(rules("074100"), true).commits()).isEqualTo(1);
    }

    /** Waits for {@code n} completed groups of the hour; fails after the timeout. */
    private List<String> awaitCompleted(String hour, int n, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(completed(write, hour)).hasSizeGreaterThanOrEqualTo(n));
        return completed(write, hour);
    }

    @Test
    void aSealedSpillLeftByAnEarlierProcessIsWrittenByTheAggregatorsRecoveryTask() throws Exception {
        // A sealed spill as a process leaves it that died, or whose write failed (S3 down).
        aggregation.SpillStore earlier = new aggregation.SpillStore(Path.of(STATE), true);
        Spill left = earlier.open(LEFT);
        left.append(new aggregation.SourceRows(LEFT, "rules left", List.of(parquet.ParquetTable.ARCHIVES.row()
                .set("cluster_id", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee").set("collected_at", 0L).set("archive_path", "x").build())));
        earlier.seal(left, "LEFT-1");

        // Written within a recovery interval (500 ms here).
        assertThat(awaitCompleted("2021-01-19T23", 1, Duration.ofSeconds(5))).containsExactly("archives/2021-01-19T23 rows=1");
        assertThat(write.getReceivedExchanges().stream().map(e -> e.getMessage().getBody(Spill.class))
                .filter(s -> s.partition().equals(LEFT))).allMatch(Spill::recovered);
    }

    @Test
    void aMessageBreakingTheContractGoesToTheDeadLetterTopicAndIsCommitted() throws Exception {
        deadLetter.expectedMessageCount(1);
        CountingCommit commit = consume("{\"path\": 42}", false);
        deadLetter.assertIsSatisfied(5000);
        assertThat(commit.commits()).isEqualTo(1);
        assertThat(Files.exists(Path.of(STATE))).isTrue();
    }
}

package routes;

import static org.apache.camel.builder.Builder.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aggregation.SourceRows;
import aggregation.Spill;
import aggregation.SpillStore;
import app.PipelineBeans;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import model.Json;
import model.RulesResults;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import testing.PipelineRouteTest;

/**
 * The factory's output side without servers: {@code parquet-write} (the writer step replaced by a
 * recording one, so no S3), {@code parquet-flush-all} and {@code parquet-prune} (the real retention
 * bean on a real state directory). The aggregator, its spill repository and its recovery task are
 * the real ones; only the clock is the test's. Each test has its own hours (the state directory is
 * shared by the test methods, each of which has its own Camel context).
 */
@CamelMainTest(
        configurationClasses = {PipelineBeans.class, testing.TestClock.Binding.class},
        properties = {"ccx.stages.parquet-factory=true", "ccx.stages.sqs-listener=false", "ccx.stages.archive-sync=false",
            "ccx.stages.rules=false", "ccx.stages.features=false", "ccx.stages.thanos-poll=false", "ccx.kafka.brokers=127.0.0.1:9",
            // An hour still running stays open for the whole test; an hour long past completes 300 ms after its last rows.
            "ccx.parquet.grace-ms=600000", "ccx.parquet.late-rows-ms=300", "ccx.parquet.completion-check-ms=100",
            "ccx.parquet.recovery-interval-ms=500", "ccx.parquet.prune-interval-ms=200",
            "ccx.parquet.state-dir=" + ParquetWriteRoutesTest.STATE},
        replaceRouteFromWith = {"parquet-input=direct:parquet-input"},
        advices = {@AdviceRouteMapping(route = "parquet-write", advice = ParquetWriteRoutesTest.RecordingWriter.class),
            @AdviceRouteMapping(route = "parquet-prune", advice = ParquetWriteRoutesTest.RecordingPrune.class)},
        mockEndpoints = "direct:parquet-write",
        mockEndpointsAndSkip = "kafka:.*")
class ParquetWriteRoutesTest extends PipelineRouteTest {
    /** The factory's mapping bean, its rejection counter on a registry of its own. */
    private static final aggregation.MessageRows MAPPING =
            new aggregation.MessageRows(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    static final String STATE = "target/parquet-write-routes-test-state";
    static final testing.TestClock NOW = testing.TestClock.PARQUET;
    /** Every hour the tests use (2021-01-20T10..13) is long past at this time: it completes after the late-rows wait. */
    static final Instant EVENING = Instant.parse("2021-01-20T18:00:00Z");

    static {
        FileUtils.deleteQuietly(Path.of(STATE).toFile());
    }

    // --- the recording writer: replaces the bean call "write-parquet-file" of parquet-write ---

    /** One call of the writer step, as the route handed it over. */
    record Write(String exchangeId, String partition, Class<?> bodyType, List<String> rows, String spillFile,
                 boolean recovered, String completedBy, Integer redeliveryCounter) {
    }

    /** What the writer step does in the current test, after recording the call; it may throw or block. */
    interface WriteStep {
        void write(Write call) throws Exception;
    }

    static volatile WriteStep step = call -> { };
    /** Every call of the writer step. */
    static final List<Write> calls = new CopyOnWriteArrayList<>();
    /** The calls that returned normally (the file is "in S3"). */
    static final List<Write> written = new CopyOnWriteArrayList<>();

    public static class RecordingWriter extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveById("write-parquet-file").replace().process(ParquetWriteRoutesTest::recordWrite);
        }
    }

    static void recordWrite(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        Spill spill = (Spill) body; // SpillWriter.write(Spill): the aggregate itself, no conversion
        List<String> rows = new ArrayList<>();
        try (Spill.RowCursor cursor = spill.rows(false)) {
            cursor.forEachRemaining(r -> rows.add(r.toString()));
        }
        Write call = new Write(exchange.getExchangeId(), spill.partition().correlationKey(), body.getClass(), rows,
                spill.file().getFileName().toString(), spill.recovered(),
                exchange.getProperty(ExchangePropertyKey.AGGREGATED_COMPLETED_BY, String.class),
                exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class));
        calls.add(call);
        step.write(call);
        written.add(call);
    }

    // --- the prune step: the real retention bean runs; what it returned is recorded after it ---

    static final BlockingQueue<Integer> pruned = new LinkedBlockingQueue<>();

    public static class RecordingPrune extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveById("prune-written-hours").after().process(e -> pruned.add(e.getMessage().getBody(Integer.class)));
        }
    }

    @org.apache.camel.Produce
    ProducerTemplate template;
    @EndpointInject("mock:direct:parquet-write")
    MockEndpoint toWriter;

    @BeforeEach
    void reset() {
        step = call -> { };
        calls.clear();
        written.clear();
        pruned.clear();
    }

    static String rules(String hhmmss) throws IOException {
        try (InputStream in = ParquetWriteRoutesTest.class.getResourceAsStream(
                "/examples/09_rules_results/test_fixture_valid_message.converted.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("/031044.tar.gz", "/" + hhmmss + ".tar.gz");
        }
    }

    /** The fixture's rows (one archives, one rule_hits row) for an archive collected 2021-01-20 at hhmmss. */
    static List<SourceRows> rowsOf(String hhmmss) throws IOException {
        return MAPPING.fromRules(Json.mapper().readValue(rules(hhmmss), RulesResults.class));
    }

    private SpillStore store() {
        return camel.getRegistry().lookupByNameAndType("parquetSpillStore", SpillStore.class);
    }

    private NotifyBuilder spills() {
        // The completed groups: the aggregated exchanges, whose body is the spill (their inputs' is SourceRows).
        return new NotifyBuilder(camel).fromRoute("parquet-aggregate").filter(body().isInstanceOf(Spill.class));
    }

    /** The calls for these hours' groups (a test failing before may leave spills that are recovered in the next). */
    private static List<Write> only(List<Write> recorded, List<SourceRows> hours) {
        List<String> keys = hours.stream().map(SourceRows::key).toList();
        return recorded.stream().filter(w -> keys.contains(w.partition())).toList();
    }

    private static List<String> strings(SourceRows rows) {
        return rows.rows().stream().map(Object::toString).toList();
    }

    private Path hourDir(String correlationKey) {
        return Path.of(STATE).resolve(correlationKey.replace('/', java.io.File.separatorChar));
    }

    private List<String> writtenSources(String correlationKey) throws IOException {
        Path record = hourDir(correlationKey).resolve("sources");
        return Files.exists(record) ? Files.readAllLines(record) : List.of();
    }

    @Test
    void aCompletedHourReachesTheWriterAsItsSealedSpillWithItsRowsAndOnceWrittenTheSpillIsDeleted() throws Exception {
        NOW.set(EVENING);
        List<SourceRows> hour = rowsOf("101500");
        assertThat(hour).extracting(SourceRows::key).containsExactlyInAnyOrder("archives/2021-01-20T10", "rule_hits/2021-01-20T10");
        toWriter.expectedMessageCount(2);
        toWriter.allMessages().body().isInstanceOf(Spill.class);
        NotifyBuilder done = spills().whenCompleted(2).create();

        hour.forEach(rows -> template.sendBody("direct:parquet-aggregate", rows));

        toWriter.assertIsSatisfied(5000);
        // The aggregator's exchange completes after its synchronizations: the repository's confirm ran.
        assertThat(done.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(only(written, hour)).hasSize(2);
        for (SourceRows rows : hour) {
            Write call = written.stream().filter(w -> w.partition().equals(rows.key())).findFirst().orElseThrow();
            assertThat(call.bodyType()).isEqualTo(Spill.class);
            assertThat(call.rows()).containsExactlyElementsOf(strings(rows));
            assertThat(call.recovered()).isFalse();
            assertThat(call.completedBy()).isEqualTo("timeout");
            // Sealed under the aggregated exchange's id before the write...
            assertThat(call.spillFile()).isEqualTo("g0." + call.exchangeId() + ".sealed");
            // ...and confirmed after it: the rows are gone, the source joined the hour's written record.
            assertThat(hourDir(rows.key()).resolve(call.spillFile())).doesNotExist();
            assertThat(writtenSources(rows.key())).containsExactly(rows.source());
            assertThat(store().sealedIds()).doesNotContain(call.exchangeId());
        }
    }

    @Test
    void aFailedWriteKeepsTheSealedSpillAndTheRecoveryTaskWritesTheSameRowsAgain() throws Exception {
        NOW.set(EVENING);
        List<SourceRows> hour = rowsOf("111500");
        CountDownLatch retryMayFinish = new CountDownLatch(1);
        step = call -> {
            if (call.redeliveryCounter() == null) {
                throw new IOException("S3 unavailable (simulated): " + call.partition());
            }
            // The recovery's attempt waits until the test has looked at the state after the failure.
            assertThat(retryMayFinish.await(20, TimeUnit.SECONDS)).isTrue();
        };
        NotifyBuilder failed = spills().whenFailed(2).create();
        NotifyBuilder rewritten = spills().whenCompleted(2).create();

        hour.forEach(rows -> template.sendBody("direct:parquet-aggregate", rows));

        assertThat(failed.matches(10, TimeUnit.SECONDS)).isTrue();
        List<Write> firstAttempts = only(calls, hour).stream().filter(c -> c.redeliveryCounter() == null).toList();
        assertThat(firstAttempts).extracting(Write::partition).containsExactlyInAnyOrder("archives/2021-01-20T11", "rule_hits/2021-01-20T11");
        // Not confirmed: both spills still sealed on disk, their sources not recorded as written.
        Map<String, String> ids = firstAttempts.stream().collect(Collectors.toMap(Write::partition, Write::exchangeId));
        assertThat(store().sealedIds()).containsAll(ids.values());
        for (Write first : firstAttempts) {
            assertThat(hourDir(first.partition()).resolve(first.spillFile())).exists();
            assertThat(writtenSources(first.partition())).isEmpty();
        }

        retryMayFinish.countDown();
        assertThat(rewritten.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(only(written, hour)).hasSize(2);
        for (SourceRows rows : hour) {
            Write retry = written.stream().filter(w -> w.partition().equals(rows.key())).findFirst().orElseThrow();
            // The aggregator's recovery task (not a redelivery inside the route): same exchange, same spill, same rows.
            assertThat(retry.redeliveryCounter()).isEqualTo(1);
            assertThat(retry.exchangeId()).isEqualTo(ids.get(rows.key()));
            assertThat(retry.recovered()).as("the writer is told its file may be in S3 already").isTrue();
            assertThat(retry.rows()).containsExactlyElementsOf(strings(rows));
            assertThat(hourDir(rows.key()).resolve(retry.spillFile())).doesNotExist();
            assertThat(writtenSources(rows.key())).containsExactly(rows.source());
        }
        assertThat(only(calls, hour)).as("one failed attempt and one retry per group").hasSize(4);
    }

    @Test
    void flushAllCompletesEveryOpenHourAndReturnsOnlyOnceAllAreWritten() throws Exception {
        NOW.set(Instant.parse("2021-01-20T13:05:00Z")); // hours 12 and 13 are open for minutes yet
        List<SourceRows> open = new ArrayList<>(rowsOf("124500"));
        open.addAll(rowsOf("130500"));
        List<String> keys = open.stream().map(SourceRows::key).toList();
        assertThat(keys).containsExactlyInAnyOrder("archives/2021-01-20T12", "rule_hits/2021-01-20T12",
                "archives/2021-01-20T13", "rule_hits/2021-01-20T13");
        CountDownLatch writing = new CountDownLatch(2); // ccx.parquet.writer-threads: two at a time
        CountDownLatch s3Answers = new CountDownLatch(1);
        step = call -> {
            writing.countDown();
            assertThat(s3Answers.await(20, TimeUnit.SECONDS)).isTrue();
        };
        toWriter.expectedMessageCount(4);
        toWriter.allMessages().exchangeProperty(ExchangePropertyKey.AGGREGATED_COMPLETED_BY.getName()).isEqualTo("force");
        open.forEach(rows -> template.sendBody("direct:parquet-aggregate", rows));
        assertThat(store().openCount()).isEqualTo(4);
        assertThat(only(calls, open)).as("open for minutes yet").isEmpty();

        Future<Object> flush = template.asyncRequestBody("direct:parquet-flush-all", null);

        assertThat(writing.await(10, TimeUnit.SECONDS)).as("the flush completed the hours").isTrue();
        // The writes are under way but not done: the flush has not returned.
        assertThatThrownBy(() -> flush.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        s3Answers.countDown();
        Object answer = flush.get(20, TimeUnit.SECONDS);

        // Everything was written before the request returned.
        assertThat(only(written, open)).extracting(Write::partition).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(answer).as("SpillStore.awaitWritten: every sealed spill confirmed").isEqualTo(true);
        for (SourceRows rows : open) {
            Write call = written.stream().filter(w -> w.partition().equals(rows.key())).findFirst().orElseThrow();
            assertThat(call.rows()).containsExactlyElementsOf(strings(rows));
            assertThat(call.completedBy()).isEqualTo("force");
            assertThat(writtenSources(rows.key())).containsExactly(rows.source());
        }
        assertThat(store().sealedIds()).isEmpty();
        assertThat(store().openCount()).isZero();
        toWriter.assertIsSatisfied(1000);
    }

    /**
     * The prune route has no error handling of its own (no onException, no route configuration): a
     * failing prune is a failed exchange, logged by Camel's default error handler with its stack
     * trace, not retried; the timer fires again at the next interval and the prune is tried again.
     * The failure used is a real one: an hour directory holding a non-empty subdirectory makes
     * {@link SpillStore#pruneBefore} throw ({@link DirectoryNotEmptyException}) at every tick, and
     * while it does, no hour listed after it (a later table) is pruned either.
     */
    @Test
    void theTimerRunsTheRetentionBeanAndAFailingPruneIsTriedAgainAtTheNextTick() throws Exception {
        NOW.set(EVENING); // the retention is 168 h: hours before 2021-01-13T18 go
        Path blocking = hourDir("rule_hits/2021-01-01T00"); // rule_hits is listed before archives
        Path blocked = hourDir("archives/2021-01-01T00");
        Path recent = hourDir("archives/2021-01-19T00");
        Path stray = blocking.resolve("stray");
        Files.createDirectories(stray);
        Files.writeString(stray.resolve("file"), "not the factory's");
        for (Path hour : List.of(blocking, blocked, recent)) {
            Files.createDirectories(hour);
            Files.writeString(hour.resolve("sources"), "rules some/archive.tar.gz\n");
        }
        NotifyBuilder failing = new NotifyBuilder(camel).fromRoute("parquet-prune")
                .filter(e -> e.getException() instanceof DirectoryNotEmptyException).whenFailed(2).create();

        assertThat(failing.matches(5, TimeUnit.SECONDS)).as("the timer keeps calling the failing prune").isTrue();
        assertThat(camel.getRouteController().getRouteStatus("parquet-prune")).isEqualTo(ServiceStatus.Started);
        assertThat(blocked.resolve("sources")).as("not pruned while an earlier hour fails").exists();

        // Every tick fails until the stray directory goes, so the first completed tick after this is the repaired one.
        pruned.clear();
        FileUtils.deleteDirectory(stray.toFile());
        Integer n = pruned.poll(5, TimeUnit.SECONDS);
        assertThat(n).as("(table, hour)s the first completed tick forgot").isEqualTo(2);
        assertThat(blocking).doesNotExist();
        assertThat(blocked).doesNotExist();
        assertThat(recent.resolve("sources")).as("within the retention").exists();
    }
}

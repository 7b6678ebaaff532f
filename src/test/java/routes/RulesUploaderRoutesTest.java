package routes;

import static org.assertj.core.api.Assertions.assertThat;

import app.PipelineBeans;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
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
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import testing.CountingCommit;
import testing.KafkaBatches;
import testing.PipelineRouteTest;

/**
 * The rules uploader's PUT, HEAD and replacing PUT against a fake Ceph bucket (the camel-aws2-s3
 * steps advised): written once, a redelivery writes nothing, another analysis replaces, a failure
 * anywhere (the replacing PUT included) is redelivered and then dead-lettered, never thrown out of the batch.
 */
@CamelMainTest(
        configurationClasses = PipelineBeans.class,
        properties = {"ccx.topology=2024", "ccx.stages.sqs-listener=false", "ccx.stages.multiplexor=false",
            "ccx.stages.archive-sync=false", "ccx.stages.archive-sync-ols=false", "ccx.stages.rules=false",
            "ccx.stages.parquet-factory=false", "ccx.stages.rules-uploader=true", "ccx.kafka.brokers=127.0.0.1:9",
            "ccx.health.servers-enabled=false",
            "ccx.retry.max-redeliveries=2", "ccx.retry.initial-delay-ms=1", "ccx.retry.max-delay-ms=5"},
        replaceRouteFromWith = {"rules-uploader-batches=direct:rules-results"},
        advices = @AdviceRouteMapping(route = "put-rules-json", advice = RulesUploaderRoutesTest.FakeCeph.class),
        mockEndpointsAndSkip = "kafka:.*")
class RulesUploaderRoutesTest extends PipelineRouteTest {
    static final String PATH = "archives/compressed/aa/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/031044.tar.gz";
    static final String KEY = "insights/aa/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/031044/insights.json";
    static final String FIRST = "2021-02-12T09:22:41.434439+00:00";
    static final String LATER = "2021-02-12T10:00:00.000001+00:00";

    record Stored(byte[] bytes, Map<String, String> metadata) {
    }

    static final Map<String, Stored> BUCKET = new ConcurrentHashMap<>();
    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    /** Failures the next PUTs (either kind) throw, then they work. */
    static final AtomicInteger failingPuts = new AtomicInteger();
    /** Failures the next replacing PUTs throw. */
    static final AtomicInteger failOnReplace = new AtomicInteger();

    @Produce("direct:rules-results")
    ProducerTemplate rulesResults;
    @EndpointInject("mock:kafka:ccx-pipeline-dead-letter")
    MockEndpoint deadLetter;

    public static class FakeCeph extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveById("put-rules-json-if-absent").replace().process(e -> put(e, "put-if-absent", true));
            weaveById("head-rules-json").replace().process(RulesUploaderRoutesTest::head);
            weaveById("replace-rules-json").replace().process(e -> put(e, "replace", false));
        }
    }

    static void put(Exchange e, String step, boolean ifNoneMatch) throws IOException {
        Message m = e.getMessage();
        CALLS.add(step);
        String key = m.getHeader(AWS2S3Constants.KEY, String.class);
        if (failingPuts.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                || !ifNoneMatch && failOnReplace.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IOException("Connection refused: ceph");
        }
        if (ifNoneMatch && BUCKET.containsKey(key)) {
            throw S3Exception.builder().statusCode(412).message("At least one of the pre-conditions you specified did not hold").build();
        }
        @SuppressWarnings("unchecked")
        Map<String, String> metadata = m.getHeader(AWS2S3Constants.METADATA, Map.class);
        BUCKET.put(key, new Stored(m.getBody(InputStream.class).readAllBytes(), metadata));
    }

    static void head(Exchange e) {
        CALLS.add("head");
        Stored stored = BUCKET.get(e.getMessage().getHeader(AWS2S3Constants.KEY, String.class));
        e.getMessage().setBody(HeadObjectResponse.builder().contentLength((long) stored.bytes().length).metadata(stored.metadata()).build());
    }

    @BeforeEach
    void emptyBucket() {
        BUCKET.clear();
        CALLS.clear();
        failingPuts.set(0);
        failOnReplace.set(0);
    }

    /** A valid rules-results message (the contract's fixture) finished at {@code finish}: each analysis has its own. */
    static String message(String finish) {
        try (InputStream in = RulesUploaderRoutesTest.class.getResourceAsStream(
                "/examples/09_rules_results/test_fixture_valid_message.converted.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("2021-02-12T09:22:41.434439+00:00", finish);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private CountingCommit consume(String body) {
        CountingCommit commit = new CountingCommit();
        Exchange done = rulesResults.send(e -> e.getMessage().setBody(KafkaBatches.of(camel, body, "prod-insights-rules-results", commit)));
        assertThat(done.getException()).as("nothing escapes to the batch").isNull();
        return commit;
    }

    private static String stored() {
        return new String(BUCKET.get(KEY).bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theMessageIsWrittenAsConsumedThenARedeliveryWritesNothing() {
        String body = message(FIRST);
        assertThat(consume(body).commits()).isEqualTo(1);
        assertThat(stored()).isEqualTo(body);
        assertThat(CALLS).containsExactly("put-if-absent");

        assertThat(consume(body).commits()).isEqualTo(1);
        assertThat(CALLS).containsExactly("put-if-absent", "put-if-absent", "head");
        assertThat(deadLetter.getReceivedCounter()).isZero();
    }

    @Test
    void anotherAnalysisOfTheArchiveReplacesTheFile() {
        consume(message(FIRST));
        String newer = message(LATER);
        consume(newer);
        assertThat(stored()).isEqualTo(newer);
        assertThat(CALLS).containsExactly("put-if-absent", "put-if-absent", "head", "replace");
    }

    @Test
    void aFailedReplacingPutIsRedeliveredFromThePlannedFile() {
        consume(message(FIRST));
        CALLS.clear();
        String newer = message(LATER);
        // the conditional PUT answers 412, the HEAD finds other content, the replacing PUT fails once
        failOnReplace.set(1);
        assertThat(consume(newer).commits()).isEqualTo(1);
        assertThat(stored()).isEqualTo(newer);
        assertThat(CALLS).containsExactly("put-if-absent", "head", "replace", "put-if-absent", "head", "replace");
        assertThat(deadLetter.getReceivedCounter()).isZero();
    }

    @Test
    void cephDownForLongerThanTheRedeliveriesIsDeadLetteredAndCommitted() throws Exception {
        failingPuts.set(100);
        deadLetter.expectedMessageCount(1);
        String body = message(FIRST);
        CountingCommit commit = consume(body);
        deadLetter.assertIsSatisfied();
        assertThat(deadLetter.getExchanges().get(0).getMessage().getBody(String.class)).isEqualTo(body);
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetter.ROUTE)).isEqualTo("rules-uploader");
        assertThat(CALLS).as("first try and two redeliveries").hasSize(3);
        assertThat(commit.commits()).isEqualTo(1);
    }

    @Test
    void aMessageBreakingTheContractIsDeadLetteredWithoutAPut() throws Exception {
        deadLetter.expectedMessageCount(1);
        String body = message(FIRST).replace(PATH, "insights/elsewhere.json");
        assertThat(consume(body).commits()).isEqualTo(1);
        deadLetter.assertIsSatisfied();
        assertThat(CALLS).isEmpty();
    }
}

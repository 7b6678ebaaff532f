package routes;

import static org.assertj.core.api.Assertions.assertThat;

import app.PipelineBeans;
import com.fasterxml.jackson.databind.JsonNode;
import ingest.S3EventSplitter;
import java.io.IOException;
import java.util.List;
import model.Json;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Produce;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pipeline.DeadLetter;
import testing.PipelineRouteTest;
import testing.S3Events;

@CamelMainTest(
        configurationClasses = PipelineBeans.class,
        properties = {"ccx.analysis.idempotency=memory", "ccx.stages.rules=false", "ccx.stages.features=false", "ccx.stages.parquet-factory=false", "ccx.stages.archive-sync=false", "ccx.sqs.access-key=k", "ccx.sqs.secret-key=s",
            "ccx.sqs.endpoint=http://127.0.0.1:9", "ccx.kafka.brokers=127.0.0.1:9"},
        replaceRouteFromWith = {"sqs-listener=direct:sqs"},
        mockEndpointsAndSkip = "kafka:*")
class SqsListenerRoutesTest extends PipelineRouteTest {
    static final String KEY_A = "1234567/abcd1234-1234-abcd-5678-1234abcd1234/20200609125740-1234567890abcdef1234567890abcdef";
    static final String KEY_B = "7307752/4e696069-edf5-44dd-9f05-fcca2d14cdf1/20200609125741-113ebefe3cdd4a62b9d0e094213bf9e9";

    @Produce("direct:sqs")
    ProducerTemplate sqs;
    @EndpointInject("mock:kafka:ccx-dev-insights-operator-archive-new")
    MockEndpoint dev;
    @EndpointInject("mock:kafka:ccx-qa-insights-operator-archive-new")
    MockEndpoint qa;
    @EndpointInject("mock:kafka:ccx-prod-insights-operator-archive-new")
    MockEndpoint prod;
    @EndpointInject("mock:kafka:ccx-pipeline-dead-letter")
    MockEndpoint deadLetter;

    @AfterEach
    void reset() {
        MockEndpoint.resetMocks(dev.getCamelContext());
    }

    static String notification(String... keys) {
        return S3Events.keys("b", 11805, keys);
    }

    private Exchange receive(String body, String messageId) {
        return sqs.send(e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader("CamelAwsSqsMessageId", messageId);
        });
    }

    @Test
    void everyRecordGoesToEveryEnvironment() throws Exception {
        for (MockEndpoint env : List.of(dev, qa, prod)) {
            env.expectedMessageCount(2);
        }
        deadLetter.expectedMessageCount(0);
        Exchange done = receive(notification(KEY_A, KEY_B), "abe528f6-18a9-45a9-9871-8391ccb5c7d7");
        assertThat(done.getException()).isNull();
        MockEndpoint.assertIsSatisfied(dev, qa, prod, deadLetter);

        long expectedId = S3EventSplitter.stableMessageId("abe528f6-18a9-45a9-9871-8391ccb5c7d7");
        JsonNode first = Json.mapper().readTree(dev.getExchanges().get(0).getMessage().getBody(String.class));
        assertThat(first.get("cluster_id").asText()).isEqualTo("abcd1234-1234-abcd-5678-1234abcd1234");
        assertThat(first.get("path").asText()).isEqualTo(KEY_A);
        assertThat(first.get("sqs_message_id").asLong()).isEqualTo(expectedId).isPositive();
        assertThat(first.size()).isEqualTo(3);
        assertThat(dev.getExchanges().get(0).getMessage().getHeader("kafka.KEY")).isEqualTo("abcd1234-1234-abcd-5678-1234abcd1234");
        JsonNode second = Json.mapper().readTree(prod.getExchanges().get(1).getMessage().getBody(String.class));
        assertThat(second.get("cluster_id").asText()).isEqualTo("4e696069-edf5-44dd-9f05-fcca2d14cdf1");
    }

    @Test
    void aRecordOutsideTheKeyLayoutIsDeadLetteredAndTheOthersStillGo() throws Exception {
        dev.expectedMessageCount(1);
        deadLetter.expectedMessageCount(1);
        String body = notification("some/other/object.txt", KEY_A);
        Exchange done = receive(body, "11111111-2222-3333-4444-555555555555");
        assertThat(done.getException()).isNull();
        MockEndpoint.assertIsSatisfied(dev, deadLetter);
        var dead = deadLetter.getExchanges().get(0).getMessage();
        assertThat(dead.getHeader(DeadLetter.REASON, String.class)).contains("not an archive key");
        assertThat(dead.getHeader(SqsListenerRoutes.REJECTED_KEY)).isEqualTo("some/other/object.txt");
        assertThat(dead.getHeader(DeadLetter.ROUTE)).isEqualTo("sqs-listener");
        assertThat(dead.getBody(String.class)).isEqualTo(body);
    }

    @Test
    void s3TestEventIsCountedAndDeletedNotDeadLettered() throws Exception {
        dev.expectedMessageCount(0);
        deadLetter.expectedMessageCount(0);
        String testEvent = "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2021-02-01T18:00:00.000Z\","
                + "\"Bucket\":\"bucketname\",\"RequestId\":\"5582816E2AEA6FDF\",\"HostId\":\"8cLeGAwm098X\"}";
        double before = testEvents();
        Exchange done = receive(testEvent, "22222222-2222-3333-4444-555555555555");
        // Handled without an exception: the SQS message is deleted (contract §4.3: skip it).
        assertThat(done.getException()).isNull();
        MockEndpoint.assertIsSatisfied(dev, deadLetter);
        assertThat(testEvents()).isEqualTo(before + 1);
    }

    private double testEvents() {
        var counter = dev.getCamelContext().getComponent("micrometer", org.apache.camel.component.micrometer.MicrometerComponent.class)
                .getMetricsRegistry().find("ccx.sqs.s3.test.events").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aBodyThatIsNotJsonIsDeadLettered() throws Exception {
        deadLetter.expectedMessageCount(1);
        Exchange done = receive("this is not json", "33333333-2222-3333-4444-555555555555");
        assertThat(done.getException()).isNull();
        deadLetter.assertIsSatisfied();
        var dead = deadLetter.getExchanges().get(0).getMessage();
        assertThat(dead.getBody(String.class)).isEqualTo("this is not json");
        assertThat(dead.getHeader(DeadLetter.ERROR, String.class)).isEqualTo("contract.ContractViolation");
        assertThat(dead.getHeader(DeadLetter.SOURCE, String.class)).isEqualTo("sqs:33333333-2222-3333-4444-555555555555");
    }

    @Test
    void aFailedKafkaSendFailsTheExchangeSoSqsKeepsTheMessage() throws Exception {
        qa.whenAnyExchangeReceived(e -> {
            throw new IOException("broker not available");
        });
        deadLetter.expectedMessageCount(0);
        Exchange done = receive(notification(KEY_A), "44444444-2222-3333-4444-555555555555");
        assertThat(done.getException()).isNotNull().hasRootCauseInstanceOf(IOException.class);
        deadLetter.assertIsSatisfied();
        // The environments' sends are in flight together: one failing fails the message whatever the
        // others did; SQS sends it again and the later stages are idempotent.
        assertThat(qa.getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void theSameSqsMessageIdGivesTheSameSqsMessageId() {
        long a = S3EventSplitter.stableMessageId("abe528f6-18a9-45a9-9871-8391ccb5c7d7");
        assertThat(S3EventSplitter.stableMessageId("abe528f6-18a9-45a9-9871-8391ccb5c7d7")).isEqualTo(a);
        assertThat(S3EventSplitter.stableMessageId("abe528f6-18a9-45a9-9871-8391ccb5c7d8")).isNotEqualTo(a);
        assertThat(a).isBetween(1L, (1L << 53) - 1);
    }
}

package routes;

import static org.assertj.core.api.Assertions.assertThat;

import aggregation.SourceRows;
import app.PipelineBeans;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import parquet.ParquetTable;
import testing.PipelineRouteTest;
import thanos.FakeThanos;
import thanos.ThanosHourlyPoll;

/**
 * The Thanos poll without servers: the timer is a direct endpoint, the camel-http endpoint of the
 * queries ({@code http:thanos-query}) answers what a test scripts, the aggregator is a mock.
 * Asserts what the poll sends where: the form it POSTs, the rows it hands the aggregator, and
 * that an hour is marked done only once its rows are handed over (never after a failed query).
 */
@CamelMainTest(
        configurationClasses = PipelineBeans.class,
        properties = {"ccx.stages.thanos-poll=true", "ccx.stages.parquet-factory=false", "ccx.stages.sqs-listener=false",
            "ccx.stages.archive-sync=false", "ccx.stages.rules=false", "ccx.stages.features=false", "ccx.kafka.brokers=127.0.0.1:9",
            "ccx.thanos.url=http://thanos.test:9091/prefix/", "ccx.thanos.backfill-hours=1", "ccx.thanos.settle-delay-ms=0",
            "ccx.thanos.max-hours-per-poll=1", "ccx.thanos.ledger-file=" + ThanosPollRoutesTest.LEDGER,
            "ccx.parquet.state-dir=target/thanos-poll-routes-test-state"},
        replaceRouteFromWith = {"thanos-poll=direct:thanos-poll"},
        mockEndpointsAndSkip = "http:.*|direct:parquet-aggregate")
// The failure first: its hour is still pending; the success then marks it done.
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ThanosPollRoutesTest extends PipelineRouteTest {
    static final String LEDGER = "target/thanos-poll-routes-test/hours.json";
    static final String CLUSTER = "10bc27ef-1111-4fc8-85a2-a1231dc614e9";
    static final String SUBSCRIBED = FakeThanos.vector("{\"_id\":\"" + CLUSTER + "\",\"ebs_account\":\"6181891\"}");
    static final String LABELS = FakeThanos.vector("{\"_id\":\"" + CLUSTER + "\",\"email_domain\":\"example.travelersinsurance\","
            + "\"managed\":\"false\",\"support\":\"L1-Premium\"}");

    static {
        FileUtils.deleteQuietly(Path.of(LEDGER).getParent().toFile());
    }

    @Produce("direct:thanos-poll")
    ProducerTemplate tick;
    @EndpointInject("mock:http:thanos-query")
    MockEndpoint thanos;
    @EndpointInject("mock:direct:parquet-aggregate")
    MockEndpoint aggregate;

    private ThanosHourlyPoll poll() {
        return camel.getRegistry().lookupByNameAndType("thanosPoll", ThanosHourlyPoll.class);
    }

    /** Thanos answering like Prometheus: the subscribed clusters, then their labels. */
    private void thanosAnswers(int status) {
        thanos.whenAnyExchangeReceived(e -> {
            String form = e.getMessage().getBody(String.class);
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
            e.getMessage().setBody(status != 200 ? "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"store down\"}"
                    : form.contains("subscription_labels") ? LABELS : SUBSCRIBED);
        });
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void anHoursRowsGoToTheAggregatorAndOnlyThenIsTheHourDone() throws Exception {
        thanosAnswers(200);
        thanos.expectedMessageCount(2);
        aggregate.expectedMessageCount(1);

        tick.sendBody(null);

        MockEndpoint.assertIsSatisfied(thanos, aggregate);
        // Two POSTs of a form to the query API under the base URL's path.
        for (Exchange query : thanos.getExchanges()) {
            assertThat(query.getMessage().getHeader(Exchange.HTTP_URI)).isEqualTo("http://thanos.test:9091/prefix/api/v1/query");
            assertThat(query.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/x-www-form-urlencoded");
            assertThat(query.getMessage().getBody(String.class)).startsWith("query=").endsWith("&partial_response=false");
        }
        SourceRows rows = aggregate.getExchanges().get(0).getMessage().getBody(SourceRows.class);
        assertThat(rows.partition().table()).isEqualTo(ParquetTable.CLUSTER_THANOS_INFO);
        // Newer support levels and long top-level domains are data, written as they are.
        assertThat(rows.rows()).singleElement().satisfies(r -> {
            assertThat(r.get("cluster_id")).isEqualTo(CLUSTER);
            assertThat(r.get("support")).isEqualTo("L1-Premium");
            assertThat(r.get("email_domain")).isEqualTo("example.travelersinsurance");
        });
        assertThat(poll().ledger().isDone(rows.hour())).isTrue();

        // The hour is done: the next tick asks nothing.
        MockEndpoint.resetMocks(camel);
        thanos.expectedMessageCount(0);
        tick.sendBody(null);
        thanos.assertIsSatisfied();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void aFailedQueryHandsNothingOverAndLeavesTheHourToTheNextTick() throws Exception {
        java.util.NavigableSet<java.time.Instant> doneBefore = poll().ledger().doneHours();
        // An error answer, then a connection failure: neither marks an hour done nor reaches the aggregator.
        thanosAnswers(503);
        aggregate.expectedMessageCount(0);
        Exchange failed = tick.send(e -> { });
        assertThat(failed.getException()).isNull(); // handled by the route: logged, retried next tick
        thanos.whenAnyExchangeReceived(e -> {
            throw new IOException("Connection refused");
        });
        tick.sendBody(null);
        aggregate.assertIsSatisfied();
        assertThat(thanos.getReceivedCounter()).isEqualTo(2);
        assertThat(poll().ledger().doneHours()).isEqualTo(doneBefore);
    }
}

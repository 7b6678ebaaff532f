package kamelet;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;
import pipeline.DeadLetter;

/**
 * The action Kamelets (classpath:kamelets, copied there from kamelets/ by the build) wired the way
 * a Pipe wires them, configured only by their own {@code camel.kamelet.<name>.<property>}
 * properties (one route id per Kamelet step, as Camel K numbers them). Kafka endpoints are mocked:
 * bad input must reach the dead-letter topic and nothing the sink.
 */
@CamelMainTest(mockEndpointsAndSkip = "kafka:*", properties = {
        "ccx.http.enabled=false",
        "camel.kamelet.ccx-archive-sync-action.awsBucket=ingress",
        "camel.kamelet.ccx-archive-sync-action.cephEndpoint=http://127.0.0.1:9",
        "camel.kamelet.ccx-archive-sync-action.cephBucket=datahub",
        "camel.kamelet.ccx-archive-sync-action.bootstrapServers=127.0.0.1:9",
        "camel.kamelet.ccx-archive-sync-action.deadLetterTopic=sync-dlt",
        "camel.kamelet.ccx-rules-action.cephEndpoint=http://127.0.0.1:9",
        "camel.kamelet.ccx-rules-action.cephBucket=datahub",
        "camel.kamelet.ccx-rules-action.bootstrapServers=127.0.0.1:9",
        "camel.kamelet.ccx-rules-action.deadLetterTopic=analysis-dlt",
        "camel.kamelet.ccx-features-action.cephEndpoint=http://127.0.0.1:9",
        "camel.kamelet.ccx-features-action.cephBucket=datahub",
        "camel.kamelet.ccx-features-action.bootstrapServers=127.0.0.1:9",
        "camel.kamelet.ccx-features-action.deadLetterTopic=analysis-dlt",
        "camel.kamelet.ccx-multiplexor-action.awsBucket=ingress",
        "camel.kamelet.ccx-multiplexor-action.awsEndpoint=http://127.0.0.1:9",
        "camel.kamelet.ccx-multiplexor-action.ioTopic=qa-io-archive-new",
        "camel.kamelet.ccx-multiplexor-action.olsTopic=qa-ols-archive-new",
        "camel.kamelet.ccx-multiplexor-action.bootstrapServers=127.0.0.1:9",
        "camel.kamelet.ccx-multiplexor-action.deadLetterTopic=multiplexor-dlt",
        "camel.kamelet.ccx-rules-uploader-sink.cephEndpoint=http://127.0.0.1:9",
        "camel.kamelet.ccx-rules-uploader-sink.cephBucket=datahub",
        "camel.kamelet.ccx-rules-uploader-sink.bootstrapServers=127.0.0.1:9",
        "camel.kamelet.ccx-rules-uploader-sink.deadLetterTopic=uploader-dlt",
})
class KameletRoutesTest {
    @Produce("direct:sync")
    ProducerTemplate syncIn;
    @EndpointInject("mock:sync-out")
    MockEndpoint syncOut;
    @EndpointInject("mock:kafka:sync-dlt")
    MockEndpoint syncDeadLetter;
    @Produce("direct:rules")
    ProducerTemplate rulesIn;
    @Produce("direct:features")
    ProducerTemplate featuresIn;
    @EndpointInject("mock:analysis-out")
    MockEndpoint analysisOut;
    @EndpointInject("mock:kafka:analysis-dlt")
    MockEndpoint analysisDeadLetter;

    @Produce("direct:multiplex")
    ProducerTemplate multiplexIn;
    @EndpointInject("mock:multiplex-out")
    MockEndpoint multiplexOut;
    @EndpointInject("mock:kafka:multiplexor-dlt")
    MockEndpoint multiplexDeadLetter;
    @Produce("direct:upload")
    ProducerTemplate uploadIn;
    @EndpointInject("mock:kafka:uploader-dlt")
    MockEndpoint uploadDeadLetter;

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sync").routeId("binding-sync").to("kamelet:ccx-archive-sync-action/action-0").to("mock:sync-out");
                from("direct:rules").routeId("binding-rules").to("kamelet:ccx-rules-action/action-1").to("mock:analysis-out");
                from("direct:features").routeId("binding-features").to("kamelet:ccx-features-action/action-2").to("mock:analysis-out");
                from("direct:multiplex").routeId("binding-multiplex").to("kamelet:ccx-multiplexor-action/action-3").to("mock:multiplex-out");
                // a sink Kamelet ends its Pipe
                from("direct:upload").routeId("binding-upload").to("kamelet:ccx-rules-uploader-sink/sink");
            }
        });
    }

    @Test
    void archiveNewBreakingTheContractIsDeadLetteredAsItCame() throws Exception {
        syncDeadLetter.expectedMessageCount(1);
        syncOut.expectedMessageCount(0);
        String bad = "{\"cluster_id\":\"nope\",\"path\":\"x\",\"sqs_message_id\":1}";
        Exchange done = syncIn.send(e -> e.getMessage().setBody(bad));
        syncDeadLetter.assertIsSatisfied();
        syncOut.assertIsSatisfied();
        assertThat(done.getException()).isNull();
        var dead = syncDeadLetter.getExchanges().get(0).getMessage();
        assertThat(dead.getBody(String.class)).isEqualTo(bad);
        assertThat(dead.getHeader(DeadLetter.REASON, String.class)).contains("archive-new");
        assertThat(dead.getHeader(DeadLetter.ERROR, String.class)).isEqualTo("contract.ContractViolation");
        assertThat(dead.getHeader(DeadLetter.ROUTE, String.class)).isEqualTo("ccx-archive-sync-action/action-0");
        assertThat(dead.getHeaders()).containsKeys(DeadLetter.SOURCE, DeadLetter.AT);
    }

    @Test
    void analysisActionsDeadLetterArchiveSyncedBreakingTheContract() throws Exception {
        analysisDeadLetter.expectedMessageCount(3);
        analysisOut.expectedMessageCount(0);
        byte[] notJson = "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        rulesIn.sendBody("{\"path\":\"archives/x\"}");
        rulesIn.sendBody(notJson);
        featuresIn.sendBody("{}");
        analysisDeadLetter.assertIsSatisfied();
        analysisOut.assertIsSatisfied();
        var dead = analysisDeadLetter.getExchanges();
        assertThat(dead).extracting(e -> e.getMessage().getHeader(DeadLetter.ROUTE))
                .containsExactly("ccx-rules-action/action-1", "ccx-rules-action/action-1", "ccx-features-action/action-2");
        assertThat(dead.get(1).getMessage().getBody()).isSameAs(notJson);
        assertThat(dead).allSatisfy(e -> assertThat(e.getMessage().getHeader(DeadLetter.REASON, String.class))
                .startsWith("archive-synced: "));
    }

    @Test
    void multiplexorDeadLettersBadArchiveNewAsItCameAndUnredirected() throws Exception {
        multiplexDeadLetter.expectedMessageCount(2);
        multiplexOut.expectedMessageCount(0);
        String bad = "{\"cluster_id\":\"nope\",\"path\":\"x\",\"sqs_message_id\":1}";
        // an override topic set before the Kamelet must not redirect the dead letter
        Exchange done = multiplexIn.send(e -> {
            e.getMessage().setBody(bad);
            e.getMessage().setHeader(org.apache.camel.component.kafka.KafkaConstants.OVERRIDE_TOPIC, "elsewhere");
        });
        multiplexIn.sendBody("not json");
        multiplexDeadLetter.assertIsSatisfied();
        multiplexOut.assertIsSatisfied();
        assertThat(done.getException()).isNull();
        var dead = multiplexDeadLetter.getExchanges();
        assertThat(dead).extracting(e -> e.getMessage().getBody(String.class)).containsExactly(bad, "not json");
        assertThat(dead).allSatisfy(e -> {
            assertThat(e.getMessage().getHeader(DeadLetter.ROUTE)).isEqualTo("ccx-multiplexor-action/action-3");
            assertThat(e.getMessage().getHeader(DeadLetter.REASON, String.class)).startsWith("archive-new");
            assertThat(e.getMessage().getHeader(DeadLetter.ERROR)).isEqualTo("contract.ContractViolation");
            assertThat(e.getMessage().getHeaders()).containsKeys(DeadLetter.SOURCE, DeadLetter.AT)
                    .doesNotContainKey(org.apache.camel.component.kafka.KafkaConstants.OVERRIDE_TOPIC);
        });
    }

    @Test
    void rulesUploaderSinkDeadLettersBadRulesResults() throws Exception {
        uploadDeadLetter.expectedMessageCount(2);
        String bad = "{\"path\":\"archives/x\"}";
        Exchange done = uploadIn.send(e -> e.getMessage().setBody(bad));
        uploadIn.sendBody("[");
        uploadDeadLetter.assertIsSatisfied();
        assertThat(done.getException()).isNull();
        var dead = uploadDeadLetter.getExchanges();
        assertThat(dead).extracting(e -> e.getMessage().getBody(String.class)).containsExactly(bad, "[");
        assertThat(dead).allSatisfy(e -> {
            assertThat(e.getMessage().getHeader(DeadLetter.ROUTE)).isEqualTo("ccx-rules-uploader-sink/sink");
            assertThat(e.getMessage().getHeader(DeadLetter.REASON, String.class)).startsWith("rules-results");
            assertThat(e.getMessage().getHeaders()).containsKeys(DeadLetter.SOURCE, DeadLetter.AT);
        });
    }
}

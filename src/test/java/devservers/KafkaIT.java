package devservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import testing.RealServers;

@ExtendWith(RealServers.class)
class KafkaIT {

    @Test
    void camelKafkaRoundTripThroughTheKraftBroker(EmbeddedKafka kafka) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().addInitialProperty("brokers", kafka.bootstrapServers());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to("kafka:it-roundtrip?brokers={{brokers}}");
                    from("kafka:it-roundtrip?brokers={{brokers}}&groupId=it-roundtrip&autoOffsetReset=earliest")
                            .to("mock:out");
                }
            });
            camel.start();
            MockEndpoint out = camel.getEndpoint("mock:out", MockEndpoint.class);
            out.expectedBodiesReceived(List.of("{\"n\":1}", "{\"n\":2}"));
            camel.createProducerTemplate().sendBody("direct:in", "{\"n\":1}");
            camel.createProducerTemplate().sendBody("direct:in", "{\"n\":2}");
            out.setResultWaitTime(30_000);
            out.assertIsSatisfied();
            assertThat(out.getExchanges().get(0).getMessage().getHeader("kafka.TOPIC")).isEqualTo("it-roundtrip");
        }
    }
}

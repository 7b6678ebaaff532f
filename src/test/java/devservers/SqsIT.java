package devservers;

import config.SqsConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.PipelineBeans;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;
import testing.RealServers;

@ExtendWith(RealServers.class)
class SqsIT {

    @Test
    void camelConsumesAndDeletesFromElasticMq(EmbeddedSqs sqsServer) throws Exception {
        SqsClient sqs = SqsConnection.client(sqsServer.endpoint(), "us-east-1", "key", "secret");
        String url = sqs.createQueue(b -> b.queueName("it-camel")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"Records\":[]}"));
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("sqsClient", sqs);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("aws2-sqs:it-camel?amazonSQSClient=#sqsClient&waitTimeSeconds=1&delay=100").to("mock:out");
                }
            });
            camel.start();
            MockEndpoint out = camel.getEndpoint("mock:out", MockEndpoint.class);
            out.expectedBodiesReceived("{\"Records\":[]}");
            out.setResultWaitTime(20_000);
            out.assertIsSatisfied();
            assertThat(out.getExchanges().get(0).getMessage().getHeader("CamelAwsSqsReceiptHandle")).isNotNull();
        }
        Map<QueueAttributeName, String> attrs = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        assertThat(attrs).containsValues("0").doesNotContainValue("1");
    }

    @Test
    void unknownQueueIsAnError(EmbeddedSqs sqsServer) {
        SqsClient sqs = SqsConnection.client(sqsServer.endpoint(), "us-east-1", "key", "secret");
        assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName("no-such-queue"))).isInstanceOf(SqsException.class);
    }
}

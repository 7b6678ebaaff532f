package routes;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import pipeline.DeadLetter;
import pipeline.KafkaOffsets;

/** The dead-letter topic: the failed message as it arrived, the reason and origin in headers. */
public class DeadLetterRoutes extends EndpointRouteBuilder {
    @Override
    public void configure() {
        from(direct("dead-letter")).routeId("dead-letter")
                .process(DeadLetter.describe()).id("describe-failure")
                .log(LoggingLevel.WARN, "dead-lettered from ${header." + DeadLetter.SOURCE + "}: ${header." + DeadLetter.REASON + "}")
                .to(kafka("{{ccx.topic.dead-letter}}")).id("dead-letter-topic")
                // The copy is acknowledged: only now may the source offset move on.
                .process(KafkaOffsets.commit()).id("commit-dead-lettered-offset");
    }
}

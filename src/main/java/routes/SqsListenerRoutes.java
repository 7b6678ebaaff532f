package routes;

import app.TopicNames;
import contract.Contract;
import contract.ContractValidator;
import ingest.S3EventSplitter;
import ingest.SqsBatchDelete;
import java.util.List;
import org.apache.camel.builder.endpoint.dsl.KafkaEndpointBuilderFactory.KafkaEndpointBuilder;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import pipeline.ContractCheck;
import pipeline.DeadLetter;
import pipeline.Stages;

/**
 * Stage 2→3: S3 event notifications from SQS → one archive-new message per S3 record, sent to
 * every environment's topic (the sends in flight together). The SQS message is deleted (on
 * completion, ten per call) only when every send is acknowledged; a failed send leaves it to come
 * back after the visibility timeout.
 */
public class SqsListenerRoutes extends EndpointRouteBuilder {
    public static final String REJECTED_KEY = "ccx_rejected_s3_key";
    private static final String SQS_BODY = "ccxSqsBody";
    @Override
    public void configure() throws Exception {
        if (!Stages.enabled(getContext(), Stages.SQS_LISTENER)) {
            return;
        }
        ContractValidator contracts = getContext().getRegistry().lookupByNameAndType("contractValidator", ContractValidator.class);
        TopicNames topics = getContext().getRegistry().lookupByNameAndType("topicNames", TopicNames.class);
        SqsBatchDelete deletes = getContext().getRegistry().lookupByNameAndType("sqsBatchDelete", SqsBatchDelete.class);
        // A service of the context: stopped (its last deletes made) after the routes have stopped.
        getContext().addService(deletes, true, true);
        List<KafkaEndpointBuilder> everyEnvironment = topics.topics(TopicNames.ARCHIVE_NEW).stream().map(this::kafka).toList();

        from(aws2Sqs("{{ccx.sqs.queue}}").advanced().amazonSQSClient("#sqsClient").basic()
                .waitTimeSeconds("{{ccx.sqs.wait-seconds}}").maxMessagesPerPoll("{{ccx.sqs.max-messages}}")
                .visibilityTimeout("{{ccx.sqs.visibility-timeout}}").extendMessageVisibility(true)
                // deleted ten at a time by sqsBatchDelete once the exchange completes, not one call each
                .deleteAfterRead(false)
                .concurrentConsumers("{{ccx.sqs.consumers}}")
                // The long poll is the wait: receive again at once after messages, 50 ms after an empty
                // receive (not Camel's default 500 ms, which a message arriving then would wait out),
                // and back off to a second between tries while SQS fails.
                .greedy(true).delay(50).backoffErrorThreshold(3).backoffMultiplier(20))
            .routeId("sqs-listener")
            .routeConfigurationId(ErrorHandling.BAD_INPUT)
            .process(deletes.deleteOnCompletion()).id("delete-when-done")
            .process(new ContractCheck(contracts, Contract.S3_EVENT_NOTIFICATION)).id("validate-notification")
            .setProperty(SQS_BODY, body())
            .bean(S3EventSplitter.class, "splitJson(${body}, ${header.CamelAwsSqsMessageId})").id("split-records")
            .split(body()).stopOnException()
                .choice()
                    .when(body().isInstanceOf(S3EventSplitter.Rejected.class))
                        .setHeader(DeadLetter.REASON, simple("${body.reason()}"))
                        .setHeader(DeadLetter.ERROR, constant("RejectedS3Record"))
                        .setHeader(REJECTED_KEY, simple("${body.key()}"))
                        .setBody(exchangeProperty(SQS_BODY))
                        .to(direct("dead-letter")).id("reject-record")
                    .when(body().isInstanceOf(S3EventSplitter.TestEvent.class))
                        .log("S3 test event (s3:TestEvent) for bucket ${body.bucket()}: nothing to sync, deleted")
                        .to(micrometer("counter:ccx.sqs.s3.test.events")).id("count-test-event")
                    .otherwise()
                        .setBody(simple("${body.message()}"))
                        .setHeader(KafkaConstants.KEY, simple("${body.clusterId()}"))
                        .process(new ContractCheck(contracts, Contract.ARCHIVE_NEW)).id("validate-archive-new")
                        .log("archive-new cluster=${header.kafka.KEY} path=${body}")
                        .recipientList(constant(everyEnvironment)).parallelProcessing().stopOnException().id("to-every-environment")
                .end()
            .end();
    }
}

package routes;

import app.TopicNames;
import contract.Contract;
import contract.ContractValidator;
import model.ArchiveNew;
import multiplex.ArchiveKind;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.kafka.KafkaConstants;
import pipeline.ContractCheck;
import pipeline.JsonFormats;
import pipeline.Stages;

/**
 * The multiplexor (2024 shape, contract §14), a content-based router: archive-new → the archive's
 * tar headers streamed from the AWS S3 bucket up to the OpenShift Lightspeed marker
 * ({@link multiplex.ArchiveClassifier}) → the message, as consumed, on io-archive-new or
 * ols-archive-new in the same environment. An archive of neither kind, a broken one or a missing
 * one is dead-lettered with the reason. The poll's offsets are committed once every record of it
 * is on its topic (or dead-lettered).
 */
public class MultiplexorRoutes extends BatchedStageRoutes {
    private static final String MESSAGE = "ccxArchiveNew";
    private static final String KIND = "ccxArchiveKind";

    @Override
    public void configure() {
        if (!Stages.enabled(getContext(), Stages.MULTIPLEXOR)) {
            return;
        }
        ContractValidator contracts = getContext().getRegistry().lookupByNameAndType("contractValidator", ContractValidator.class);
        TopicNames topics = getContext().getRegistry().lookupByNameAndType("topicNames", TopicNames.class);

        batchesOf(topics.topicsCsv(TopicNames.ARCHIVE_NEW), Stages.MULTIPLEXOR, Stages.MULTIPLEXOR, Stages.MULTIPLEXOR,
                "multiplex-each-record", "commit-multiplexed-batch");

        from(direct(Stages.MULTIPLEXOR))
            .routeId(Stages.MULTIPLEXOR)
            .routeConfigurationId(ErrorHandling.BAD_INPUT + "," + ErrorHandling.RETRY_THEN_DEAD_LETTER)
            .process(new ContractCheck(contracts, Contract.ARCHIVE_NEW)).id("validate-multiplexor-input")
            .setProperty(MESSAGE, body()) // republished as consumed
            .unmarshal(JsonFormats.of(ArchiveNew.class))
            .setHeader(KafkaConstants.KEY).body(ArchiveNew.class, ArchiveNew::clusterId)
            .setHeader(AWS2S3Constants.KEY).body(ArchiveNew.class, ArchiveNew::path)
            // A failure in the read redelivers the whole read (a fresh GET), then dead-letters here.
            .to(direct("archive-kind")).id("read-archive-kind")
            .setProperty(KIND, body())
            .removeHeaders("CamelAwsS3*")
            .setBody(exchangeProperty(MESSAGE))
            .removeHeader(KafkaConstants.OVERRIDE_TOPIC) // camel-kafka's toD would keep one already set
            .choice().id("route-by-kind")
                .when(exchangeProperty(KIND).isEqualTo(ArchiveKind.OLS))
                    .setProperty(TopicNames.targetProperty(TopicNames.OLS_ARCHIVE_NEW))
                        .message(topics.inConsumedEnvironment(TopicNames.OLS_ARCHIVE_NEW))
                    .toD(kafka(TopicNames.targetTopic(TopicNames.OLS_ARCHIVE_NEW))).id("to-ols-archive-new")
                .otherwise()
                    .setProperty(TopicNames.targetProperty(TopicNames.IO_ARCHIVE_NEW))
                        .message(topics.inConsumedEnvironment(TopicNames.IO_ARCHIVE_NEW))
                    .toD(kafka(TopicNames.targetTopic(TopicNames.IO_ARCHIVE_NEW))).id("to-io-archive-new")
            .end();

        // The archive streamed from AWS S3 through the safe reader, up to the marker.
        from(direct("archive-kind"))
            .routeId("archive-kind")
            .errorHandler(noErrorHandler()) // failures are the calling route's to redeliver
            .to(direct(AwsS3ArchiveRoutes.ROUTE)).id("open-archive-in-aws-s3")
            .bean("multiplexor", "kindOf").id("read-tar-headers");
    }
}

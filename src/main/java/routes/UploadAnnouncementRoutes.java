package routes;

import app.TopicNames;
import contract.Contract;
import contract.ContractValidator;
import java.util.List;
import model.UploadAnnouncement;
import org.apache.camel.Exchange;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.builder.endpoint.dsl.KafkaEndpointBuilderFactory.KafkaEndpointBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import pipeline.ContractCheck;
import pipeline.DeadLetter;
import pipeline.JsonFormats;
import pipeline.KafkaOffsets;
import pipeline.Stages;

/**
 * Stage 1 as a trigger: upload announcements on platform.upload.buckit → (OpenShift uploads
 * only) download the archive by its presigned URL, streaming, into Ceph → archive-synced in
 * every environment. Other services' uploads are committed and skipped.
 */
public class UploadAnnouncementRoutes extends EndpointRouteBuilder {
    private static final String PLAN = "ccxUploadPlan";

    @Override
    public void configure() {
        if (!Stages.enabled(getContext(), Stages.UPLOAD_LISTENER)) {
            return;
        }
        ContractValidator contracts = getContext().getRegistry().lookupByNameAndType("contractValidator", ContractValidator.class);
        TopicNames topics = getContext().getRegistry().lookupByNameAndType("topicNames", TopicNames.class);
        List<KafkaEndpointBuilder> everyEnvironment = topics.topics(TopicNames.ARCHIVE_SYNCED).stream().map(this::kafka).toList();

        from(kafka("{{ccx.topic.upload-announcements}}")
                .groupId("{{ccx.kafka.group-prefix}}-upload-listener").autoCommitEnable(false))
            .routeId("upload-listener")
            .routeConfigurationId(ErrorHandling.BAD_INPUT + "," + ErrorHandling.RETRY_THEN_DEAD_LETTER)
            .process(DeadLetter.rememberSource())
            .process(new ContractCheck(contracts, Contract.PLATFORM_UPLOAD_BUCKIT)).id("validate-announcement")
            .unmarshal(JsonFormats.of(UploadAnnouncement.class))
            .choice()
            .when(simple("${body.service()} == '{{ccx.upload.service}}'")).id("openshift-only")
                .bean("uploadSyncService", "plan").id("plan-upload")
                .setProperty(PLAN, body())
                // Kafka headers must not travel as HTTP request headers.
                .removeHeaders("kafka.*")
                .setHeader(Exchange.HTTP_URI, simple("${body.url()}"))
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setBody(constant(null))
                // timeouts: ccx.upload.* (the http component's, application.properties)
                .to(http("archive-download").disableStreamCache(true).throwExceptionOnFailure(true))
                    .id("download-archive")
                .bean("uploadSyncService", "store(${exchangeProperty." + PLAN + "}, ${body}, ${header.Content-Length})")
                    .id("store-in-ceph")
                .setHeader(KafkaConstants.KEY, simple("${body.metadata().clusterId()}"))
                .process(new ContractCheck(contracts, Contract.ARCHIVE_SYNCED)).id("validate-upload-synced")
                .recipientList(constant(everyEnvironment)).stopOnException().id("synced-to-every-environment")
            .endChoice()
            .otherwise()
                .log("skipped upload ${body.requestId()} of service ${body.service()}")
            .end()
            .process(KafkaOffsets.commit()).id("commit-announcement-offset");
    }
}

package routes;

import app.TopicNames;
import contract.Contract;
import contract.ContractValidator;
import java.util.function.Supplier;
import model.ArchiveNew;
import model.ArchiveSynced;
import org.apache.camel.builder.endpoint.dsl.AWS2S3EndpointBuilderFactory.AWS2S3EndpointProducerBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.model.RouteDefinition;
import pipeline.ContractCheck;
import pipeline.JsonFormats;
import pipeline.S3Answers;
import software.amazon.awssdk.services.s3.model.S3Exception;
import static storage.S3Endpoints.awsS3;
import static storage.S3Endpoints.ceph;
import static storage.S3Endpoints.cephOls;
import pipeline.Stages;

/**
 * Stages 4–7: archive-new → stream the archive from the AWS S3 bucket into the Ceph bucket
 * (camel-aws2-s3 GET, conditional PUT, HEAD) → archive-synced in the same environment. The
 * records of a poll are synced several at once ({@code ccx.archive-sync.parallelism}); the poll's
 * offsets are committed only after every archive-synced of it is acknowledged (or its message is
 * dead-lettered). The aws2-s3 endpoints are made with the first message ({@code toD}): an
 * endpoint's start checks its bucket, and a store down at start must not stop the pipeline.
 * <p>
 * In the 2024 shape (contract §14) archive-sync reads the multiplexor's io-archive-new, and the
 * same route, as archive-sync-ols, copies ols-archive-new's archives into the OLS bucket under the
 * same key layout; like the 2024 service it publishes nothing, its offsets move once the copy is in Ceph.
 */
public class ArchiveSyncRoutes extends BatchedStageRoutes {

    /** One sync: its stage, its input channel, its service bean, its Ceph bucket, its output (or none). */
    private record Sync(String stage, String input, String service, Supplier<AWS2S3EndpointProducerBuilder> bucket, String output) {
        /** The node id in this sync's routes: ids are unique over the context, archive-sync keeps the plain ones. */
        String id(String node) {
            return stage.equals(Stages.ARCHIVE_SYNC) ? node : node + "-ols";
        }
    }

    @Override
    public void configure() {
        TopicNames topics = getContext().getRegistry().lookupByNameAndType("topicNames", TopicNames.class);
        if (Stages.enabled(getContext(), Stages.ARCHIVE_SYNC)) {
            sync(new Sync(Stages.ARCHIVE_SYNC, topics.topology().syncInput(), "archiveSyncService", () -> ceph(), TopicNames.ARCHIVE_SYNCED),
                    topics);
        }
        if (Stages.enabled(getContext(), Stages.ARCHIVE_SYNC_OLS)) {
            sync(new Sync(Stages.ARCHIVE_SYNC_OLS, TopicNames.OLS_ARCHIVE_NEW, "archiveSyncOlsService", () -> cephOls(), null), topics);
        }
    }

    private void sync(Sync sync, TopicNames topics) {
        ContractValidator contracts = getContext().getRegistry().lookupByNameAndType("contractValidator", ContractValidator.class);
        String route = sync.stage();
        String copyRoute = sync.id("copy-archive");

        batchesOf(topics.topicsCsv(sync.input()), route, route, route, sync.id("sync-each-record"), sync.id("commit-synced-batch"));

        RouteDefinition each = from(direct(route))
            .routeId(route)
            .routeConfigurationId(ErrorHandling.BAD_INPUT + "," + ErrorHandling.RETRY_THEN_DEAD_LETTER);
        each.process(new ContractCheck(contracts, Contract.ARCHIVE_NEW)).id(sync.id("validate-incoming-archive-new"))
            .unmarshal(JsonFormats.of(ArchiveNew.class))
            .bean(sync.service(), "plan").id(sync.id("plan-copy"))
            // A failure in the copy redelivers the whole copy (a fresh GET), then dead-letters here.
            .to(direct(copyRoute)).id(sync.id("copy-to-ceph"))
            .bean(sync.service(), "synced").id(sync.id("archive-synced"));
        if (sync.output() != null) {
            each.setHeader(KafkaConstants.KEY).body(ArchiveSynced.class, synced -> synced.metadata().clusterId())
                // The consumed message's environment: each environment's archive-new feeds its own archive-synced.
                .setProperty(TopicNames.targetProperty(sync.output())).message(topics.inConsumedEnvironment(sync.output()))
                .process(new ContractCheck(contracts, Contract.ARCHIVE_SYNCED)).id("validate-archive-synced")
                .removeHeader(KafkaConstants.OVERRIDE_TOPIC) // camel-kafka's toD would keep one already set
                .toD(kafka(TopicNames.targetTopic(sync.output()))).id("to-archive-synced");
        }

        // The copy: one streamed GET from AWS S3 (AwsS3ArchiveRoutes), one PUT into Ceph that refuses to replace an object
        // (a redelivery's PUT is refused; a HEAD then tells the version copied before from another
        // one, which is replaced). Archives above the single-PUT size go up in parts.
        from(direct(copyRoute))
            .routeId(copyRoute)
            .errorHandler(noErrorHandler()) // failures are the calling route's to redeliver
            .to(direct(AwsS3ArchiveRoutes.ROUTE)).id(sync.id("get-archive"))
            .bean(sync.service(), "fetched").id(sync.id("check-archive-size"))
            .choice()
                .when(method(sync.service(), "inParts"))
                    .bean(sync.service(), "copyInParts").id(sync.id("multipart-to-ceph"))
                .otherwise()
                    .doTry()
                        .toD(sync.bucket().get().advanced().conditionalWritesEnabled(true))
                            .id(sync.id("put-if-absent-to-ceph"))
                        .bean(sync.service(), "uploaded")
                    .doCatch(S3Exception.class).onWhen(S3Answers::alreadyPresent)
                        .toD(sync.bucket().get().operation("headObject"))
                            .id(sync.id("head-in-ceph"))
                        .bean(sync.service(), "alreadyInCeph")
                        .filter(method(sync.service(), "isAnotherVersion"))
                            .bean(sync.service(), "getAgain")
                            .toD(awsS3().operation("getObject"))
                                .id(sync.id("get-again-from-aws-s3"))
                            .bean(sync.service(), "refetched")
                            .toD(sync.bucket().get()).id(sync.id("replace-in-ceph"))
                            .bean(sync.service(), "uploaded")
                        .end()
                    .end()
            .end();
    }
}

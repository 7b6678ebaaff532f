package routes;

import app.TopicNames;
import contract.Contract;
import contract.ContractValidator;
import model.ArchiveNew;
import model.ArchiveSynced;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import pipeline.ContractCheck;
import pipeline.JsonFormats;
import pipeline.S3Answers;
import software.amazon.awssdk.services.s3.model.S3Exception;
import storage.ArchiveMissingException;
import static storage.S3Endpoints.awsS3;
import static storage.S3Endpoints.ceph;
import pipeline.KafkaBatch;
import pipeline.Stages;

/**
 * Stages 4–7: archive-new → stream the archive from the AWS S3 bucket into the Ceph bucket
 * (camel-aws2-s3 GET, conditional PUT, HEAD) → archive-synced in the same environment. The
 * records of a poll are synced several at once ({@code ccx.archive-sync.parallelism}); the poll's
 * offsets are committed only after every archive-synced of it is acknowledged (or its message is
 * dead-lettered). The aws2-s3 endpoints are made with the first message ({@code toD}): an
 * endpoint's start checks its bucket, and a store down at start must not stop the pipeline.
 */
public class ArchiveSyncRoutes extends EndpointRouteBuilder {
    @Override
    public void configure() {
        if (!Stages.enabled(getContext(), Stages.ARCHIVE_SYNC)) {
            return;
        }
        ContractValidator contracts = getContext().getRegistry().lookupByNameAndType("contractValidator", ContractValidator.class);
        TopicNames topics = getContext().getRegistry().lookupByNameAndType("topicNames", TopicNames.class);

        // A poll's records go through the route below several at once; their offsets are committed
        // together once every one of them is synced (or dead-lettered).
        from(kafka(topics.topicsCsv(TopicNames.ARCHIVE_NEW))
                .groupId("{{ccx.kafka.group-prefix}}-archive-sync").autoCommitEnable(false)
                .maxPollRecords("{{ccx.archive-sync.max-poll-records}}").consumersCount("{{ccx.archive-sync.consumers}}")
                .batching(true).pollTimeoutMs("{{ccx.kafka.batch-wait-ms}}"))
            .routeId("archive-sync-batches")
            .split(KafkaBatch.records()).parallelProcessing()
                .executorService(KafkaBatch.pool(getContext(), this, "archive-sync", "ccx.archive-sync"))
                .to(direct("archive-sync")).id("sync-each-record")
            .end()
            .process(KafkaBatch.commit()).id("commit-synced-batch");

        from(direct("archive-sync"))
            .routeId("archive-sync")
            .routeConfigurationId(ErrorHandling.BAD_INPUT + "," + ErrorHandling.RETRY_THEN_DEAD_LETTER)
            .process(new ContractCheck(contracts, Contract.ARCHIVE_NEW)).id("validate-incoming-archive-new")
            .unmarshal(JsonFormats.of(ArchiveNew.class))
            .bean("archiveSyncService", "plan").id("plan-copy")
            // A failure in the copy redelivers the whole copy (a fresh GET), then dead-letters here.
            .to(direct("copy-archive")).id("copy-to-ceph")
            .bean("archiveSyncService", "synced").id("archive-synced")
            .setHeader(KafkaConstants.KEY).body(ArchiveSynced.class, synced -> synced.metadata().clusterId())
            // The consumed message's environment: each environment's archive-new feeds its own archive-synced.
            .setProperty(TopicNames.targetProperty(TopicNames.ARCHIVE_SYNCED)).message(topics.inConsumedEnvironment(TopicNames.ARCHIVE_SYNCED))
            .process(new ContractCheck(contracts, Contract.ARCHIVE_SYNCED)).id("validate-archive-synced")
            .removeHeader(KafkaConstants.OVERRIDE_TOPIC) // camel-kafka's toD would keep one already set
            .toD(kafka(TopicNames.targetTopic(TopicNames.ARCHIVE_SYNCED))).id("to-archive-synced");

        // The copy: one streamed GET from AWS S3, one PUT into Ceph that refuses to replace an object
        // (a redelivery's PUT is refused; a HEAD then tells the version copied before from another
        // one, which is replaced). Archives above the single-PUT size go up in parts.
        from(direct("copy-archive"))
            .routeId("copy-archive")
            .errorHandler(noErrorHandler()) // failures are the calling route's to redeliver
            .doTry()
                .toD(awsS3().operation("getObject")).id("get-from-aws-s3")
            .doCatch(S3Exception.class).onWhen(S3Answers::notFound)
                .throwException(ArchiveMissingException.class,
                        "archive ${header.CamelAwsS3Key} is not in s3://{{ccx.aws-s3.bucket}} (uploads are kept two days)")
            .end()
            .bean("archiveSyncService", "fetched").id("check-archive-size")
            .choice()
                .when(method("archiveSyncService", "inParts"))
                    .bean("archiveSyncService", "copyInParts").id("multipart-to-ceph")
                .otherwise()
                    .doTry()
                        .toD(ceph().advanced().conditionalWritesEnabled(true))
                            .id("put-if-absent-to-ceph")
                        .bean("archiveSyncService", "uploaded")
                    .doCatch(S3Exception.class).onWhen(S3Answers::alreadyPresent)
                        .toD(ceph().operation("headObject"))
                            .id("head-in-ceph")
                        .filter(method("archiveSyncService", "isAnotherVersion"))
                            .toD(awsS3().operation("getObject"))
                                .id("get-again-from-aws-s3")
                            .bean("archiveSyncService", "refetched")
                            .toD(ceph()).id("replace-in-ceph")
                            .bean("archiveSyncService", "uploaded")
                        .end()
                    .end()
            .end();
    }
}

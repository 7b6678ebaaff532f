package routes;

import app.TopicNames;
import contract.Contract;
import contract.ContractValidator;
import model.ArchiveNew;
import model.ArchiveSynced;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import pipeline.ContractCheck;
import pipeline.JsonBody;
import pipeline.KafkaBatch;
import pipeline.Stages;

/**
 * Stages 4–7: archive-new → stream the archive from the AWS S3 bucket into the Ceph bucket →
 * archive-synced in the same environment. The records of a poll are synced several at once
 * ({@code ccx.archive-sync.parallelism}); the poll's offsets are committed only after every
 * archive-synced of it is acknowledged (or its message is dead-lettered).
 */
public class ArchiveSyncRoutes extends RouteBuilder {
    @Override
    public void configure() {
        if (!Stages.enabled(getContext(), Stages.ARCHIVE_SYNC)) {
            return;
        }
        ContractValidator contracts = getContext().getRegistry().lookupByNameAndType("contractValidator", ContractValidator.class);
        TopicNames topics = getContext().getRegistry().lookupByNameAndType("topicNames", TopicNames.class);

        // A poll's records go through the route below several at once; their offsets are committed
        // together once every one of them is synced (or dead-lettered).
        from("kafka:" + topics.topicsCsv(TopicNames.ARCHIVE_NEW)
                + "?groupId={{ccx.kafka.group-prefix}}-archive-sync"
                + "&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true"
                + "&autoOffsetReset=earliest&maxPollRecords={{ccx.archive-sync.max-poll-records}}"
                + "&batching=true&pollTimeoutMs={{ccx.kafka.batch-wait-ms}}"
                + "&consumersCount={{ccx.archive-sync.consumers}}")
            .routeId("archive-sync-batches")
            .split(KafkaBatch.records()).parallelProcessing()
                .executorService(KafkaBatch.pool(getContext(), this, "archive-sync", "ccx.archive-sync"))
                .to("direct:archive-sync").id("sync-each-record")
            .end()
            .process(KafkaBatch.commit()).id("commit-synced-batch");

        from("direct:archive-sync")
            .routeId("archive-sync")
            .routeConfigurationId(ErrorHandling.BAD_INPUT + "," + ErrorHandling.RETRY_THEN_DEAD_LETTER)
            .process(new ContractCheck(contracts, Contract.ARCHIVE_NEW)).id("validate-incoming-archive-new")
            .process(JsonBody.read(ArchiveNew.class))
            .bean("archiveSyncService", "sync").id("copy-to-ceph")
            .setHeader(KafkaConstants.KEY).body(ArchiveSynced.class, synced -> synced.metadata().clusterId())
            .setHeader(KafkaConstants.OVERRIDE_TOPIC,
                    method(topics, "sameEnvironment(${header.kafka.TOPIC}, '" + TopicNames.ARCHIVE_SYNCED + "')"))
            .process(new ContractCheck(contracts, Contract.ARCHIVE_SYNCED)).id("validate-archive-synced")
            .to("kafka:" + topics.topics(TopicNames.ARCHIVE_SYNCED).get(0)).id("to-archive-synced");
    }
}

package routes;

import app.TopicNames;
import contract.Contract;
import contract.ContractValidator;
import model.ArchiveNew;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import pipeline.ContractCheck;
import pipeline.JsonBody;
import pipeline.KafkaOffsets;
import pipeline.Stages;

/**
 * Stages 4–7: archive-new → stream the archive from the AWS S3 bucket into the Ceph bucket →
 * archive-synced in the same environment. The offset is committed only after archive-synced
 * is acknowledged (or the message is dead-lettered).
 */
public class ArchiveSyncRoutes extends RouteBuilder {
    @Override
    public void configure() {
        if (!Stages.enabled(getContext(), Stages.ARCHIVE_SYNC)) {
            return;
        }
        ContractValidator contracts = getContext().getRegistry().lookupByNameAndType("contractValidator", ContractValidator.class);
        TopicNames topics = getContext().getRegistry().lookupByNameAndType("topicNames", TopicNames.class);

        from("kafka:" + topics.topicsCsv(TopicNames.ARCHIVE_NEW)
                + "?groupId={{ccx.kafka.group-prefix}}-archive-sync"
                + "&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true"
                + "&autoOffsetReset=earliest&maxPollRecords={{ccx.archive-sync.max-poll-records}}"
                + "&consumersCount={{ccx.archive-sync.consumers}}")
            .routeId("archive-sync")
            .routeConfigurationId(ErrorHandling.BAD_INPUT + "," + ErrorHandling.RETRY_THEN_DEAD_LETTER)
            .process(new ContractCheck(contracts, Contract.ARCHIVE_NEW)).id("validate-incoming-archive-new")
            .process(JsonBody.read(ArchiveNew.class))
            .bean("archiveSyncService", "sync").id("copy-to-ceph")
            .setHeader(KafkaConstants.KEY, simple("${body.metadata().clusterId()}"))
            .setHeader(KafkaConstants.OVERRIDE_TOPIC,
                    method(topics, "sameEnvironment(${header.kafka.TOPIC}, '" + TopicNames.ARCHIVE_SYNCED + "')"))
            .process(JsonBody.write())
            .process(new ContractCheck(contracts, Contract.ARCHIVE_SYNCED)).id("validate-archive-synced")
            .to("kafka:" + topics.topics(TopicNames.ARCHIVE_SYNCED).get(0)).id("to-archive-synced")
            .process(KafkaOffsets.commit()).id("commit-synced-offset");
    }
}

package routes;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import pipeline.KafkaBatch;

/**
 * The Kafka input every record-at-a-time stage shares: a poll of its topics (camel-kafka batching)
 * split into its records, {@code ccx.<stage>.parallelism} at once, each through the stage's own
 * route; the poll's offsets are committed once every record of it is done (its outputs
 * acknowledged, or its dead-letter copy).
 */
abstract class BatchedStageRoutes extends EndpointRouteBuilder {

    /**
     * Route {@code <route>-batches}: polls of {@code topicsCsv} in group
     * {@code <group-prefix>-<group>}, tuned by {@code ccx.<settings>.max-poll-records|consumers|parallelism},
     * each record to {@code direct:<route>}.
     */
    protected void batchesOf(String topicsCsv, String group, String settings, String route, String eachId, String commitId) {
        from(kafka(topicsCsv)
                .groupId("{{ccx.kafka.group-prefix}}-" + group).autoCommitEnable(false)
                .maxPollRecords("{{ccx." + settings + ".max-poll-records}}").consumersCount("{{ccx." + settings + ".consumers}}")
                .batching(true).pollTimeoutMs("{{ccx.kafka.batch-wait-ms}}"))
            .routeId(route + "-batches")
            .split(KafkaBatch.records()).parallelProcessing()
                .executorService(KafkaBatch.pool(getContext(), this, route, "ccx." + settings))
                .to(direct(route)).id(eachId)
            .end()
            .process(KafkaBatch.commit()).id(commitId);
    }
}

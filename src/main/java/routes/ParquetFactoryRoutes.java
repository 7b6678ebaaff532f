package routes;

import aggregation.HourCloser;
import aggregation.SourceRows;
import aggregation.SpillAggregation;
import aggregation.SpillStore;
import app.TopicNames;
import contract.Contract;
import config.ParquetSettings;
import contract.ContractValidator;
import model.FeaturesMessage;
import model.RulesResults;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.processor.aggregate.AggregateController;
import org.apache.camel.spi.AggregationRepository;
import pipeline.ContractCheck;
import pipeline.JsonFormats;
import pipeline.KafkaOffsets;
import pipeline.Stages;

/**
 * Stages 10–11, the Parquet factory. A row's path (README, "Parquet factory"): message →
 * {@link SourceRows} per (table, hour) → the Aggregator EIP appends them to that hour's
 * {@link aggregation.Spill} file on the state volume and completes the hour when its grace period
 * has passed on the wall clock → the spill streams into the hour's next Parquet file in S3
 * ({@link parquet.WrittenFile}).
 * Offsets are committed once the rows are on disk; a spill is deleted once its file is in S3.
 */
public class ParquetFactoryRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        boolean factory = Stages.enabled(getContext(), Stages.PARQUET_FACTORY);
        boolean thanos = Stages.enabled(getContext(), Stages.THANOS_POLL);
        if (!factory && !thanos) {
            return;
        }
        var registry = getContext().getRegistry();
        SpillAggregation spillRows = registry.lookupByNameAndType("parquetSpillAggregation", SpillAggregation.class);
        AggregationRepository spills = registry.lookupByNameAndType("parquetSpillRepository", AggregationRepository.class);
        HourCloser hours = registry.lookupByNameAndType("parquetHourCloser", HourCloser.class);
        registry.lookupByName("parquetSpillWriter"); // re-runs requested hours before any input is read
        ParquetSettings parquet = registry.lookupByNameAndType("parquetSettings", ParquetSettings.class);

        from(direct("parquet-aggregate")).routeId("parquet-aggregate")
            .aggregate(spillRows).body(SourceRows.class, SourceRows::key).aggregationRepository(spills)
                .completionTimeout(method(hours, "timeoutMs")).completionTimeoutCheckerInterval(parquet.completionCheck().toMillis())
                .aggregateController(registry.lookupByNameAndType("parquetAggregateController", AggregateController.class))
                .executorService(getContext().getExecutorServiceManager().newFixedThreadPool(this, "parquet-writer", parquet.writerThreads()))
                .id("hourly-aggregator")
                .to(direct("parquet-write"))
            .end();

        // Once written, the aggregator confirms the spill to its repository, which deletes it.
        from(direct("parquet-write")).routeId("parquet-write")
            .bean("parquetSpillWriter", "write").id("write-parquet-file");

        // Every open hour now (the demo's end, a test): completes all groups, returns once written.
        from(direct("parquet-flush-all")).routeId("parquet-flush-all")
            .setHeader(Exchange.AGGREGATION_COMPLETE_ALL_GROUPS, constant(true))
            .to(direct("parquet-aggregate"))
            .bean("parquetSpillStore", "awaitWritten").id("await-written")
            // The caller (the demo's end, a test) must not take "not written in 10 minutes" for done.
            .filter(body().isEqualTo(false))
                .throwException(IllegalStateException.class, "Parquet hours still not written after 10 minutes: see the parquet-write errors")
            .end();

        // Written hours are forgotten after the retention: the state stays bounded over the days.
        from(timer("parquet-prune").period("{{ccx.parquet.prune-interval-ms}}").delay("{{ccx.parquet.prune-interval-ms}}"))
            .routeId("parquet-prune")
            .bean("parquetRetention", "prune").id("prune-written-hours");

        if (factory) {
            configureInput(parquet.env());
        }
        if (thanos) {
            // synchronous: the next tick waits for this poll to finish (its hours marked done), even if a step went async
            from(timer("thanos-poll").period("{{ccx.thanos.poll-interval-ms}}").delay(1000).advanced().synchronous(true))
                .routeId("thanos-poll")
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "Thanos poll failed, the hour is retried next tick: ${exception.message}")
                .end()
                .bean("thanosPoll", "poll()").id("query-thanos")
                .split(body())
                    .setProperty("ccxThanosHour", simple("${body.hourStart()}"))
                    .setProperty("ccxThanosGroup", method(SourceRows.class, "thanosKey"))
                    .bean("parquetMessageRows", "fromThanos").id("map-thanos-rows")
                    .split(body())
                        .to(direct("parquet-aggregate"))
                    .end()
                    // The hour's rows are on disk: it need not be queried again.
                    .bean("parquetSpillStore", "sync").id("sync-thanos-spills")
                    .bean("thanosPoll", "markDone(${exchangeProperty.ccxThanosHour})").id("mark-hour-done")
                    // The hour was queried whole: its file need not wait for the grace period.
                    .bean("parquetAggregateController", "forceCompletionOfGroup(${exchangeProperty.ccxThanosGroup})")
                        .id("complete-thanos-hour")
                .end();
        }
    }

    private void configureInput(String env) {
        SpillStore spills = getContext().getRegistry().lookupByNameAndType("parquetSpillStore", SpillStore.class);
        ContractValidator contracts = getContext().getRegistry().lookupByNameAndType("contractValidator", ContractValidator.class);
        TopicNames topics = getContext().getRegistry().lookupByNameAndType("topicNames", TopicNames.class);
        String rulesTopic = topics.topic(env, TopicNames.RULES_RESULTS);
        // The 2024 shape has no features (contract §14): the factory reads the rules results only.
        String inputs = topics.topology().has(Stages.FEATURES) ? rulesTopic + "," + topics.topic(env, TopicNames.FEATURES) : rulesTopic;

        from(kafka(inputs)
                .groupId("{{ccx.kafka.group-prefix}}-parquet-factory").autoCommitEnable(false)
                .maxPollRecords("{{ccx.parquet.max-poll-records}}"))
            .routeId("parquet-input")
            .routeConfigurationId(ErrorHandling.BAD_INPUT + "," + ErrorHandling.RETRY_THEN_DEAD_LETTER)
            // Whichever path commits this record's offset (here, or the dead-letter route), the rows
            // appended before it are forced to disk first.
            .process(KafkaOffsets.beforeCommit(spills::sync)).id("sync-spills-before-commit")
            .choice()
                .when(header(KafkaConstants.TOPIC).isEqualTo(rulesTopic))
                    .process(new ContractCheck(contracts, Contract.RULES_RESULTS)).id("validate-parquet-rules-input")
                    .unmarshal(JsonFormats.of(RulesResults.class))
                    .bean("parquetMessageRows", "fromRules").id("map-rules-rows")
                .otherwise()
                    .process(new ContractCheck(contracts, Contract.FEATURES)).id("validate-parquet-features-input")
                    .unmarshal(JsonFormats.of(FeaturesMessage.class))
                    .bean("parquetMessageRows", "fromFeatures").id("map-features-rows")
            .end()
            .split(body()).stopOnException()
                .to(direct("parquet-aggregate"))
            .end()
            // Group commit: at the last record of its partition in this poll, the rows appended so far
            // are forced to disk (the barrier above), then the offset moves past all of them.
            .filter(header(KafkaConstants.LAST_RECORD_BEFORE_COMMIT).isEqualTo(true))
                .process(KafkaOffsets.commit()).id("commit-parquet-offset")
            .end();
    }
}

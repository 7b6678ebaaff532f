package routes;

import aggregation.HourlyAggregation;
import app.TopicNames;
import contract.Contract;
import contract.ContractValidator;
import model.FeaturesMessage;
import model.RulesResults;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.AggregationRepository;
import org.apache.camel.util.concurrent.SynchronousExecutorService;
import pipeline.ContractCheck;
import pipeline.JsonBody;
import pipeline.KafkaOffsets;
import pipeline.Stages;

/**
 * Stages 10–11: rules-results and features → rows per (table, hour) into a durable Aggregator
 * EIP → one Parquet file per completed hour in S3. An hour completes when the newest input is a
 * grace period past its end (checked by a timer), or on an explicit flush; late rows for a
 * written hour go to the next file of that hour. Offsets are committed once the rows are stored.
 */
public class ParquetFactoryRoutes extends RouteBuilder {
    static final String GROUP = HourlyAggregation.GROUP;
    static final String FLUSH = HourlyAggregation.FLUSH;

    @Override
    public void configure() {
        boolean factory = Stages.enabled(getContext(), Stages.PARQUET_FACTORY);
        boolean thanos = Stages.enabled(getContext(), Stages.THANOS_POLL);
        if (!factory && !thanos) {
            return;
        }
        AggregationStrategy hourly = getContext().getRegistry().lookupByNameAndType("hourlyAggregation", HourlyAggregation.class);
        AggregationRepository durable = getContext().getRegistry().lookupByNameAndType("parquetAggregationRepository",
                AggregationRepository.class);

        from("direct:parquet-aggregate").routeId("parquet-aggregate")
            // Only the group and flush headers belong in the durable aggregation state.
            .removeHeaders("*", GROUP, FLUSH)
            .aggregate(header(GROUP), hourly).aggregationRepository(durable)
                .eagerCheckCompletion().completionPredicate(header(FLUSH).isEqualTo(true))
                // Write in the flushing thread: a flush returns once its files are in S3.
                .executorService(new SynchronousExecutorService()).id("hourly-aggregator")
                .to("direct:parquet-write")
            .end();

        from("direct:parquet-write").routeId("parquet-write")
            .bean("hourlyParquetWriter", "writeGroup(${header." + GROUP + "})").id("write-parquet-file");

        from("timer:parquet-flush?period={{ccx.parquet.flush-interval-ms}}&delay={{ccx.parquet.flush-interval-ms}}")
            .routeId("parquet-flush")
            .bean("hourlyAggregation", "dueGroups").id("due-hours")
            .to("direct:parquet-complete");

        // Written rows older than the retention are forgotten: the state stays bounded over the days.
        from("timer:parquet-prune?period=3600000&delay={{ccx.parquet.flush-interval-ms}}").routeId("parquet-prune")
            .bean("parquetRetention", "prune").id("prune-written-rows");

        from("direct:parquet-flush-all").routeId("parquet-flush-all")
            .bean("hourlyAggregation", "pendingGroups")
            .to("direct:parquet-complete");

        from("direct:parquet-complete").routeId("parquet-complete")
            .split(body())
                .setHeader(GROUP, simple("${body.group()}"))
                .setHeader(FLUSH, constant(true))
                .setBody(constant(null))
                .to("direct:parquet-aggregate")
            .end();

        if (factory) {
            configureInput();
        }
        if (thanos) {
            from("timer:thanos-poll?period={{ccx.thanos.poll-interval-ms}}&delay=1000")
                .routeId("thanos-poll")
                .onException(Exception.class).handled(true)
                    .log(org.apache.camel.LoggingLevel.WARN, "Thanos poll failed, the hour is retried next tick: ${exception.message}")
                .end()
                .bean("thanosPoll", "poll()").id("query-thanos")
                .split(body())
                    .setProperty("ccxThanosHour", simple("${body.hourStart()}"))
                    .bean("parquetBatches", "fromThanos")
                    .setProperty("ccxThanosBatches", simple("${body.size()}"))
                    .split(body())
                        .setHeader(GROUP, simple("${body.group()}"))
                        .to("direct:parquet-aggregate")
                    .end()
                    // The whole hour was queried: its file can be written now (an empty hour has none).
                    .choice().when(simple("${exchangeProperty.ccxThanosBatches} > 0"))
                        .setHeader(GROUP, simple("cluster_thanos_info|${exchangeProperty.ccxThanosHour.toEpochMilli()}"))
                        .setHeader(FLUSH, constant(true))
                        .setBody(constant(null))
                        .to("direct:parquet-aggregate")
                    .end()
                    // Rows are in the durable store (or written): the hour need not be queried again.
                    .bean("thanosPoll", "markDone(${exchangeProperty.ccxThanosHour})").id("mark-hour-done")
                .end();
        }
    }

    private void configureInput() {
        ContractValidator contracts = getContext().getRegistry().lookupByNameAndType("contractValidator", ContractValidator.class);
        TopicNames topics = getContext().getRegistry().lookupByNameAndType("topicNames", TopicNames.class);
        String env = getContext().resolvePropertyPlaceholders("{{ccx.parquet.env}}");
        String rulesTopic = topics.topic(env, TopicNames.RULES_RESULTS);
        String featuresTopic = topics.topic(env, TopicNames.FEATURES);

        from("kafka:" + rulesTopic + "," + featuresTopic + "?groupId={{ccx.kafka.group-prefix}}-parquet-factory"
                + "&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true&autoOffsetReset=earliest"
                + "&maxPollRecords={{ccx.parquet.max-poll-records}}")
            .routeId("parquet-input")
            .routeConfigurationId(ErrorHandling.BAD_INPUT + "," + ErrorHandling.RETRY_THEN_DEAD_LETTER)
            .choice()
                .when(header("kafka.TOPIC").isEqualTo(rulesTopic))
                    .process(new ContractCheck(contracts, Contract.RULES_RESULTS)).id("validate-parquet-rules-input")
                    .process(JsonBody.read(RulesResults.class))
                    .bean("parquetBatches", "fromRules")
                .otherwise()
                    .process(new ContractCheck(contracts, Contract.FEATURES)).id("validate-parquet-features-input")
                    .process(JsonBody.read(FeaturesMessage.class))
                    .bean("parquetBatches", "fromFeatures")
            .end()
            .split(body()).stopOnException()
                .setHeader(GROUP, simple("${body.group()}"))
                .to("direct:parquet-aggregate")
            .end()
            // Every row is in the durable store now.
            .process(KafkaOffsets.commit()).id("commit-parquet-offset");
    }
}

package routes;

import app.TopicNames;
import contract.Contract;
import contract.ContractValidator;
import analysis.ArchiveAnalysis;
import java.util.function.Function;
import model.ArchiveSynced;
import org.apache.camel.Exchange;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.spi.IdempotentRepository;
import pipeline.ContractCheck;
import pipeline.JsonFormats;
import pipeline.S3Answers;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import software.amazon.awssdk.services.s3.model.S3Exception;
import storage.ArchiveMissingException;
import static storage.S3Endpoints.ceph;
import pipeline.Stages;

/**
 * Stages 8–9: archive-synced → the archive read once from Ceph → the rules engine and/or the
 * feature extractors → rules-results and/or features in the same environment. With both stages
 * on, one route feeds both beans from one download; either can run alone. Idempotent on the
 * Ceph path. The records of a poll are analysed several at once ({@code ccx.analysis.parallelism});
 * the poll's offsets are committed once every output (or dead-letter copy) of it is acknowledged.
 */
public class ArchiveAnalysisRoutes extends BatchedStageRoutes {
    private static final String SYNCED = "ccxSynced";
    private static final String OUTPUTS = "ccxOutputs";

    @Override
    public void configure() {
        boolean rules = Stages.enabled(getContext(), Stages.RULES);
        boolean features = Stages.enabled(getContext(), Stages.FEATURES);
        if (!rules && !features) {
            return;
        }
        ContractValidator contracts = getContext().getRegistry().lookupByNameAndType("contractValidator", ContractValidator.class);
        TopicNames topics = getContext().getRegistry().lookupByNameAndType("topicNames", TopicNames.class);
        IdempotentRepository processed = getContext().getRegistry().lookupByNameAndType("analysisIdempotency", IdempotentRepository.class);
        String group = rules && features ? "analysis" : rules ? "rules" : "features";

        // One downloads while another is analysed; the poll is committed once every output is acknowledged.
        batchesOf(topics.topicsCsv(TopicNames.ARCHIVE_SYNCED), group, "analysis", "archive-analysis",
                "analyse-each-record", "commit-analysed-batch");

        ProcessorDefinition<?> route = from(direct("archive-analysis"))
            .routeId("archive-analysis")
            .routeConfigurationId(ErrorHandling.BAD_INPUT + "," + ErrorHandling.RETRY_THEN_DEAD_LETTER)
            .process(new ContractCheck(contracts, Contract.ARCHIVE_SYNCED)).id("validate-incoming-archive-synced")
            .unmarshal(JsonFormats.of(ArchiveSynced.class))
            .setProperty(SYNCED, body())
            .setHeader(KafkaConstants.KEY).body(ArchiveSynced.class, synced -> synced.metadata().clusterId())
            // Per environment: each environment's archive-synced is its own stream of work.
            .idempotentConsumer(simple(group + ":${header.kafka.TOPIC}:${body.path()}"), processed).skipDuplicate(false)
                // Remembered once the outputs are sent: a kill -9 before that must not skip the redelivery.
                .eager(false).id("once-per-archive")
                .choice()
                    .when(exchangeProperty(Exchange.DUPLICATE_MESSAGE).isEqualTo(true))
                        .log("already analysed ${exchangeProperty." + SYNCED + ".path()}: skipped")
                    .otherwise()
                        // A failure in the read redelivers the whole read (a fresh GET), then dead-letters here.
                        .to(direct("read-archive")).id("analyse-archive")
                        .setProperty(OUTPUTS, body());
        if (rules) {
            route = publish(route, ArchiveAnalysis.Outputs::rules, Contract.RULES_RESULTS, TopicNames.RULES_RESULTS, "rules-results", contracts, topics);
        }
        if (features) {
            route = publish(route, ArchiveAnalysis.Outputs::features, Contract.FEATURES, TopicNames.FEATURES, "features", contracts, topics);
        }
        route.end()
            .end();

        // The archive streamed once from Ceph (camel-aws2-s3) through the safe reader into the engines.
        from(direct("read-archive"))
            .routeId("read-archive")
            .errorHandler(noErrorHandler()) // failures are the calling route's to redeliver
            .setHeader(AWS2S3Constants.KEY).body(ArchiveSynced.class, ArchiveSynced::path)
            .doTry()
                .toD(ceph().operation("getObject")).id("get-from-ceph")
            .doCatch(S3Exception.class).onWhen(S3Answers::notFound)
                .throwException(ArchiveMissingException.class,
                        "archive ${header.CamelAwsS3Key} is not in the Ceph bucket {{ccx.ceph.bucket}}")
            .end()
            .bean("archiveAnalysis", "analyse(${exchangeProperty." + SYNCED + "}, ${body})").id("read-and-analyse");
    }

    /**
     * One output of the analysis → its contract → its topic in the consumed message's environment.
     * Typed accessors, not simple OGNL: OGNL caches by the target object, hashing the whole result every time.
     */
    private ProcessorDefinition<?> publish(ProcessorDefinition<?> route, Function<ArchiveAnalysis.Outputs, Object> output, Contract contract, String channel,
                                           String name, ContractValidator contracts, TopicNames topics) {
        return route
                .setBody(exchange -> output.apply(exchange.getProperty(OUTPUTS, ArchiveAnalysis.Outputs.class)))
                .process(new ContractCheck(contracts, contract)).id("validate-" + name)
                .setProperty(TopicNames.targetProperty(channel)).message(topics.inConsumedEnvironment(channel))
                // camel-kafka's toD keeps an override-topic header already set: the other output's must go
                .removeHeader(KafkaConstants.OVERRIDE_TOPIC)
                .toD(kafka(TopicNames.targetTopic(channel))).id("to-" + name);
    }
}

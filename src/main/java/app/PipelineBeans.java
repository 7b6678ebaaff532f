package app;

import aggregation.HourCloser;
import aggregation.HourRerun;
import aggregation.MessageRows;
import aggregation.SpillAggregation;
import aggregation.SpillRepository;
import aggregation.SpillStore;
import aggregation.SpillWriter;
import aggregation.RetentionPruner;
import analysis.ArchiveAnalysis;
import parquet.ParquetFileWriter;
import parquet.ParquetSink;
import thanos.ThanosConfig;
import thanos.ThanosHourlyPoll;
import thanos.ThanosPollSettings;
import archive.ArchiveLimits;
import archive.ArchiveReader;
import config.AnalysisSettings;
import config.ArchiveSyncSettings;
import config.CcxProperties;
import config.ParquetSettings;
import config.S3Connection;
import config.SqsConnection;
import archivesync.ArchiveSyncService;
import features.FeaturesService;
import ingest.SqsBatchDelete;
import pipeline.InFlightIdempotency;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import rules.RulesService;
import multiplex.ArchiveClassifier;
import multiplex.Multiplexor;
import uploader.RulesUploader;
import contract.ContractValidator;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BeanInject;
import storage.ArchiveCopier;
import upload.UploadSyncService;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The shared beans every stage uses. The {@code ccx.*} properties are read once into typed
 * settings (package {@code config}, one record per server or stage, bound here by name) and handed
 * to the beans that need them.
 */
public class PipelineBeans implements CamelConfiguration {

    // --- settings -------------------------------------------------------------------

    @BindToRegistry("awsS3Connection")
    public S3Connection awsS3Connection(@BeanInject CamelContext camel) {
        return S3Connection.read(CcxProperties.of(camel), "aws-s3", "ccx.aws-s3");
    }

    @BindToRegistry("cephConnection")
    public S3Connection cephConnection(@BeanInject CamelContext camel) {
        return S3Connection.read(CcxProperties.of(camel), "ceph", "ccx.ceph");
    }

    @BindToRegistry("cephOlsConnection")
    public S3Connection cephOlsConnection(@BeanInject CamelContext camel) {
        return S3Connection.read(CcxProperties.of(camel), "ceph-ols", "ccx.ceph-ols");
    }

    @BindToRegistry("parquetS3Connection")
    public S3Connection parquetS3Connection(@BeanInject CamelContext camel) {
        return S3Connection.read(CcxProperties.of(camel), "parquet-s3", "ccx.parquet.s3");
    }

    @BindToRegistry("sqsConnection")
    public SqsConnection sqsConnection(@BeanInject CamelContext camel) {
        return SqsConnection.read(CcxProperties.of(camel));
    }

    @BindToRegistry(value = "archiveSyncSettings", lazy = true)
    public ArchiveSyncSettings archiveSyncSettings(@BeanInject CamelContext camel) {
        return ArchiveSyncSettings.read(CcxProperties.of(camel));
    }

    @BindToRegistry(value = "analysisSettings", lazy = true)
    public AnalysisSettings analysisSettings(@BeanInject CamelContext camel) {
        return AnalysisSettings.read(CcxProperties.of(camel));
    }

    @BindToRegistry(value = "parquetSettings", lazy = true)
    public ParquetSettings parquetSettings(@BeanInject CamelContext camel) {
        return ParquetSettings.read(CcxProperties.of(camel));
    }

    // --- clients and services ---------------------------------------------------------

    @BindToRegistry("topicNames")
    public TopicNames topicNames(@PropertyInject(value = "ccx.topic.pattern", defaultValue = "") String pattern,
                                 @PropertyInject(value = "ccx.envs", defaultValue = "") String envs,
                                 @BeanInject CamelContext camel) {
        return TopicNames.of(pipeline.Stages.topology(camel), pattern, envs);
    }

    @BindToRegistry("contractValidator")
    public ContractValidator contractValidator() {
        return new ContractValidator();
    }

    @BindToRegistry("awsS3Client")
    public S3Client awsS3Client(@BeanInject("awsS3Connection") S3Connection aws) {
        return aws.client();
    }

    @BindToRegistry("cephS3Client")
    public S3Client cephS3Client(@BeanInject("cephConnection") S3Connection ceph) {
        return ceph.client();
    }

    @BindToRegistry(value = "archiveSyncService", lazy = true)
    public ArchiveSyncService archiveSyncService(@BeanInject("awsS3Client") S3Client aws, @BeanInject("cephS3Client") S3Client ceph,
                                                 @BeanInject("archiveSyncSettings") ArchiveSyncSettings sync,
                                                 @BeanInject CamelContext camel) {
        return syncInto(aws, ceph, "cephConnection", sync, camel, "io");
    }

    /** A sync from the AWS S3 bucket into a Ceph bucket; {@code archives} tags its meters. */
    private static ArchiveSyncService syncInto(S3Client aws, S3Client target, String targetConnection, ArchiveSyncSettings sync,
                                               CamelContext camel, String archives) {
        return new ArchiveSyncService(new ArchiveCopier(aws, bucket(camel, "awsS3Connection"), target, bucket(camel, targetConnection),
                sync.maxArchiveBytes(), sync.partBytes(), sync.partsInFlight(), sync.singlePutMaxBytes()), meters(camel), archives);
    }

    @BindToRegistry(value = "cephOlsS3Client", lazy = true)
    public S3Client cephOlsS3Client(@BeanInject("cephOlsConnection") S3Connection cephOls) {
        return cephOls.client();
    }

    /** archive-sync-ols (2024 shape): the same copy into the OLS bucket. */
    @BindToRegistry(value = "archiveSyncOlsService", lazy = true)
    public ArchiveSyncService archiveSyncOlsService(@BeanInject("awsS3Client") S3Client aws, @BeanInject("cephOlsS3Client") S3Client cephOls,
                                                    @BeanInject("archiveSyncSettings") ArchiveSyncSettings sync,
                                                    @BeanInject CamelContext camel) {
        return syncInto(aws, cephOls, "cephOlsConnection", sync, camel, "ols");
    }

    /** The multiplexor's decision (2024 shape): the archive's kind from its tar headers, through the safe reader. */
    @BindToRegistry(value = "multiplexor", lazy = true)
    public Multiplexor multiplexor(@BeanInject CamelContext camel) {
        return new Multiplexor(new ArchiveClassifier(new ArchiveReader(ArchiveLimits.read(CcxProperties.of(camel)))), meters(camel));
    }

    @BindToRegistry(value = "rulesUploader", lazy = true)
    public RulesUploader rulesUploader(@BeanInject CamelContext camel) {
        return new RulesUploader(meters(camel));
    }

    @BindToRegistry(value = "uploadSyncService", lazy = true)
    public UploadSyncService uploadSyncService(@BeanInject("cephS3Client") S3Client ceph,
                                               @BeanInject("archiveSyncSettings") ArchiveSyncSettings sync,
                                               @BeanInject CamelContext camel) {
        // Same limits as the S3-triggered sync; this copier only ever reads a download stream.
        return new UploadSyncService(new ArchiveCopier(null, null, ceph, bucket(camel, "cephConnection"), sync.maxArchiveBytes(),
                sync.partBytes()), meters(camel));
    }

    @BindToRegistry(value = "archiveAnalysis", lazy = true)
    public ArchiveAnalysis archiveAnalysis(@BeanInject("cephS3Client") S3Client ceph,
                                           @BeanInject("analysisSettings") AnalysisSettings analysis,
                                           @BeanInject CamelContext camel) {
        return new ArchiveAnalysis(ceph, bucket(camel, "cephConnection"), new ArchiveReader(ArchiveLimits.read(CcxProperties.of(camel))),
                analysis.rules() ? RulesService.fromServiceLoader(analysis.disabledRules(), meters(camel)) : null,
                analysis.features() ? FeaturesService.standard() : null);
    }

    private static String bucket(CamelContext camel, String connection) {
        return camel.getRegistry().lookupByNameAndType(connection, S3Connection.class).bucket();
    }

    /** Which archives were analysed: a compacted Kafka topic survives restarts; memory is for tests. */
    @BindToRegistry(value = "analysisIdempotency", lazy = true)
    public InFlightIdempotency analysisIdempotency(@PropertyInject("ccx.kafka.brokers") String brokers,
                                                    @BeanInject("analysisSettings") AnalysisSettings analysis) throws Exception {
        IdempotentRepository remembered = switch (analysis.idempotency()) {
            case "kafka" -> {
                ensureCompactedTopic(brokers, analysis.idempotencyTopic());
                yield new KafkaIdempotentRepository(analysis.idempotencyTopic(), brokers, analysis.idempotencyCache(), 30_000);
            }
            case "memory" -> MemoryIdempotentRepository.memoryIdempotentRepository(analysis.idempotencyCache());
            default -> throw new IllegalArgumentException("ccx.analysis.idempotency must be kafka or memory, not " + analysis.idempotency());
        };
        // A poll's records run in parallel: the same archive twice in one poll is analysed once.
        return new InFlightIdempotency(remembered);
    }

    @BindToRegistry(value = "parquetSpillStore", lazy = true)
    public SpillStore parquetSpillStore(@BeanInject("parquetSettings") ParquetSettings parquet, @BeanInject CamelContext camel) {
        SpillStore store = new SpillStore(parquet.stateDir(), parquet.fsync());
        io.micrometer.core.instrument.Gauge.builder("ccx.parquet.state.bytes", store, SpillStore::bytesOnDisk)
                .description("bytes of the Parquet factory's state on its volume").baseUnit("bytes").register(meters(camel));
        io.micrometer.core.instrument.Gauge.builder("ccx.parquet.spills.open", store, SpillStore::openCount)
                .description("(table, hour)s taking rows now").register(meters(camel));
        return store;
    }

    @BindToRegistry(value = "parquetSpillRepository", lazy = true)
    public SpillRepository parquetSpillRepository(@BeanInject("parquetSpillStore") SpillStore store,
                                                  @BeanInject("parquetHourCloser") HourCloser closer,
                                                  @BeanInject("parquetSettings") ParquetSettings parquet) {
        return new SpillRepository(store, parquet.recoveryInterval().toMillis(), closer);
    }

    @BindToRegistry(value = "parquetMessageRows", lazy = true)
    public MessageRows parquetMessageRows(@BeanInject CamelContext camel) {
        return new MessageRows(meters(camel));
    }

    @BindToRegistry(value = "parquetSpillAggregation", lazy = true)
    public SpillAggregation parquetSpillAggregation(@BeanInject("parquetSpillStore") SpillStore store, @BeanInject CamelContext camel) {
        return new SpillAggregation(store, meters(camel));
    }

    /** Completes a group on demand (an operator, a test): {@code forceCompletionOfGroup("rule_hits/2021-01-20T03")}. */
    @BindToRegistry(value = "parquetAggregateController", lazy = true)
    public org.apache.camel.processor.aggregate.AggregateController parquetAggregateController() {
        return new org.apache.camel.processor.aggregate.DefaultAggregateController();
    }

    @BindToRegistry(value = "parquetHourCloser", lazy = true)
    public HourCloser parquetHourCloser(@BeanInject("parquetSettings") ParquetSettings parquet, @BeanInject CamelContext camel) {
        return new HourCloser(parquetClock(camel), parquet.grace(), parquet.lateRows());
    }

    @BindToRegistry(value = "parquetRetention", lazy = true)
    public RetentionPruner parquetRetention(@BeanInject("parquetSpillStore") SpillStore store,
                                            @BeanInject("parquetSettings") ParquetSettings parquet,
                                            @BeanInject CamelContext camel) {
        return new RetentionPruner(store, parquet.retention(), parquetClock(camel), meters(camel));
    }

    @BindToRegistry(value = "parquetSink", lazy = true)
    public ParquetSink parquetSink(@BeanInject("parquetS3Connection") S3Connection s3,
                                   @BeanInject("parquetSettings") ParquetSettings parquet) {
        return new ParquetSink(s3.client(), s3.bucket(), parquet.prefix(), new ParquetFileWriter(parquet.rowGroupBytes()),
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Also re-runs the hours of ccx.parquet.rerun-hours, before any input is read (README, "Re-running an hour"). */
    @BindToRegistry(value = "parquetSpillWriter", lazy = true)
    public SpillWriter parquetSpillWriter(@BeanInject("parquetSink") ParquetSink sink,
                                          @BeanInject("parquetSpillStore") SpillStore store,
                                          @BeanInject("parquetSettings") ParquetSettings parquet,
                                          @BeanInject CamelContext camel) throws Exception {
        HourRerun.prepare(HourRerun.parse(parquet.rerunHours()), store, sink);
        return new SpillWriter(sink, meters(camel));
    }

    /** The factory's clock: the system's, unless a test binds its own {@code parquetClock}. */
    static java.time.Clock parquetClock(CamelContext camel) {
        java.time.Clock bound = camel.getRegistry().lookupByNameAndType("parquetClock", java.time.Clock.class);
        return bound == null ? java.time.Clock.systemUTC() : bound;
    }

    @BindToRegistry(value = "thanosPoll", lazy = true)
    public ThanosHourlyPoll thanosPoll(@BeanInject CamelContext camel) throws Exception {
        CcxProperties properties = CcxProperties.of(camel);
        return ThanosHourlyPoll.create(new thanos.ThanosClient(ThanosConfig.read(properties), camel, "thanos-query"),
                ThanosPollSettings.read(properties), java.time.Clock.systemUTC());
    }

    /** The idempotent repository reads its topic at start and fails if there is none: create it (compacted). */
    static void ensureCompactedTopic(String brokers, String topic) throws Exception {
        var props = new java.util.Properties();
        props.put("bootstrap.servers", brokers);
        try (var admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            if (!admin.listTopics().names().get(30, java.util.concurrent.TimeUnit.SECONDS).contains(topic)) {
                var compacted = new org.apache.kafka.clients.admin.NewTopic(topic, java.util.Optional.of(1), java.util.Optional.empty())
                        .configs(java.util.Map.of("cleanup.policy", "compact"));
                try {
                    admin.createTopics(java.util.List.of(compacted)).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * The registry camel-micrometer exposes on /observe/metrics (bound as "metricsRegistry" when
     * camel.metrics.enabled); our services are lazy beans, created after it exists.
     */
    static MeterRegistry meters(CamelContext camel) {
        return camel.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
    }

    @BindToRegistry(value = "sqsBatchDelete", lazy = true)
    public SqsBatchDelete sqsBatchDelete(@BeanInject("sqsClient") SqsClient sqs, @BeanInject("sqsConnection") SqsConnection queue,
                                         @BeanInject CamelContext camel) {
        return new SqsBatchDelete(sqs, queue.queue(), queue.deleteWaitMs(), meters(camel));
    }

    @BindToRegistry("sqsClient")
    public SqsClient sqsClient(@BeanInject("sqsConnection") SqsConnection queue) {
        return queue.client();
    }
}

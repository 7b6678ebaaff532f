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
import archivesync.ArchiveSyncService;
import features.FeaturesService;
import ingest.SqsBatchDelete;
import pipeline.InFlightIdempotency;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import rules.RulesService;
import contract.ContractValidator;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BeanInject;
import storage.ArchiveCopier;
import storage.AwsCredentials;
import upload.UploadSyncService;
import java.net.URI;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import storage.S3ClientFactory;

/** The shared beans every stage uses, built from ccx.* properties. */
public class PipelineBeans implements CamelConfiguration {

    @BindToRegistry("topicNames")
    public TopicNames topicNames(@PropertyInject("ccx.topic.pattern") String pattern,
                                 @PropertyInject("ccx.envs") String envs) {
        return new TopicNames(pattern, envs);
    }

    @BindToRegistry("contractValidator")
    public ContractValidator contractValidator() {
        return new ContractValidator();
    }

    @BindToRegistry("awsS3Client")
    public S3Client awsS3Client(@PropertyInject("ccx.aws-s3.endpoint") String endpoint,
                                @PropertyInject("ccx.aws-s3.region") String region,
                                @PropertyInject("ccx.aws-s3.access-key") String accessKey,
                                @PropertyInject("ccx.aws-s3.secret-key") String secretKey) {
        return S3ClientFactory.create(endpoint, region, accessKey, secretKey);
    }

    @BindToRegistry("cephS3Client")
    public S3Client cephS3Client(@PropertyInject("ccx.ceph.endpoint") String endpoint,
                                 @PropertyInject("ccx.ceph.region") String region,
                                 @PropertyInject("ccx.ceph.access-key") String accessKey,
                                 @PropertyInject("ccx.ceph.secret-key") String secretKey) {
        return S3ClientFactory.create(endpoint, region, accessKey, secretKey);
    }

    @BindToRegistry(value = "archiveSyncService", lazy = true)
    public ArchiveSyncService archiveSyncService(@BeanInject("awsS3Client") S3Client aws,
                                                 @PropertyInject("ccx.aws-s3.bucket") String awsBucket,
                                                 @BeanInject("cephS3Client") S3Client ceph,
                                                 @PropertyInject("ccx.ceph.bucket") String cephBucket,
                                                 @PropertyInject("ccx.archive-sync.max-archive-bytes") long maxBytes,
                                                 @PropertyInject("ccx.archive-sync.part-bytes") long partBytes,
                                                 @PropertyInject("ccx.archive-sync.parts-in-flight") int partsInFlight,
                                                 @PropertyInject("ccx.archive-sync.single-put-max-bytes") long singlePutMax,
                                                 @BeanInject CamelContext camel) {
        return new ArchiveSyncService(new ArchiveCopier(aws, awsBucket, ceph, cephBucket, maxBytes, partBytes, partsInFlight,
                singlePutMax), meters(camel));
    }

    @BindToRegistry(value = "uploadSyncService", lazy = true)
    public UploadSyncService uploadSyncService(@BeanInject("cephS3Client") S3Client ceph,
                                               @PropertyInject("ccx.ceph.bucket") String cephBucket,
                                               @PropertyInject("ccx.archive-sync.max-archive-bytes") long maxBytes,
                                               @PropertyInject("ccx.archive-sync.part-bytes") long partBytes,
                                               @BeanInject CamelContext camel) {
        // Same limits as the S3-triggered sync; this copier only ever reads a download stream.
        return new UploadSyncService(new ArchiveCopier(null, null, ceph, cephBucket, maxBytes, partBytes), meters(camel));
    }

    @BindToRegistry(value = "archiveAnalysis", lazy = true)
    public ArchiveAnalysis archiveAnalysis(@BeanInject("cephS3Client") S3Client ceph,
                                           @PropertyInject("ccx.ceph.bucket") String cephBucket,
                                           @PropertyInject("ccx.stages.rules") boolean rules,
                                           @PropertyInject("ccx.stages.features") boolean features,
                                           @PropertyInject("ccx.rules.disabled") String disabledRules,
                                           @PropertyInject("ccx.archive.max-total-bytes") long maxTotal,
                                           @PropertyInject("ccx.archive.max-entry-bytes") long maxEntry,
                                           @PropertyInject("ccx.archive.max-entries") int maxEntries,
                                           @PropertyInject("ccx.archive.max-path-length") int maxPath,
                                           @PropertyInject("ccx.archive.time-budget-ms") long budgetMs,
                                           @BeanInject CamelContext camel) {
        ArchiveReader reader = new ArchiveReader(new ArchiveLimits(maxTotal, maxEntry, maxEntries, maxPath,
                java.time.Duration.ofMillis(budgetMs)));
        Set<String> disabled = Arrays.stream(disabledRules.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        return new ArchiveAnalysis(ceph, cephBucket, reader,
                rules ? RulesService.fromServiceLoader(disabled, meters(camel)) : null,
                features ? FeaturesService.standard() : null);
    }

    /** Which archives were analysed: a compacted Kafka topic survives restarts; memory is for tests. */
    @BindToRegistry(value = "analysisIdempotency", lazy = true)
    public InFlightIdempotency analysisIdempotency(@PropertyInject("ccx.analysis.idempotency") String kind,
                                                    @PropertyInject("ccx.analysis.idempotency-topic") String topic,
                                                    @PropertyInject("ccx.kafka.brokers") String brokers,
                                                    @PropertyInject("ccx.analysis.idempotency-cache") int cache) throws Exception {
        IdempotentRepository remembered = switch (kind.trim()) {
            case "kafka" -> {
                ensureCompactedTopic(brokers, topic);
                yield new KafkaIdempotentRepository(topic, brokers, cache, 30_000);
            }
            case "memory" -> MemoryIdempotentRepository.memoryIdempotentRepository(cache);
            default -> throw new IllegalArgumentException("ccx.analysis.idempotency must be kafka or memory, not " + kind);
        };
        // A poll's records run in parallel: the same archive twice in one poll is analysed once.
        return new InFlightIdempotency(remembered);
    }

    @BindToRegistry(value = "parquetSpillStore", lazy = true)
    public SpillStore parquetSpillStore(@PropertyInject("ccx.parquet.state-dir") String dir,
                                        @PropertyInject("ccx.parquet.fsync") boolean fsync,
                                        @BeanInject CamelContext camel) {
        SpillStore store = new SpillStore(java.nio.file.Path.of(dir), fsync);
        io.micrometer.core.instrument.Gauge.builder("ccx.parquet.state.bytes", store, SpillStore::bytesOnDisk)
                .description("bytes of the Parquet factory's state on its volume").baseUnit("bytes").register(meters(camel));
        io.micrometer.core.instrument.Gauge.builder("ccx.parquet.spills.open", store, SpillStore::openCount)
                .description("(table, hour)s taking rows now").register(meters(camel));
        return store;
    }

    @BindToRegistry(value = "parquetSpillRepository", lazy = true)
    public SpillRepository parquetSpillRepository(@BeanInject("parquetSpillStore") SpillStore store,
                                                  @BeanInject("parquetHourCloser") HourCloser closer,
                                                  @PropertyInject("ccx.parquet.recovery-interval-ms") long recoveryMs) {
        return new SpillRepository(store, recoveryMs, closer);
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
    public HourCloser parquetHourCloser(@PropertyInject("ccx.parquet.grace-ms") long graceMs,
                                        @PropertyInject("ccx.parquet.late-rows-ms") long lateMs,
                                        @BeanInject CamelContext camel) {
        return new HourCloser(parquetClock(camel), java.time.Duration.ofMillis(graceMs), java.time.Duration.ofMillis(lateMs));
    }

    @BindToRegistry(value = "parquetRetention", lazy = true)
    public RetentionPruner parquetRetention(@BeanInject("parquetSpillStore") SpillStore store,
                                            @PropertyInject("ccx.parquet.retention-hours") long retentionHours,
                                            @BeanInject CamelContext camel) {
        return new RetentionPruner(store, java.time.Duration.ofHours(retentionHours), parquetClock(camel), meters(camel));
    }

    @BindToRegistry(value = "parquetSink", lazy = true)
    public ParquetSink parquetSink(@PropertyInject("ccx.parquet.s3.endpoint") String endpoint,
                                   @PropertyInject("ccx.parquet.s3.region") String region,
                                   @PropertyInject("ccx.parquet.s3.access-key") String accessKey,
                                   @PropertyInject("ccx.parquet.s3.secret-key") String secretKey,
                                   @PropertyInject("ccx.parquet.s3.bucket") String bucket,
                                   @PropertyInject("ccx.parquet.prefix") String prefix,
                                   @PropertyInject("ccx.parquet.row-group-bytes") long rowGroupBytes) {
        S3Client s3 = S3ClientFactory.create(endpoint, region, accessKey, secretKey);
        return new ParquetSink(s3, bucket, prefix, new ParquetFileWriter(rowGroupBytes),
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Also re-runs the hours of ccx.parquet.rerun-hours, before any input is read (README, "Re-running an hour"). */
    @BindToRegistry(value = "parquetSpillWriter", lazy = true)
    public SpillWriter parquetSpillWriter(@BeanInject("parquetSink") ParquetSink sink,
                                          @BeanInject("parquetSpillStore") SpillStore store,
                                          @PropertyInject("ccx.parquet.rerun-hours") String rerunHours,
                                          @BeanInject CamelContext camel) throws Exception {
        HourRerun.prepare(HourRerun.parse(rerunHours), store, sink);
        return new SpillWriter(sink, meters(camel));
    }

    /** The factory's clock: the system's, unless a test binds its own {@code parquetClock}. */
    static java.time.Clock parquetClock(CamelContext camel) {
        java.time.Clock bound = camel.getRegistry().lookupByNameAndType("parquetClock", java.time.Clock.class);
        return bound == null ? java.time.Clock.systemUTC() : bound;
    }

    @BindToRegistry(value = "thanosPoll", lazy = true)
    public ThanosHourlyPoll thanosPoll(@PropertyInject("ccx.thanos.url") String url,
                                       @PropertyInject("ccx.thanos.token-file") String tokenFile,
                                       @PropertyInject("ccx.thanos.truststore") String truststore,
                                       @PropertyInject("ccx.thanos.truststore-password") String truststorePassword,
                                       @PropertyInject("ccx.thanos.insecure-skip-tls-verify") boolean insecure,
                                       @PropertyInject("ccx.thanos.id-chunk-size") int chunk,
                                       @PropertyInject("ccx.thanos.ledger-file") String ledger,
                                       @PropertyInject("ccx.thanos.backfill-hours") int backfill,
                                       @PropertyInject("ccx.thanos.settle-delay-ms") long settleMs,
                                       @PropertyInject("ccx.thanos.max-hours-per-poll") int maxHours,
                                       @BeanInject CamelContext camel) throws Exception {
        ThanosConfig config = ThanosConfig.of(java.net.URI.create(url)).withIdChunkSize(chunk).withInsecureSkipTlsVerify(insecure);
        if (!tokenFile.isBlank()) {
            config = config.withBearerTokenFile(java.nio.file.Path.of(tokenFile));
        }
        if (!truststore.isBlank()) {
            config = config.withTrustStore(java.nio.file.Path.of(truststore), truststorePassword.isBlank() ? null : truststorePassword);
        }
        return ThanosHourlyPoll.create(new thanos.ThanosClient(config, camel, "thanos-query"), new ThanosPollSettings(java.nio.file.Path.of(ledger), backfill,
                java.time.Duration.ofMillis(settleMs), maxHours), java.time.Clock.systemUTC());
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
    public SqsBatchDelete sqsBatchDelete(@BeanInject("sqsClient") SqsClient sqs,
                                         @PropertyInject("ccx.sqs.queue") String queue,
                                         @PropertyInject("ccx.sqs.delete-wait-ms") long waitMs,
                                         @BeanInject CamelContext camel) {
        return new SqsBatchDelete(sqs, queue, waitMs, meters(camel));
    }

    @BindToRegistry("sqsClient")
    public SqsClient sqsClient(@PropertyInject("ccx.sqs.endpoint") String endpoint,
                               @PropertyInject("ccx.sqs.region") String region,
                               @PropertyInject("ccx.sqs.access-key") String accessKey,
                               @PropertyInject("ccx.sqs.secret-key") String secretKey) {
        var builder = SqsClient.builder().region(Region.of(region));
        builder.credentialsProvider(AwsCredentials.provider(accessKey, secretKey));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}

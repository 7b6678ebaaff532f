package bench;

import config.SqsConnection;
import static org.awaitility.Awaitility.await;

import aggregation.SourceRows;
import app.PipelineBeans;
import app.TopicNames;
import app.Topology;
import archive.ArchiveFiles;
import archive.ArchiveLimits;
import archive.ArchiveReader;
import archive.FileSelector;
import devservers.CephRgwServer;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.S3ProxyServer;
import features.FeaturesService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import model.ArchiveMetadata;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import rules.RulesService;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import storage.CephPath;
import storage.S3Key;
import pipeline.Stages;
import testing.PipelineUnderTest;
import testing.S3Events;
import testing.TopicTail;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.LinkedHashMap;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The benchmarks that need the real servers: the whole pipeline end to end (SQS → Parquet) and
 * the archive-sync route, each against a bare loop doing the same work on the same servers.
 */
final class PipelineBench {
    /** The factory's mapping bean, its rejection counter on a registry of its own. */
    private static final aggregation.MessageRows MAPPING =
            new aggregation.MessageRows(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    static final String ORG = "7307752";

    private final EmbeddedKafka kafka;
    private final EmbeddedSqs sqs;
    private final S3ProxyServer aws;
    private final CephRgwServer ceph;
    private final S3Client awsS3;
    private final S3Client cephS3;
    /** Pipeline settings from -Dbench.pipeline.KEY=VALUE (e.g. -Dbench.pipeline.ccx.analysis.consumers=2). */
    private final Map<String, String> tuning = new HashMap<>();
    private final int partitions = Integer.getInteger("bench.partitions", 4);
    PipelineBench(EmbeddedKafka kafka, EmbeddedSqs sqs, S3ProxyServer aws, CephRgwServer ceph) {
        this.kafka = kafka;
        this.sqs = sqs;
        this.aws = aws;
        this.ceph = ceph;
        this.awsS3 = aws.credentials().client();
        this.cephS3 = ceph.credentials().client();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.pipeline."))
                .forEach(k -> tuning.put(k.substring("bench.pipeline.".length()), System.getProperty(k)));
    }

    Map<String, String> tuning() {
        return tuning;
    }

    int partitions() {
        return partitions;
    }

    // ------------------------------------------------------------------ end to end

    record EndToEnd(int archives, double pipelineSeconds, double rulesSeconds, double bareSeconds, int bareArchives,
                    int bareThreads, long parquetArchiveRows, long parquetFiles, int deadLetters, double[] burstLatencyMs,
                    int pacedArchives, double pacedRate, double[] pacedLatencyMs, String pacedStages, String config) {
        double perSecond() {
            return archives / pipelineSeconds;
        }

        double barePerSecond() {
            return bareArchives / bareSeconds;
        }
    }

    /** An uploaded archive and the S3 event that announces it. */
    private record Upload(String clusterId, S3Key key, int size, String eTag) {
    }

    EndToEnd endToEnd(int archives, int pacedArchives, int bareArchives) throws Exception {
        return endToEnd(Topology.BASELINE, archives, pacedArchives, bareArchives);
    }

    /**
     * S3 event → Parquet in the given shape. The 2024 shape's path: SQS listener → archive-new →
     * multiplexor (a streamed read of each archive to its end) → io-archive-new → archive-sync →
     * rules → insights-rules-results → Parquet factory and rules uploader (a JSON file per archive in
     * Ceph); the run ends once both have consumed every rules-results record.
     */
    EndToEnd endToEnd(Topology topology, int archives, int pacedArchives, int bareArchives) throws Exception {
        String prefix = "bench-e2e-" + (topology == Topology.Y2024 ? "2024-" : "") + System.currentTimeMillis();
        Properties config = PipelineUnderTest.config(kafka, sqs, aws, ceph, prefix);
        config.setProperty("ccx.envs", "prod");
        config.remove("ccx.sqs.wait-seconds"); // the shipped long poll, not the tests' short one
        config.setProperty("ccx.topology", topology.id());
        config.setProperty("ccx.stages.rules", "true");
        config.setProperty("ccx.stages.features", Boolean.toString(topology.has(Stages.FEATURES)));
        config.setProperty("ccx.stages.parquet-factory", "true");
        if (topology == Topology.Y2024) {
            config.setProperty("ccx.stages.multiplexor", "true");
            config.setProperty("ccx.stages.rules-uploader", "true");
            config.setProperty("ccx.stages.archive-sync-ols", "true"); // idle: the bench's archives are all OpenShift ones
            config.setProperty("ccx.ceph-ols.bucket", prefix + "-ols");
            cephS3.createBucket(b -> b.bucket(prefix + "-ols"));
        }
        config.setProperty("ccx.parquet.s3.bucket", prefix + "-parquet");
        config.setProperty("ccx.parquet.grace-ms", Long.toString(Duration.ofDays(3650).toMillis())); // flushed explicitly
        config.setProperty("ccx.parquet.late-rows-ms", Long.toString(Duration.ofDays(3650).toMillis()));
        tuning.forEach(config::setProperty);
        String ingress = config.getProperty("ccx.aws-s3.bucket");
        String datahub = config.getProperty("ccx.ceph.bucket");
        awsS3.createBucket(b -> b.bucket(ingress));
        cephS3.createBucket(b -> b.bucket(datahub));
        cephS3.createBucket(b -> b.bucket(prefix + "-parquet"));
        TopicNames names = TopicNames.of(topology, config.getProperty("ccx.topic.pattern"), "prod");
        createTopics(names, topology, config.getProperty("ccx.topic.dead-letter"));
        // what must have consumed every rules-results (and features) record before the hour is flushed
        Map<String, List<String>> consumers = new LinkedHashMap<>();
        consumers.put(prefix + "-parquet-factory", topology.has(Stages.FEATURES)
                ? List.of(names.topics(TopicNames.RULES_RESULTS).get(0), names.topics(TopicNames.FEATURES).get(0))
                : List.of(names.topics(TopicNames.RULES_RESULTS).get(0)));
        if (topology == Topology.Y2024) {
            consumers.put(prefix + "-rules-uploader", List.of(names.topics(TopicNames.RULES_RESULTS).get(0)));
        }

        BenchArchives generator = new BenchArchives();
        int warm = 20;
        // Hours: 07:00 for the warm-up, 08:00 for the measured burst, 09:00 for the paced run.
        List<Upload> warmUp = upload(generator, ingress, 0, warm, LocalDateTime.parse("2024-03-15T07:00:00"));
        List<Upload> burst = upload(generator, ingress, warm, archives, LocalDateTime.parse("2024-03-15T08:00:00"));
        List<Upload> paced = upload(generator, ingress, warm + archives, pacedArchives, LocalDateTime.parse("2024-03-15T09:00:00"));
        List<Upload> bare = upload(generator, ingress, warm + archives + pacedArchives, bareArchives,
                LocalDateTime.parse("2024-03-15T10:00:00"));
        List<Upload> bareAfter = upload(generator, ingress, warm + archives + pacedArchives + bareArchives, bareArchives,
                LocalDateTime.parse("2024-03-15T11:00:00"));

        // The baseline first (it also warms the JIT for the shared code, as the warm-up does for the pipeline).
        int threads = Runtime.getRuntime().availableProcessors();
        double bareSeconds = bare(bare, ingress, datahub, threads);
        Bench.log("e2e baseline: %d archives in %.1f s (%.1f/s) on %d threads", bare.size(), bareSeconds,
                bare.size() / bareSeconds, threads);

        String sqsQueue = config.getProperty("ccx.sqs.queue");
        String rulesTopic = names.topics(TopicNames.RULES_RESULTS).get(0);
        try (SqsClient sqsClient = SqsConnection.client(sqs.endpoint(), "us-east-1", "test", "test");
             TopicTail rules = new TopicTail(kafka.bootstrapServers(), List.of(rulesTopic), false);
             TopicTail dead = new TopicTail(kafka.bootstrapServers(), List.of(config.getProperty("ccx.topic.dead-letter")), false);
             PipelineUnderTest pipeline = startWithQueue(config, sqsClient, sqsQueue)) {
            String queueUrl = sqsClient.getQueueUrl(b -> b.queueName(sqsQueue)).queueUrl();
            var flush = pipeline.main().getCamelContext().createProducerTemplate();

            Map<String, Long> sent = new HashMap<>();
            send(sqsClient, queueUrl, ingress, warmUp, sent);
            rules.await(rulesTopic, warm, Duration.ofMinutes(3));
            awaitConsumed(consumers);
            flush.sendBody("direct:parquet-flush-all", null);
            Bench.log("e2e warm-up done: %d archives", warm);

            long t0 = System.currentTimeMillis();
            send(sqsClient, queueUrl, ingress, burst, sent);
            Bench.log("e2e: %d S3 events sent in %.1f s", burst.size(), (System.currentTimeMillis() - t0) / 1000.0);
            List<ConsumerRecord<String, String>> seen = rules.await(rulesTopic, warm + burst.size(), Duration.ofMinutes(20));
            long rulesEnd = seen.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
            Bench.log("e2e: last rules-results after %.1f s (%.1f/s)", (rulesEnd - t0) / 1000.0, burst.size() * 1000.0 / (rulesEnd - t0));
            awaitConsumed(consumers);
            flush.sendBody("direct:parquet-flush-all", null);
            long t1 = System.currentTimeMillis();
            Bench.log("e2e: %d archives in %.1f s (%.1f/s)", burst.size(), (t1 - t0) / 1000.0, burst.size() * 1000.0 / (t1 - t0));
            double[] burstLatency = latencies(seen, burst, sent);

            // Per-hop tails only now: reading two more topics during the burst would take CPU from the pipeline.
            String newTopic = names.topics(TopicNames.ARCHIVE_NEW).get(0);
            String syncedTopic = names.topics(TopicNames.ARCHIVE_SYNCED).get(0);
            TopicTail newTail = new TopicTail(kafka.bootstrapServers(), List.of(newTopic), false);
            TopicTail syncedTail = new TopicTail(kafka.bootstrapServers(), List.of(syncedTopic), false);
            // Paced: latency without a queue in front, at about half the burst rate (at most 50/s).
            double rate = Math.max(2, Math.min(50, burst.size() * 1000.0 / (t1 - t0) / 2));
            long interval = (long) (1e9 / rate);
            long next = System.nanoTime();
            for (Upload upload : paced) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                send(sqsClient, queueUrl, ingress, List.of(upload), sent);
                next += interval;
            }
            seen = rules.await(rulesTopic, warm + burst.size() + paced.size(), Duration.ofMinutes(10));
            double[] pacedLatency = latencies(seen, paced, sent);
            String pacedStages = stageLatencies(paced, sent, newTail.await(newTopic, warm + burst.size() + paced.size(), Duration.ofMinutes(1)),
                    syncedTail.await(syncedTopic, warm + burst.size() + paced.size(), Duration.ofMinutes(1)), seen);
            Bench.log("e2e paced, per stage: %s", pacedStages);
            newTail.close();
            syncedTail.close();
            Bench.log("e2e paced: %d archives at %.0f/s, p50 %.0f ms p99 %.0f ms", paced.size(), rate, pacedLatency[0], pacedLatency[1]);

            dead.refresh();
            int deadLetters = dead.records(config.getProperty("ccx.topic.dead-letter")).size();
            long[] parquet = parquetArchiveRows(prefix + "-parquet", "2024-03-15", "08");
            // The baseline again once the pipeline has stopped; the faster of the two runs counts (the
            // machine's speed drifts: other work shares it).
            pipeline.close();
            double bareAgain = bare(bareAfter, ingress, datahub, threads);
            Bench.log("e2e baseline again: %d archives in %.1f s (%.1f/s)", bareAfter.size(), bareAgain, bareAfter.size() / bareAgain);
            bareSeconds = Math.min(bareSeconds, bareAgain);
            return new EndToEnd(burst.size(), (t1 - t0) / 1000.0, (rulesEnd - t0) / 1000.0, bareSeconds, bare.size(), threads,
                    parquet[0], parquet[1], deadLetters, burstLatency, paced.size(), rate, pacedLatency, pacedStages, describe(config));
        } finally {
            emptyBucket(awsS3, ingress);
            emptyBucket(cephS3, datahub);
            emptyBucket(cephS3, prefix + "-parquet");
            if (topology == Topology.Y2024) {
                emptyBucket(cephS3, prefix + "-ols");
            }
        }
    }

    private PipelineUnderTest startWithQueue(Properties config, SqsClient sqsClient, String queue) throws Exception {
        sqsClient.createQueue(b -> b.queueName(queue));
        return PipelineUnderTest.start(config);
    }

    /** The stage settings the run used: the shipped defaults (application.properties) unless overridden. */
    private static String describe(Properties config) throws java.io.IOException {
        Properties shipped = new Properties();
        try (var in = PipelineBench.class.getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }
        List<String> keys = new ArrayList<>();
        for (String key : List.of("ccx.envs", "ccx.sqs.max-messages", "ccx.sqs.consumers", "ccx.archive-sync.consumers",
                "ccx.archive-sync.parallelism", "ccx.archive-sync.max-poll-records", "ccx.analysis.consumers",
                "ccx.analysis.parallelism", "ccx.analysis.max-poll-records", "ccx.analysis.idempotency",
                "ccx.parquet.max-poll-records", "camel.component.kafka.linger-ms")) {
            String value = config.getProperty(key, shipped.getProperty(key));
            if (value != null) {
                keys.add(key + "=" + value.strip() + (config.getProperty(key) == null ? "" : " (set by the benchmark)"));
            }
        }
        return String.join(", ", keys);
    }

    /** The bare work per archive: S3 GET → Ceph PUT, then rules + features + row mapping on the same bytes. */
    private double bare(List<Upload> uploads, String ingress, String datahub, int threads) throws Exception {
        RulesService rules = RulesService.fromServiceLoader(Set.of(), new SimpleMeterRegistry());
        FeaturesService features = FeaturesService.standard();
        ArchiveReader reader = new ArchiveReader(ArchiveLimits.defaults());
        FileSelector both = rules.requiredFiles().union(features.requiredFiles());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (Upload upload : uploads) {
                done.add(pool.submit(() -> {
                    byte[] bytes = awsS3.getObjectAsBytes(b -> b.bucket(ingress).key(upload.key().toString())).asByteArray();
                    String path = CephPath.of(upload.key()).toString();
                    cephS3.putObject(b -> b.bucket(datahub).key(path), RequestBody.fromBytes(bytes));
                    ArchiveFiles files = reader.read(new ByteArrayInputStream(bytes), both);
                    ArchiveMetadata metadata = new ArchiveMetadata(upload.clusterId(), ORG);
                    MAPPING.fromRules(rules.analyse(files, path, metadata));
                    MAPPING.fromFeatures(features.extract(files, path, metadata));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            pool.shutdown();
        }
    }

    private List<Upload> upload(BenchArchives generator, String bucket, int from, int count, LocalDateTime hour) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Upload>> futures = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                int index = i;
                LocalDateTime at = hour.plusSeconds((index - from) % 3600);
                futures.add(pool.submit(() -> {
                    String cluster = BenchArchives.clusterId(index);
                    byte[] bytes = generator.withClusterId(cluster);
                    S3Key key = new S3Key(ORG, cluster, at, HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("MD5").digest(cluster.getBytes())));
                    String eTag = awsS3.putObject(b -> b.bucket(bucket).key(key.toString()).contentType("application/gzip"),
                            RequestBody.fromBytes(bytes)).eTag().replace("\"", "");
                    return new Upload(cluster, key, bytes.length, eTag);
                }));
            }
            List<Upload> out = new ArrayList<>();
            for (Future<Upload> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    /** S3 event notifications as AWS shapes them, ten per SendMessageBatch; the send time is kept per cluster. */
    private static void send(SqsClient sqs, String queueUrl, String bucket, List<Upload> uploads, Map<String, Long> sent) {
        for (int i = 0; i < uploads.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (Upload upload : uploads.subList(i, Math.min(uploads.size(), i + 10))) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                        .messageBody(S3Events.objectCreated(bucket, upload.key().toString(), upload.size(), upload.eTag())).build());
                sent.put(upload.clusterId(), now);
            }
            var result = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (!result.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused messages: " + result.failed());
            }
        }
    }

    /** p50 / p99 (ms) of each hop for the given archives: S3 event → archive-new → archive-synced → rules-results. */
    private static String stageLatencies(List<Upload> uploads, Map<String, Long> sent, List<ConsumerRecord<String, String>> news,
                                         List<ConsumerRecord<String, String>> synced, List<ConsumerRecord<String, String>> rules) {
        Map<String, Long> atNew = first(news);
        Map<String, Long> atSynced = first(synced);
        Map<String, Long> atRules = first(rules);
        List<long[]> hops = List.of(new long[uploads.size()], new long[uploads.size()], new long[uploads.size()]);
        int n = 0;
        for (Upload upload : uploads) {
            String c = upload.clusterId();
            if (atNew.containsKey(c) && atSynced.containsKey(c) && atRules.containsKey(c)) {
                hops.get(0)[n] = atNew.get(c) - sent.get(c);
                hops.get(1)[n] = atSynced.get(c) - atNew.get(c);
                hops.get(2)[n] = atRules.get(c) - atSynced.get(c);
                n++;
            }
        }
        List<String> names = List.of("S3 event → archive-new", "→ archive-synced", "→ rules-results");
        List<String> out = new ArrayList<>();
        for (int h = 0; h < 3; h++) {
            long[] ms = java.util.Arrays.copyOf(hops.get(h), n);
            java.util.Arrays.sort(ms);
            out.add(n == 0 ? names.get(h) + " n/a" : String.format("%s p50 %d ms, p99 %d ms", names.get(h),
                    ms[(int) Math.round(0.50 * (n - 1))], ms[(int) Math.round(0.99 * (n - 1))]));
        }
        return String.join("; ", out);
    }

    private static Map<String, Long> first(List<ConsumerRecord<String, String>> seen) {
        Map<String, Long> at = new HashMap<>();
        seen.forEach(s -> at.merge(s.key(), s.timestamp(), Math::min));
        return at;
    }

    /** p50 and p99 (ms) from the S3 event's send to the rules-results record's timestamp. */
    private static double[] latencies(List<ConsumerRecord<String, String>> seen, List<Upload> uploads, Map<String, Long> sent) {
        Set<String> clusters = new java.util.HashSet<>();
        uploads.forEach(u -> clusters.add(u.clusterId()));
        long[] ms = seen.stream().filter(s -> clusters.contains(s.key())).mapToLong(s -> s.timestamp() - sent.get(s.key()))
                .sorted().toArray();
        if (ms.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {ms[(int) Math.min(ms.length - 1, Math.round(0.50 * (ms.length - 1)))],
                ms[(int) Math.min(ms.length - 1, Math.round(0.99 * (ms.length - 1)))]};
    }

    private void createTopics(TopicNames names, Topology topology, String deadLetter) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        List<String> channels = topology == Topology.Y2024
                ? List.of(TopicNames.ARCHIVE_NEW, TopicNames.IO_ARCHIVE_NEW, TopicNames.OLS_ARCHIVE_NEW, TopicNames.ARCHIVE_SYNCED,
                        TopicNames.RULES_RESULTS)
                : List.of(TopicNames.ARCHIVE_NEW, TopicNames.ARCHIVE_SYNCED, TopicNames.RULES_RESULTS, TopicNames.FEATURES);
        for (String channel : channels) {
            names.topics(channel).forEach(t -> topics.add(new NewTopic(t, partitions, (short) 1)));
        }
        topics.add(new NewTopic(deadLetter, 1, (short) 1));
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get();
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        return Admin.create(p);
    }

    /**
     * Waits until each consumer group has committed everything of its topics: the Parquet factory's rows
     * are in its store (and, in the 2024 shape, the rules uploader has written every file).
     */
    private void awaitConsumed(Map<String, List<String>> groups) throws Exception {
        String[] last = {"nothing read"};
        try (Admin admin = admin()) {
            // each check is a few admin requests to the broker the pipeline uses
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100)).pollInSameThread().until(() -> {
                for (var group : groups.entrySet()) {
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    for (String topic : group.getValue()) {
                        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                    }
                    var ends = admin.listOffsets(latest).all().get();
                    Map<TopicPartition, OffsetAndMetadata> committed =
                            admin.listConsumerGroupOffsets(group.getKey()).partitionsToOffsetAndMetadata().get();
                    last[0] = group.getKey() + ": " + committed + " vs " + ends;
                    for (var end : ends.entrySet()) {
                        OffsetAndMetadata c = committed.get(end.getKey());
                        if (end.getValue().offset() > 0 && (c == null || c.offset() < end.getValue().offset())) {
                            return false;
                        }
                    }
                }
                return true;
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the pipeline's last consumers did not catch up: " + last[0]);
        }
    }

    /** Rows and files of the {@code archives} table for one hour, read back from the Parquet bucket. */
    private long[] parquetArchiveRows(String bucket, String date, String hour) throws Exception {
        String prefix = "fleet_aggregations/archives/hourly/date=" + date + "/hour=" + hour + "/";
        long rows = 0;
        long files = 0;
        Path tmp = Files.createTempDirectory("bench-parquet-");
        for (S3Object object : cephS3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            Path file = tmp.resolve("f.parquet");
            Files.deleteIfExists(file);
            cephS3.getObject(b -> b.bucket(bucket).key(object.key()), file);
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
                rows += reader.getRecordCount();
            }
            files++;
            Files.delete(file);
        }
        Files.delete(tmp);
        return new long[] {rows, files};
    }

    static void emptyBucket(S3Client s3, String bucket) {
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
                s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
            }
        } catch (RuntimeException e) {
            Bench.log("could not empty bucket %s: %s", bucket, e.getMessage());
        }
    }

    // ------------------------------------------------------------------ archive sync

    record SyncRow(String label, long objectBytes, int objects, double routeSeconds, double bareSeconds) {
        double ratio() {
            return bareSeconds / routeSeconds;
        }
    }

    /** The archive-sync route (Kafka in, Ceph copy, Kafka out, commit) against a bare GET → PUT loop, one thread each. */
    List<SyncRow> archiveSync(List<Object[]> sizes, int rounds) throws Exception {
        return archiveSync(sizes, rounds, Map.of());
    }

    /** The same, with settings over the shipped ones (e.g. {@code ccx.archive-sync.consumers=2} for the scaling row). */
    List<SyncRow> archiveSync(List<Object[]> sizes, int rounds, Map<String, String> settings) throws Exception {
        String prefix = "bench-sync-" + System.currentTimeMillis();
        Properties config = PipelineUnderTest.config(kafka, sqs, aws, ceph, prefix);
        config.setProperty("ccx.envs", "prod");
        config.setProperty("ccx.stages.sqs-listener", "false");
        tuning.forEach(config::setProperty);
        settings.forEach(config::setProperty);
        String ingress = config.getProperty("ccx.aws-s3.bucket");
        String datahub = config.getProperty("ccx.ceph.bucket");
        awsS3.createBucket(b -> b.bucket(ingress));
        cephS3.createBucket(b -> b.bucket(datahub));
        TopicNames names = new TopicNames(config.getProperty("ccx.topic.pattern"), "prod");
        createTopics(names, Topology.BASELINE, config.getProperty("ccx.topic.dead-letter"));
        String newTopic = names.topics(TopicNames.ARCHIVE_NEW).get(0);
        AtomicInteger serial = new AtomicInteger();
        Properties pp = new Properties();
        pp.put("bootstrap.servers", kafka.bootstrapServers());
        pp.put("key.serializer", StringSerializer.class.getName());
        pp.put("value.serializer", StringSerializer.class.getName());
        pp.put("linger.ms", "0");
        List<SyncRow> rows = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp);
             TopicTail synced = new TopicTail(kafka.bootstrapServers(), List.of(names.topics(TopicNames.ARCHIVE_SYNCED).get(0)), false);
             PipelineUnderTest pipeline = PipelineUnderTest.start(config)) {
            byte[] sample = archive.SampleArchive.originalBytes();
            // Warm-up of both paths.
            List<S3Key> warm = put(ingress, sample, 20, serial);
            produce(producer, newTopic, warm);
            synced.await(names.topics(TopicNames.ARCHIVE_SYNCED).get(0), warm.size(), Duration.ofMinutes(3));
            bareCopy(put(ingress, sample, 20, serial), ingress, datahub);
            int expected = warm.size();
            for (Object[] size : sizes) {
                String label = (String) size[0];
                byte[] bytes = size[1] == null ? sample : random((Integer) size[1]);
                int count = (Integer) size[2];
                double bestRoute = Double.MAX_VALUE;
                double bestBare = Double.MAX_VALUE;
                for (int round = 0; round < rounds; round++) {
                    List<S3Key> bareKeys = put(ingress, bytes, count, serial);
                    bestBare = Math.min(bestBare, bareCopy(bareKeys, ingress, datahub));
                    List<S3Key> routeKeys = put(ingress, bytes, count, serial);
                    long t0 = System.currentTimeMillis();
                    produce(producer, newTopic, routeKeys);
                    expected += count;
                    long end = synced.await(names.topics(TopicNames.ARCHIVE_SYNCED).get(0), expected, Duration.ofMinutes(20)).stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
                    bestRoute = Math.min(bestRoute, (end - t0) / 1000.0);
                }
                Bench.log("sync %s x%d: route %.2f s, bare %.2f s", label, count, bestRoute, bestBare);
                rows.add(new SyncRow(label, bytes.length, count, bestRoute, bestBare));
                emptyBucket(awsS3, ingress);
                emptyBucket(cephS3, datahub);
            }
        } finally {
            emptyBucket(awsS3, ingress);
            emptyBucket(cephS3, datahub);
        }
        return rows;
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private List<S3Key> put(String bucket, byte[] bytes, int count, AtomicInteger serial) {
        List<S3Key> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = serial.incrementAndGet();
            String cluster = BenchArchives.clusterId(1_000_000 + n);
            S3Key key = new S3Key(ORG, cluster, LocalDateTime.parse("2024-03-15T08:00:00").plusSeconds(n % 3600),
                    String.format("%032x", n));
            awsS3.putObject(b -> b.bucket(bucket).key(key.toString()), RequestBody.fromBytes(bytes));
            keys.add(key);
        }
        return keys;
    }

    private static void produce(KafkaProducer<String, String> producer, String topic, List<S3Key> keys) throws Exception {
        List<Future<?>> acks = new ArrayList<>();
        int id = 1;
        for (S3Key key : keys) {
            String value = "{\"cluster_id\":\"" + key.clusterId() + "\",\"path\":\"" + key + "\",\"sqs_message_id\":" + id++ + "}";
            acks.add(producer.send(new ProducerRecord<>(topic, key.clusterId(), value)));
        }
        for (Future<?> ack : acks) {
            ack.get();
        }
    }

    /** The floor: stream each object from the AWS bucket into Ceph with the SDK, one after the other. */
    private double bareCopy(List<S3Key> keys, String ingress, String datahub) throws Exception {
        long t0 = System.nanoTime();
        for (S3Key key : keys) {
            try (ResponseInputStream<GetObjectResponse> in = awsS3.getObject(b -> b.bucket(ingress).key(key.toString()))) {
                cephS3.putObject(b -> b.bucket(datahub).key("bare/" + key), RequestBody.fromInputStream(in, in.response().contentLength()));
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}

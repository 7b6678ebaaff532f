package hostile;

import config.SqsConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import devservers.CephRgwServer;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.S3Credentials;
import devservers.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import model.Json;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.aggregate.AggregateController;
import org.apache.camel.Route;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import pipeline.DeadLetter;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import testing.ArchiveMessages;
import testing.PipelineUnderTest;
import testing.RealServers;
import testing.S3Events;
import testing.TarGz;
import testing.TopicTail;
import thanos.FakeThanos;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Issue 8, the hostile-input corpus: one real pipeline (every stage on, one environment) on the
 * real servers gets a batch of hostile inputs on every input it has — SQS S3-event bodies, the
 * Kafka topics it consumes (archive-new, archive-synced, platform.upload.buckit, rules-results,
 * features), archives in Ceph and answers of a Thanos endpoint. Each input must be dead-lettered
 * once with a reason that says what was wrong (Thanos: a logged rejection), the process must keep
 * running, every consumer must commit past the hostile records, a good input sent after the corpus
 * must still go all the way through, and no secret may show in a log line or a dead-letter record.
 * The cases are listed in {@code src/test/resources/hostile/README.md}.
 */
@ExtendWith(RealServers.class)
class HostileInputIT {
    static final String PREFIX = "it-hostile";
    static final String CLUSTER = "d669cb71-8256-4e8b-a8df-333a5e2dd753";
    static final String ORG = "7307752";
    static final String GOOD_KEY = ORG + "/" + CLUSTER + "/20240315081522-113ebefe3cdd4a62b9d0e094213bf9e9";
    static final String GOOD_CEPH = ceph("081522");

    static final String SQS_SECRET = "sqs-SECRET-" + UUID.randomUUID();
    static final String THANOS_TOKEN = "tok-SECRET-" + UUID.randomUUID();

    /** Dead-letter reasons stay readable (and the record within Kafka's size limit) however big the input. */
    static final int MAX_REASON = DeadLetter.MAX_REASON_CHARS;

    static final String SQS = "sqs-listener";
    static final String SYNC = "archive-sync";
    static final String ANALYSIS = "archive-analysis";
    static final String UPLOAD = "upload-listener";
    static final String PARQUET = "parquet-input";

    /** One hostile input and what the dead-letter topic must say about it. */
    record Case(String id, String input, String route, Predicate<ConsumerRecord<String, String>> match, List<String> reason) {
    }

    private final List<Case> cases = new ArrayList<>();
    private KafkaProducer<String, byte[]> producer;
    private SqsClient sqs;
    private String queueUrl;

    static String topic(String channel) {
        return PREFIX + "-ccx-prod-insights-operator-" + channel;
    }

    static String ceph(String hhmmss) {
        return "archives/compressed/d6/" + CLUSTER + "/202403/15/" + hhmmss + ".tar.gz";
    }

    static String s3Key(String stamp, String hex) {
        return ORG + "/" + CLUSTER + "/" + stamp + "-" + hex;
    }

    static String synced(String path) {
        return ArchiveMessages.archiveSynced(path, GOOD_KEY);
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    // ---- sending -------------------------------------------------------------------------------

    /** Sends without waiting (the batch is flushed once); the source is known once the send is acknowledged. */
    private Predicate<ConsumerRecord<String, String>> kafkaCase(String topic, byte[] value) {
        java.util.concurrent.Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic, CLUSTER, value));
        return r -> {
            try {
                RecordMetadata m = sent.get();
                return ("kafka:" + topic + "/" + m.partition() + "@" + m.offset()).equals(header(r, DeadLetter.SOURCE));
            } catch (Exception e) {
                throw new IllegalStateException("send of a " + topic + " case failed", e);
            }
        };
    }

    private void kafka(String id, String input, String route, String topic, String value, String... reason) throws Exception {
        kafka(id, input, route, topic, value.getBytes(StandardCharsets.UTF_8), reason);
    }

    private void kafka(String id, String input, String route, String topic, byte[] value, String... reason) throws Exception {
        cases.add(new Case(id, input, route, kafkaCase(topic, value), List.of(reason)));
    }

    private void sqs(String id, String input, String body, String... reason) {
        String messageId = sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId();
        cases.add(new Case(id, input, SQS, r -> ("sqs:" + messageId).equals(header(r, DeadLetter.SOURCE)), List.of(reason)));
    }

    /** An archive put in Ceph at {@code path}, announced on archive-synced. */
    private void archive(S3Client ceph, String id, String input, String hhmmss, byte[] bytes, String... reason) throws Exception {
        String path = ceph(hhmmss);
        ceph.putObject(b -> b.bucket(PREFIX + "-datahub").key(path), RequestBody.fromBytes(bytes));
        kafka(id, input, ANALYSIS, topic("archive-synced"), synced(path), reason);
    }

    // ---- the test ------------------------------------------------------------------------------

    @Test
    void hostileInputsAreDeadLetteredWithTheirReasonAndTheGoodOnesStillFlow(EmbeddedKafka kafka, EmbeddedSqs sqsServer,
            S3ProxyServer aws, CephRgwServer cephServer, @TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        Properties config = PipelineUnderTest.config(kafka, sqsServer, aws, cephServer, PREFIX, "ccx.envs=prod",
                "ccx.sqs.access-key=sqs-access-hostile", "ccx.sqs.secret-key=" + SQS_SECRET, "ccx.stages.upload-listener=true",
                "ccx.topic.upload-announcements=" + PREFIX + "-platform.upload.buckit", "ccx.stages.rules=true",
                "ccx.stages.features=true", "ccx.analysis.idempotency=memory", "ccx.retry.max-redeliveries=2",
                "ccx.retry.initial-delay-ms=100",
                // Consumers stop within a short poll: the pipeline shuts down in seconds, not one 5 s poll per consumer.
                "camel.component.kafka.poll-timeout-ms=500",
                "ccx.archive-sync.max-archive-bytes=" + (4L << 20), "ccx.archive.max-total-bytes=" + (32L << 20),
                "ccx.archive.max-entry-bytes=" + (8L << 20), "ccx.archive.max-entries=2000", "ccx.stages.parquet-factory=true");
        S3Credentials a = aws.credentials();
        config.setProperty("ccx.parquet.s3.endpoint", a.endpoint());
        config.setProperty("ccx.parquet.s3.access-key", a.accessKey());
        config.setProperty("ccx.parquet.s3.secret-key", a.secretKey());
        config.setProperty("ccx.parquet.s3.bucket", PREFIX + "-tables");
        config.setProperty("ccx.parquet.state-dir", tmp.resolve("state").toString());
        config.setProperty("ccx.parquet.grace-ms", Long.toString(Duration.ofDays(36500).toMillis()));
        Path tokenFile = tmp.resolve("thanos-token");
        Files.writeString(tokenFile, THANOS_TOKEN + "\n");
        config.setProperty("ccx.stages.thanos-poll", "true");
        config.setProperty("ccx.thanos.token-file", tokenFile.toString());
        config.setProperty("ccx.thanos.ledger-file", tmp.resolve("thanos.json").toString());
        config.setProperty("ccx.thanos.backfill-hours", "48");
        config.setProperty("ccx.thanos.max-hours-per-poll", "1");
        config.setProperty("ccx.thanos.settle-delay-ms", "0");
        config.setProperty("ccx.thanos.poll-interval-ms", "250");
        List<String> secrets = List.of(RealServers.S3_SECRET_KEY, RealServers.CEPH_SECRET_KEY, SQS_SECRET, THANOS_TOKEN);

        S3Client awsS3 = a.client();
        S3Client cephS3 = cephServer.credentials().client();
        awsS3.createBucket(b -> b.bucket(PREFIX + "-ingress"));
        awsS3.createBucket(b -> b.bucket(PREFIX + "-tables"));
        cephS3.createBucket(b -> b.bucket(PREFIX + "-datahub"));
        byte[] sample = archive.SampleArchive.originalBytes();
        awsS3.putObject(b -> b.bucket(PREFIX + "-ingress").key(GOOD_KEY), RequestBody.fromBytes(sample));
        String tooLargeKey = s3Key("20240315090000", "0000000000000000000000000000b16b");
        byte[] tooLarge = new byte[5 << 20];
        new Random(8).nextBytes(tooLarge);
        awsS3.putObject(b -> b.bucket(PREFIX + "-ingress").key(tooLargeKey), RequestBody.fromBytes(tooLarge));

        sqs = SqsConnection.client(sqsServer.endpoint(), "us-east-1", "test", "test");
        queueUrl = sqs.createQueue(b -> b.queueName(PREFIX + "-queue")).queueUrl();
        List<String> inputTopics = List.of(topic("archive-new"), topic("archive-synced"), topic("archive-rules-results"),
                topic("archive-features"), PREFIX + "-platform.upload.buckit", PREFIX + "-dead-letter",
                PREFIX + "-ccx-stage-insights-operator-archive-new");
        createTopics(kafka.bootstrapServers(), inputTopics);

        FakeThanos thanos = FakeThanos.serving(thanosScript());
        config.setProperty("ccx.thanos.url", thanos.url());
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("max.request.size", Integer.toString(2 << 20));
        producer = new KafkaProducer<>(p);

        try (LogCapture logs = LogCapture.open(); FakeThanos fake = thanos; KafkaProducer<String, byte[]> sends = producer;
             PipelineUnderTest pipeline = PipelineUnderTest.start(config)) {
            long started = System.nanoTime();
            sendSqsCases();
            sendArchiveNewCases();
            sendArchiveSyncedCases();
            sendArchiveCases(cephS3);
            sendUploadCases();
            sendParquetCases();
            Map<String, String> fleet = sendFleetVariants(cephS3);
            // Not dead-lettered: inputs the pipeline must ignore or read without following.
            producer.send(new ProducerRecord<>(PREFIX + "-ccx-stage-insights-operator-archive-new", CLUSTER,
                    ("{\"cluster_id\":\"" + CLUSTER + "\",\"path\":\"" + s3Key("20240315091000", "0000000000000000000000000000e401")
                            + "\",\"sqs_message_id\":1}").getBytes(StandardCharsets.UTF_8))).get();
            String symlinked = ceph("110001");
            String hardlinked = ceph("110002");
            cephS3.putObject(b -> b.bucket(PREFIX + "-datahub").key(symlinked), RequestBody.fromBytes(new TarGz()
                    .symlink("config/version.json", "/etc/passwd").file("config/id", CLUSTER).bytes()));
            cephS3.putObject(b -> b.bucket(PREFIX + "-datahub").key(hardlinked), RequestBody.fromBytes(new TarGz()
                    .file("config/id", CLUSTER).hardlink("config/infrastructure.json", "../../../../etc/shadow").bytes()));
            producer.send(new ProducerRecord<>(topic("archive-synced"), CLUSTER, synced(symlinked).getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(topic("archive-synced"), CLUSTER, synced(hardlinked).getBytes(StandardCharsets.UTF_8))).get();

            producer.flush();
            // After the corpus: a good S3 event, which must travel SQS → … → rules-results → Parquet.
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(S3Events.keys(PREFIX + "-ingress", 1, GOOD_KEY)));
            System.out.printf("[hostile] %d dead-letter cases sent in %.1f s%n", cases.size(), (System.nanoTime() - started) / 1e9);

            List<ConsumerRecord<String, String>> dead = TopicTail.read(kafka.bootstrapServers(), PREFIX + "-dead-letter",
                    cases.size(), Duration.ofSeconds(90));
            System.out.printf("[hostile] %d dead-letter records after %.1f s%n", dead.size(), (System.nanoTime() - started) / 1e9);

            SoftAssertions soft = new SoftAssertions();
            StringBuilder table = new StringBuilder();
            List<ConsumerRecord<String, String>> unmatched = new ArrayList<>(dead);
            for (Case c : cases) {
                List<ConsumerRecord<String, String>> hits = dead.stream().filter(c.match()).toList();
                unmatched.removeAll(hits);
                String reason = hits.isEmpty() ? "<none>" : header(hits.get(0), DeadLetter.REASON);
                table.append(String.format("%-4s %-16s %-60.60s -> %s%n", c.id(), hits.isEmpty() ? "-" : header(hits.get(0), DeadLetter.ROUTE),
                        c.input(), reason == null ? "<no reason>" : reason.length() > 300 ? reason.substring(0, 300) + "…" : reason));
                soft.assertThat(hits).as("%s (%s): dead-lettered exactly once", c.id(), c.input()).hasSize(1);
                if (hits.size() == 1) {
                    soft.assertThat(header(hits.get(0), DeadLetter.ROUTE)).as("%s route", c.id()).isEqualTo(c.route());
                    for (String fragment : c.reason()) {
                        soft.assertThat(reason.toLowerCase(Locale.ROOT)).as("%s reason", c.id())
                                .contains(fragment.toLowerCase(Locale.ROOT));
                    }
                    soft.assertThat(reason.length()).as("%s reason is bounded", c.id()).isLessThanOrEqualTo(MAX_REASON);
                }
            }
            System.out.println("[hostile] case / route / input -> reason\n" + table);
            soft.assertThat(unmatched).as("dead letters of no case: %s", unmatched.stream()
                    .map(r -> header(r, DeadLetter.ROUTE) + ": " + header(r, DeadLetter.REASON)).toList()).isEmpty();

            // The good archive went all the way: archive-synced, rules-results, features.
            var syncedOut = TopicTail.read(kafka.bootstrapServers(), topic("archive-synced"), 1, Duration.ofSeconds(5));
            var rules = TopicTail.read(kafka.bootstrapServers(), topic("archive-rules-results"), 3, Duration.ofSeconds(60));
            var features = TopicTail.read(kafka.bootstrapServers(), topic("archive-features"), 1, Duration.ofSeconds(30));
            soft.assertThat(syncedOut).extracting(ConsumerRecord::value).anyMatch(v -> v.contains("\"path\":\"" + GOOD_CEPH + "\""));
            soft.assertThat(rules).extracting(ConsumerRecord::value).as("rules-results of the good archive")
                    .anyMatch(v -> v.startsWith("{\"path\":\"" + GOOD_CEPH + "\""));
            soft.assertThat(features).extracting(ConsumerRecord::value).as("features of the good archive")
                    .anyMatch(v -> v.startsWith("{\"path\":\"" + GOOD_CEPH + "\""));
            // Links are never followed: the archives are read, the link entries left out.
            soft.assertThat(rules).extracting(ConsumerRecord::value).as("symlinked archive analysed")
                    .anyMatch(v -> v.startsWith("{\"path\":\"" + symlinked + "\""));
            soft.assertThat(rules).extracting(ConsumerRecord::value).as("hard-linked archive analysed")
                    .anyMatch(v -> v.startsWith("{\"path\":\"" + hardlinked + "\""));
            soft.assertThat(logs.matching("/etc/passwd")).as("the symlink target is never read").noneMatch(l -> l.contains("root:x:0:0"));

            // Every consumer committed past every hostile record: nothing is stuck behind one.
            awaitCommitted(kafka.bootstrapServers(), Map.of(
                    PREFIX + "-archive-sync", List.of(topic("archive-new")),
                    PREFIX + "-analysis", List.of(topic("archive-synced")),
                    PREFIX + "-upload-listener", List.of(PREFIX + "-platform.upload.buckit"),
                    PREFIX + "-parquet-factory", List.of(topic("archive-rules-results"), topic("archive-features"))), soft);
            CamelContext camel = pipeline.main().getCamelContext();
            // Complete the good archive's rule_hits hour only (one file, not every table of every hour).
            camel.getRegistry().lookupByNameAndType("parquetAggregateController", AggregateController.class)
                    .forceCompletionOfGroup("rule_hits/2024-03-15T08");
            camel.getRegistry().lookupByNameAndType("parquetSpillStore", aggregation.SpillStore.class).awaitWritten();
            soft.assertThat(keys(awsS3, PREFIX + "-tables", "fleet_aggregations/rule_hits/hourly/date=2024-03-15/hour=08/"))
                    .as("the good archive's rule hits are in Parquet").isNotEmpty();

            // Accepted, not dead-lettered: the fleet's odd archives (newer platforms, no channel, no MTU,
            // no network config, odd versions) each have their cluster_info row in the hour's file.
            camel.getRegistry().lookupByNameAndType("parquetAggregateController", AggregateController.class)
                    .forceCompletionOfGroup("cluster_info/" + FLEET_HOUR);
            camel.getRegistry().lookupByNameAndType("parquetSpillStore", aggregation.SpillStore.class).awaitWritten();
            Set<String> withClusterInfo = new TreeSet<>();
            for (String key : keys(awsS3, PREFIX + "-tables", "fleet_aggregations/cluster_info/hourly/date=2024-03-15/hour=12/")) {
                Path file = tmp.resolve(key.substring(key.lastIndexOf('/') + 1));
                Files.write(file, awsS3.getObjectAsBytes(b -> b.bucket(PREFIX + "-tables").key(key)).asByteArray());
                try (var reader = org.apache.parquet.avro.AvroParquetReader.<org.apache.avro.generic.GenericRecord>builder(
                        new org.apache.parquet.io.LocalInputFile(file)).build()) {
                    for (var row = reader.read(); row != null; row = reader.read()) {
                        withClusterInfo.add(row.get("cluster_id") + " " + row.get("platform"));
                    }
                }
            }
            soft.assertThat(withClusterInfo).as("one cluster_info row set per fleet variant, platform as sent")
                    .containsAll(fleet.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
            var meters = camel.getRegistry().lookupByNameAndType("metricsRegistry", io.micrometer.core.instrument.MeterRegistry.class);
            soft.assertThat(meters.find(aggregation.MessageRows.REJECTED_METER).tag("table", "cluster_info").counters())
                    .as("no cluster_info row rejected").isEmpty();
            var testEvents = meters.find("ccx.sqs.s3.test.events").counter();
            soft.assertThat(testEvents == null ? 0 : testEvents.count()).as("the S3 test event counted, not dead-lettered")
                    .isEqualTo(1.0);

            // The environment this process does not serve is not consumed at all.
            soft.assertThat(TopicTail.read(kafka.bootstrapServers(), PREFIX + "-ccx-stage-insights-operator-archive-synced",
                    1, Duration.ofMillis(200))).isEmpty();

            // Thanos: every hostile answer rejected in the log, the poll still writes the good hour afterwards.
            List<String> thanosFiles = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).pollInSameThread()
                    .until(() -> keys(awsS3, PREFIX + "-tables", "fleet_aggregations/cluster_thanos_info/"), files -> !files.isEmpty());
            soft.assertThat(thanos.scriptDone()).as("every scripted Thanos answer was served").isTrue();
            soft.assertThat(thanosFiles).as("a good Thanos hour written after the hostile answers").isNotEmpty();
            soft.assertThat(thanos.authorizations()).as("the bearer token is sent").allMatch(h -> h.equals("Bearer " + THANOS_TOKEN));
            assertThanosRejections(logs, soft);

            for (Route route : camel.getRoutes()) {
                soft.assertThat(camel.getRouteController().getRouteStatus(route.getRouteId()).isStarted())
                        .as("route %s still started", route.getRouteId()).isTrue();
            }
            soft.assertThat(camel.getStatus().isStarted()).as("the pipeline kept running").isTrue();

            // No secret anywhere: not in a log line, not in a dead-letter header or body.
            for (String secret : secrets) {
                soft.assertThat(logs.lines()).as("log lines containing secret %s…", secret.substring(0, 6))
                        .noneMatch(l -> l.contains(secret));
                for (ConsumerRecord<String, String> r : dead) {
                    soft.assertThat(r.value()).as("dead-letter body").doesNotContain(secret);
                    for (Header h : r.headers()) {
                        soft.assertThat(new String(h.value(), StandardCharsets.UTF_8)).as("dead-letter header %s", h.key())
                                .doesNotContain(secret);
                    }
                }
            }
            System.out.printf("[hostile] %d cases, %d log lines checked, %.1f s in all%n", cases.size(), logs.lines().size(),
                    (System.nanoTime() - t0) / 1e9);
            soft.assertAll();
        }
    }

    // ---- the corpus ----------------------------------------------------------------------------

    private void sendSqsCases() {
        String ingress = PREFIX + "-ingress";
        sqs("S01", "SQS body that is not JSON", "S01 <xml>not an S3 event</xml>", "not JSON");
        sqs("S02", "SQS body a JSON array", "[\"S02\",1,2]", "s3-event-notification", "object");
        sqs("S03", "Records is a string", "{\"Records\":\"S03\"}", "Records", "array");
        sqs("S04", "no Records, no Event", "{\"S04\":true,\"Message\":\"hello\"}", "Records");
        sqs("S05", "empty Records", "{\"Records\":[],\"S05\":1}", "without Records");
        sqs("S06", "record without s3.object.key", "{\"Records\":[{\"s3\":{\"object\":{\"size\":1,\"eTag\":\"S06\"}}}]}", "key");
        sqs("S07", "s3.object.key is a number", S3Events.rawKey(ingress, "7307752"), "key", "string");
        sqs("S08", "key with path traversal", S3Events.rawKey(ingress, "\"../../etc/passwd\""), "not an archive key", "../../etc/passwd");
        sqs("S09", "key with an impossible timestamp", S3Events.rawKey(ingress,
                "\"" + s3Key("20241399250000", "0000000000000000000000000000000b") + "\""), "bad timestamp");
        sqs("S10", "key of another layout (upload/<hex>)", S3Events.rawKey(ingress, "\"upload/1234567890abcdef1234567890abcdef\""),
                "not an archive key", "upload/1234567890abcdef");
        sqs("S11", "key with invalid UTF-8 (lone surrogate escapes)", S3Events.rawKey(ingress,
                "\"7307752/\\udc80\\udcff/S11\""), "not an archive key");
        sqs("S12", "JSON nested 5000 deep", "{\"Records\":" + nested(5000) + "}", "not JSON", "nesting depth");
        sqs("S13", "200 KB body: one 200 KB key", S3Events.rawKey(ingress, "\"" + "S13".repeat(70_000) + "\""), "not an archive key");
        // S14, the S3 test event, is no dead letter: skipped, counted and deleted (contract §4.3), checked at the end.
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\","
                + "\"Time\":\"2021-02-01T18:00:00.000Z\",\"Bucket\":\"S14\",\"RequestId\":\"5582816E2AEA6FDF\",\"HostId\":\"x\"}"));
        sqs("S15", "test event with a missing field (closed branch: RequestId, HostId)",
                "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"S15\",\"Bucket\":\"b\"}", "RequestId");
        sqs("S16", "Records item is a string", "{\"Records\":[\"S16\"]}", "Records[0]", "object");
        // An event of a bucket the pipeline does not read: the key is looked up in the configured bucket only.
        String otherBucketKey = s3Key("20240315092000", "00000000000000000000000000000b0c");
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(S3Events.keys("some-other-bucket", 1, otherBucketKey)));
        cases.add(new Case("S17", "event of an unknown bucket (key not in ours)", SYNC,
                r -> r.value().contains(otherBucketKey), List.of("is not in s3://" + PREFIX + "-ingress", otherBucketKey)));
    }

    private void sendArchiveNewCases() throws Exception {
        String t = topic("archive-new");
        String path = s3Key("20240315093000", "0000000000000000000000000000000a");
        kafka("N01", "archive-new not JSON", SYNC, t, "N01 {oops", "archive-new", "not JSON");
        kafka("N02", "sqs_message_id a string", SYNC, t, "{\"cluster_id\":\"" + CLUSTER + "\",\"path\":\"" + path
                + "\",\"sqs_message_id\":\"N02\"}", "sqs_message_id", "integer");
        kafka("N03", "path missing", SYNC, t, "{\"cluster_id\":\"" + CLUSTER + "\",\"sqs_message_id\":3}", "path", "required");
        kafka("N04", "extra field (closed schema)", SYNC, t, "{\"cluster_id\":\"" + CLUSTER + "\",\"path\":\"" + path
                + "\",\"sqs_message_id\":4,\"N04\":true}", "N04", "not defined in the schema");
        kafka("N05", "cluster_id not the path's cluster", SYNC, t, "{\"cluster_id\":\"00000000-0000-4000-8000-000000000005\","
                + "\"path\":\"" + path + "\",\"sqs_message_id\":5}", "cluster_id", "00000000-0000-4000-8000-000000000005");
        byte[] invalidUtf8 = concat(("{\"cluster_id\":\"" + CLUSTER + "\",\"path\":\"7307752/" + CLUSTER
                + "/20240315093000-N06").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, (byte) 0x28},
                "0000000000000000000000000000\",\"sqs_message_id\":6}".getBytes(StandardCharsets.UTF_8));
        kafka("N06", "invalid UTF-8 in path", SYNC, t, invalidUtf8, "path");
        kafka("N07", "JSON null", SYNC, t, "null", "empty payload");
        kafka("N08", "900 KB path", SYNC, t, "{\"cluster_id\":\"" + CLUSTER + "\",\"path\":\"" + "N08/".repeat(225_000)
                + "\",\"sqs_message_id\":8}", "path", "N08/N08/");
        // As big as the broker takes: the dead-letter copy adds headers to it.
        kafka("N11", "1 MB message (the broker's limit)", SYNC, t, "{\"cluster_id\":\"" + CLUSTER + "\",\"N11\":\""
                + "x".repeat(1_046_000) + "\"}", "N11", "not defined in the schema");
        kafka("N09", "JSON nested 5000 deep", SYNC, t, "{\"cluster_id\":" + nested(5000) + "}", "not JSON", "nesting depth");
        kafka("N10", "archive over max-archive-bytes", SYNC, t, "{\"cluster_id\":\"" + CLUSTER + "\",\"path\":\""
                + s3Key("20240315090000", "0000000000000000000000000000b16b") + "\",\"sqs_message_id\":10}", "over the limit");
    }

    private void sendArchiveSyncedCases() throws Exception {
        String t = topic("archive-synced");
        kafka("Y01", "archive-synced not JSON", ANALYSIS, t, "{\"path\": Y01", "archive-synced", "not JSON");
        kafka("Y02", "metadata missing", ANALYSIS, t, "{\"path\":\"" + ceph("100002") + "\",\"original_path\":\"" + GOOD_KEY + "\"}",
                "metadata", "required");
        kafka("Y03", "archive not in Ceph", ANALYSIS, t, synced(ceph("100003")), "is not in the Ceph bucket", "100003");
        kafka("Y04", "path of another cluster", ANALYSIS, t, synced("archives/compressed/00/00000000-0000-4000-8000-000000000004/202403/15/100004.tar.gz"),
                "00000000-0000-4000-8000-000000000004");
        kafka("Y05", "Ceph path with traversal", ANALYSIS, t, synced("archives/compressed/d6/../../../etc/passwd"), "path", "../../../etc/passwd");
        StringBuilder huge = new StringBuilder("{\"path\":\"" + ceph("100006") + "\"");
        for (int i = 0; i < 40_000; i++) {
            huge.append(",\"y").append(i).append("\":0");
        }
        kafka("Y06", "40 000 extra fields (huge violation list)", ANALYSIS, t, huge.append('}').toString(),
                "not defined in the schema", "more characters");
        kafka("Y07", "metadata.cluster_id a number", ANALYSIS, t, synced(ceph("100007")).replace("\"cluster_id\":\"" + CLUSTER + "\"",
                "\"cluster_id\":7"), "cluster_id", "string");
    }

    private void sendArchiveCases(S3Client ceph) throws Exception {
        byte[] sample = archive.SampleArchive.originalBytes();
        archive(ceph, "A01", "not gzip (a zip header)", "101001", "PK\u0003\u0004 A01 not a gzip".getBytes(StandardCharsets.UTF_8), "gzip");
        archive(ceph, "A02", "one-byte object", "101002", new byte[] {0x1f}, "gzip");
        archive(ceph, "A03", "truncated (first half of the sample)", "101003", TarGz.truncated(sample), "ends early");
        archive(ceph, "A04", "gzip CRC flipped", "101004", TarGz.badChecksum(sample), "corrupt");
        archive(ceph, "A05", "gzip of plain text, no tar", "101005",
                TarGz.gzip("A05 hello, not a tar".getBytes(StandardCharsets.UTF_8)), "not a tar archive");
        TarGz bomb = new TarGz();
        for (int i = 0; i < 6; i++) {
            bomb.zeros("config/bomb-" + i, 7L << 20);
        }
        archive(ceph, "A06", "gzip bomb: 42 MiB of zeros in ~40 KB", "101006", bomb.bytes(), "maxTotalBytes");
        archive(ceph, "A07", "tar path traversal ../../", "101007",
                new TarGz().file("config/id", CLUSTER).file("../../../etc/cron.d/evil", "* * * * * root sh").bytes(),
                "'..'", "../../../etc/cron.d/evil");
        archive(ceph, "A08", "absolute path /etc/passwd", "101008",
                new TarGz().file("/etc/passwd", "root:x:0:0").bytes(), "absolute", "/etc/passwd");
        archive(ceph, "A09", "backslash traversal ..\\..\\", "101009",
                new TarGz().file("..\\..\\evil.bat", "A09").bytes(), "'..'");
        archive(ceph, "A10", "one 9 MiB entry (limit 8 MiB)", "101010",
                new TarGz().zeros("config/huge.json", 9L << 20).bytes(), "config/huge.json", "maxEntryBytes");
        TarGz many = new TarGz();
        for (int i = 0; i < 2001; i++) {
            many.file("config/pod/p" + i + ".json", "{}");
        }
        archive(ceph, "A11", "2001 entries (limit 2000)", "101011", many.bytes(), "maxEntries");
        archive(ceph, "A12", "600-character entry path", "101012",
                new TarGz().file("config/" + "a".repeat(600), "A12").bytes(), "maxPathLength");
        archive(ceph, "A13", "sparse file entry", "101013",
                new TarGz().special("config/sparse", (byte) 'S').bytes(), "sparse", "config/sparse");
        byte[] garbage = concat(sample, "A14 trailing garbage after the gzip member".getBytes(StandardCharsets.UTF_8));
        archive(ceph, "A14", "trailing garbage after the gzip stream", "101014", garbage, "corrupt");
    }

    private void sendUploadCases() throws Exception {
        String t = PREFIX + "-platform.upload.buckit";
        String base = new String(getClass().getResourceAsStream("/examples/01_platform_upload_buckit/data_correct.json").readAllBytes(),
                StandardCharsets.UTF_8);
        kafka("U01", "announcement not JSON", UPLOAD, t, "U01 ]", "platform-upload-buckit", "not JSON");
        kafka("U02", "size is a string", UPLOAD, t, edit(base, o -> o.put("size", "U02")), "size", "integer");
        kafka("U03", "url missing", UPLOAD, t, edit(base, o -> o.remove("url")), "url", "required");
        kafka("U04", "extra field (closed schema)", UPLOAD, t, edit(base, o -> o.put("U04", 1)), "U04", "not defined in the schema");
        kafka("U05", "url of a foreign host", UPLOAD, t, edit(base, o -> o.put("url", "http://169.254.169.254/latest/meta-data/U05")),
                "url", "169.254.169.254");
        kafka("U06", "b64_identity not base64 JSON", UPLOAD, t, edit(base, o -> o.put("b64_identity", "U06!!not base64")),
                "b64_identity");
        String noCn = Base64.getEncoder().encodeToString(("{\"identity\":{\"internal\":{\"org_id\":\"123456\"},"
                + "\"account_number\":\"789000\",\"type\":\"System\"}}").getBytes(StandardCharsets.UTF_8));
        kafka("U07", "identity without system.cn (no cluster id)", UPLOAD, t, edit(base, o -> o.put("b64_identity", noCn)),
                "cluster id");
        kafka("U08", "timestamp not a timestamp", UPLOAD, t, edit(base, o -> o.put("timestamp", "U08")), "timestamp");
        kafka("U09", "900 KB category", UPLOAD, t, edit(base, o -> o.put("size", -1).put("category", "U09".repeat(300_000))), "size");
        kafka("U10", "JSON nested 5000 deep", UPLOAD, t, "{\"metadata\":" + nested(5000) + "}", "not JSON", "nesting depth");
        // Another service's upload: skipped and committed, not dead-lettered.
        producer.send(new ProducerRecord<>(t, null, edit(base, o -> o.put("service", "advisor")).getBytes(StandardCharsets.UTF_8))).get();
    }

    /** The hour of the fleet variants' archives: no other case uses it. */
    static final String FLEET_HOUR = "2024-03-15T12";

    /**
     * The fleet variants ({@link archive.FleetVariants}), each in Ceph under its own cluster and
     * announced on archive-synced. Returns cluster id → the platform its Infrastructure names.
     */
    private Map<String, String> sendFleetVariants(S3Client ceph) throws Exception {
        Map<String, String> platforms = new java.util.LinkedHashMap<>();
        int minute = 0;
        for (Map.Entry<String, byte[]> variant : archive.FleetVariants.all().entrySet()) {
            String id = archive.FleetVariants.clusterId(variant.getKey());
            String stamp = String.format("12%02d00", minute++);
            String path = "archives/compressed/" + id.substring(0, 2) + "/" + id + "/202403/15/" + stamp + ".tar.gz";
            String original = ORG + "/" + id + "/20240315" + stamp + "-" + "f".repeat(32);
            ceph.putObject(b -> b.bucket(PREFIX + "-datahub").key(path), RequestBody.fromBytes(variant.getValue()));
            String synced = ArchiveMessages.archiveSynced(path, original);
            producer.send(new ProducerRecord<>(topic("archive-synced"), id, synced.getBytes(StandardCharsets.UTF_8))).get();
            String name = variant.getKey();
            platforms.put(id, name.startsWith("platform-") ? archive.FleetVariants.NEWER_PLATFORMS.stream()
                    .filter(p -> name.equals("platform-" + p.toLowerCase())).findFirst().orElseThrow()
                    : name.equals("disconnected-nutanix") ? "Nutanix" : "None");
        }
        return platforms;
    }

    private void sendParquetCases() throws Exception {
        String rulesTopic = topic("archive-rules-results");
        String featuresTopic = topic("archive-features");
        String rules = new String(getClass().getResourceAsStream("/examples/09_rules_results/test_fixture_valid_message.converted.json")
                .readAllBytes(), StandardCharsets.UTF_8);
        String features = new String(getClass().getResourceAsStream("/examples/09_features/test_fixture_valid_message.converted.json")
                .readAllBytes(), StandardCharsets.UTF_8);
        kafka("P01", "rules-results not JSON", PARQUET, rulesTopic, "P01 {\"path\":", "rules-results", "not JSON");
        kafka("P02", "report.reports a string", PARQUET, rulesTopic, edit(rules, o -> ((ObjectNode) o.get("report")).put("reports", "P02")),
                "reports", "array");
        kafka("P03", "metadata missing", PARQUET, rulesTopic, edit(rules, o -> o.remove("metadata")), "metadata", "required");
        kafka("P04", "extra top-level field", PARQUET, rulesTopic, edit(rules, o -> o.put("P04", true)), "P04", "not defined in the schema");
        byte[] badUtf8 = rules.getBytes(StandardCharsets.UTF_8);
        int at = rules.indexOf("031044");
        badUtf8[at] = (byte) 0xFF;
        kafka("P05", "invalid UTF-8 byte in path", PARQUET, rulesTopic, badUtf8, "path");
        kafka("P06", "20 000 malformed report hits (huge)", PARQUET, rulesTopic, edit(rules, o -> {
            ArrayNode hits = ((ObjectNode) o.get("report")).putArray("reports");
            for (int i = 0; i < 20_000; i++) {
                hits.add(i);
            }
        }), "reports", "more characters");
        kafka("P07", "features not JSON", PARQUET, featuresTopic, "[P07", "features", "not JSON");
        kafka("P08", "features report an object", PARQUET, featuresTopic, edit(features, o -> o.putObject("report").put("P08", 1)),
                "report", "array");
        kafka("P09", "features path of another layout", PARQUET, featuresTopic, edit(features, o -> o.put("path", "s3://bucket/P09.tar.gz")),
                "path", "s3://bucket/P09.tar.gz");
        kafka("P10", "features cluster_id missing", PARQUET, featuresTopic,
                edit(features, o -> ((ObjectNode) o.get("metadata")).remove("cluster_id")), "cluster_id", "required");
    }

    private static List<FakeThanos.Answer> thanosScript() {
        String token = THANOS_TOKEN;
        return List.of(
                new FakeThanos.Answer(500, "text/plain", "T01 internal server error"),
                FakeThanos.Answer.json(200, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"T02 parse error\"}"),
                new FakeThanos.Answer(200, "text/html", "<html>T03 gateway login page</html>"),
                FakeThanos.Answer.json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"),
                FakeThanos.Answer.json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\"}}"),
                FakeThanos.Answer.json(200, "{\"status\":\"success\"}"),
                new FakeThanos.Answer(401, "text/plain", "T07 rejected Authorization: Bearer " + token),
                new FakeThanos.Answer(200, "application/json", ""),
                FakeThanos.Answer.json(200, FakeThanos.vector("{\"ebs_account\":\"1\"}",
                        "{\"_id\":\"11111111-2222-4333-8444-000000000009\",\"ebs_account\":\"T09\"}")));
    }

    /** What the log must show for each hostile Thanos answer. */
    private static void assertThanosRejections(LogCapture logs, SoftAssertions soft) {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("T01 HTTP 500", List.of("Thanos poll failed", "HTTP 500", "T01 internal server error"));
        expected.put("T02 status:error", List.of("Thanos poll failed", "status \"error\"", "T02 parse error"));
        expected.put("T03 HTML", List.of("Thanos poll failed", "not JSON", "T03 gateway"));
        expected.put("T04 matrix", List.of("Thanos poll failed", "resultType \"matrix\""));
        expected.put("T05 no data.result", List.of("Thanos poll failed", "data.result"));
        expected.put("T06 no data", List.of("Thanos poll failed", "without data"));
        expected.put("T07 401 echoing the token", List.of("Thanos poll failed", "HTTP 401", "T07 rejected"));
        expected.put("T08 empty body", List.of("Thanos poll failed", "not JSON"));
        expected.put("T09 series without _id", List.of("skipping cluster_subscribed series", "_id is not a UUID"));
        expected.put("T09 ebs_account not a number", List.of("skipping cluster_subscribed series", "ebs_account", "T09"));
        expected.forEach((what, fragments) -> soft.assertThat(logs.matching(fragments.toArray(String[]::new)))
                .as("logged rejection of %s (%s)", what, fragments).isNotEmpty());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String edit(String json, java.util.function.Consumer<ObjectNode> change) throws Exception {
        ObjectNode node = (ObjectNode) Json.mapper().readTree(json);
        change.accept(node);
        return Json.mapper().writeValueAsString(node);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void createTopics(String bootstrap, List<String> topics) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            var existing = admin.listTopics().names().get();
            admin.createTopics(topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
        }
    }

    /** Waits until each group has committed every record of its topics. */
    private static void awaitCommitted(String bootstrap, Map<String, List<String>> groups, SoftAssertions soft) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            for (var group : groups.entrySet()) {
                Map<TopicPartition, OffsetSpec> latest = group.getValue().stream()
                        .collect(Collectors.toMap(t -> new TopicPartition(t, 0), t -> OffsetSpec.latest()));
                Map<TopicPartition, Long> ends = new HashMap<>();
                admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
                Map<TopicPartition, Long> committed = new HashMap<>();
                try {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).pollInSameThread().until(() -> {
                        committed.clear();
                        admin.listConsumerGroupOffsets(group.getKey()).partitionsToOffsetAndMetadata().get()
                                .forEach((tp, o) -> committed.put(tp, o == null ? -1 : o.offset()));
                        return ends.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), -1L) >= e.getValue());
                    });
                } catch (ConditionTimeoutException notYet) {
                    // the soft assertion below says which partitions are behind
                }
                soft.assertThat(committed).as("group %s committed up to the end %s", group.getKey(), ends)
                        .containsAllEntriesOf(ends);
            }
        }
    }

    private static List<String> keys(S3Client s3, String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key).sorted().toList();
    }
}

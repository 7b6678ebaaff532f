package kamelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import contract.Contract;
import contract.ContractValidator;
import devservers.CephRgwServer;
import devservers.EmbeddedKafka;
import devservers.PrometheusServer;
import devservers.S3ProxyServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import model.Json;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import pipeline.DeadLetter;
import uploader.RulesJsonKey;
import uploader.RulesUploader;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import testing.ArchiveMessages;
import testing.KnownSeries;
import testing.RealServers;
import testing.TopicTail;
import testing.OlsArchives;
import testing.TopicWriter;
import testing.PipelineUnderTest;

/**
 * Every Kamelet of kamelets/ in a Camel K Pipe pod of our image ({@link CamelKPod}: generated flow,
 * Kamelet bundle, user.properties, every ccx stage off, PipelineMain with the CAMEL_K_CONF
 * settings), configured only by its own properties, against the real servers: S3Proxy as AWS S3,
 * Ceph RGW, Kafka and Prometheus as Thanos, all with real credentials.
 */
@ExtendWith(RealServers.class)
class KameletPipesIT {
    static final String CLUSTER = "5d5892d3-1f74-4ccf-91af-548dfc9767aa";
    static final String S3_KEY = "1234567890/" + CLUSTER + "/20201209131008-0123456789abcdef0123456789abcdef";
    static final String CEPH_PATH = "archives/compressed/5d/" + CLUSTER + "/202012/09/131008.tar.gz";
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path etc;

    @Test
    void archiveSyncActionCopiesToCephAndDeadLettersBadInput(EmbeddedKafka kafka, S3ProxyServer aws, CephRgwServer ceph)
            throws Exception {
        String p = "kp-sync";
        S3Client awsS3 = PipelineUnderTest.ingressBucket(aws, p);
        S3Client cephS3 = PipelineUnderTest.datahubBucket(ceph, p);
        byte[] archive = sample();
        awsS3.putObject(b -> b.bucket(p + "-ingress").key(S3_KEY), RequestBody.fromBytes(archive));
        String brokers = kafka.bootstrapServers();
        String missing = S3_KEY.replace("131008-", "131009-");
        TopicWriter.send(brokers, p + "-archive-new", CLUSTER, "not json", archiveNew(missing), archiveNew(S3_KEY));

        try (CamelKPod pod = CamelKPod.action(etc, p, "ccx-archive-sync-action", brokers, p + "-archive-new", p + "-archive-synced")
                .with("awsBucket", p + "-ingress").with("awsEndpoint", aws.credentials().endpoint())
                .with("awsRegion", aws.credentials().region())
                .with("awsAccessKey", aws.credentials().accessKey()).with("awsSecretKey", aws.credentials().secretKey())
                .with("cephBucket", p + "-datahub").with("cephEndpoint", ceph.credentials().endpoint())
                .with("cephAccessKey", ceph.credentials().accessKey()).with("cephSecretKey", ceph.credentials().secretKey())
                .with("bootstrapServers", brokers).with("deadLetterTopic", p + "-dead-letter").start()) {
            List<ConsumerRecord<String, String>> synced = TopicTail.read(brokers, p + "-archive-synced", 1, WAIT);
            assertThat(synced).hasSize(1);
            assertValid(Contract.ARCHIVE_SYNCED, synced.get(0).value());
            JsonNode msg = Json.mapper().readTree(synced.get(0).value());
            assertThat(msg.path("path").asText()).isEqualTo(CEPH_PATH);
            assertThat(msg.path("original_path").asText()).isEqualTo(S3_KEY);
            assertThat(synced.get(0).key()).isEqualTo(CLUSTER);
            assertThat(cephS3.getObjectAsBytes(b -> b.bucket(p + "-datahub").key(CEPH_PATH)).asByteArray()).isEqualTo(archive);

            List<ConsumerRecord<String, String>> dead = TopicTail.read(brokers, p + "-dead-letter", 2, WAIT);
            print("archive-sync dead letters", dead);
            assertThat(dead).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("not json", archiveNew(missing));
            assertThat(dead).allSatisfy(r -> assertDeadLetterHeaders(r, "ccx-archive-sync-action/action-0", p + "-archive-new"));
            assertThat(reasons(dead)).anySatisfy(r -> assertThat(r).contains("archive-new"))
                    .anySatisfy(r -> assertThat(r).contains("is not in s3://"));
            // the Kamelet's bean counts into the pod's metrics registry
            MeterRegistry meters = pod.main().getCamelContext().getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
            double copied = meters.find("ccx.archive.sync.bytes").counter().count();
            System.out.println("[kamelet-it] ccx.archive.sync.bytes = " + copied);
            assertThat(copied).isEqualTo(archive.length);
        }
    }

    @Test
    void rulesAndFeaturesActionsAnalyseTheArchiveInCeph(EmbeddedKafka kafka, CephRgwServer ceph) throws Exception {
        String p = "kp-analysis";
        S3Client cephS3 = ceph.credentials().client();
        cephS3.createBucket(b -> b.bucket(p + "-datahub"));
        cephS3.putObject(b -> b.bucket(p + "-datahub").key(CEPH_PATH), RequestBody.fromBytes(sample()));
        String brokers = kafka.bootstrapServers();
        String gone = CEPH_PATH.replace("131008", "000000");
        TopicWriter.send(brokers, p + "-archive-synced", CLUSTER, "{\"path\":42}", archiveSynced(gone), archiveSynced(CEPH_PATH));

        for (String engine : List.of("rules", "features")) {
            String out = p + "-" + engine + "-out";
            String dlt = p + "-" + engine + "-dead-letter";
            CamelKPod pipe = CamelKPod.action(etc.resolve(engine), p + "-" + engine, "ccx-" + engine + "-action", brokers,
                            p + "-archive-synced", out)
                    .with("cephBucket", p + "-datahub").with("cephEndpoint", ceph.credentials().endpoint())
                    .with("cephRegion", ceph.credentials().region())
                    .with("cephAccessKey", ceph.credentials().accessKey()).with("cephSecretKey", ceph.credentials().secretKey())
                    .with("bootstrapServers", brokers).with("deadLetterTopic", dlt);
            if (engine.equals("rules")) {
                pipe.with("disabledRules", "nodes_not_ready");
            }
            try (CamelKPod pod = pipe.start()) {
                List<ConsumerRecord<String, String>> results = TopicTail.read(brokers, out, 1, WAIT);
                assertThat(results).as(engine).hasSize(1);
                assertThat(results.get(0).key()).isEqualTo(CLUSTER);
                JsonNode msg = Json.mapper().readTree(results.get(0).value());
                assertThat(msg.path("path").asText()).isEqualTo(CEPH_PATH);
                if (engine.equals("rules")) {
                    assertValid(Contract.RULES_RESULTS, results.get(0).value());
                    List<String> hits = msg.path("report").path("reports").findValuesAsText("rule_id");
                    System.out.println("[kamelet-it] rules hits: " + hits);
                    assertThat(hits).contains("operators_degraded|OPERATOR_DEGRADED", "pending_csrs|PENDING_CSRS");
                } else {
                    assertValid(Contract.FEATURES, results.get(0).value());
                    List<String> ids = msg.path("report").findValuesAsText("feature_id");
                    System.out.println("[kamelet-it] features: " + ids);
                    assertThat(ids).containsExactlyInAnyOrder("cluster_info", "foc", "alerts", "gatherers",
                            "workload_info_images", "workload_info_namespaces", "cluster_version_updates");
                }
                List<ConsumerRecord<String, String>> dead = TopicTail.read(brokers, dlt, 2, WAIT);
                print(engine + " dead letters", dead);
                assertThat(dead).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("{\"path\":42}", archiveSynced(gone));
                assertThat(dead).allSatisfy(r -> assertDeadLetterHeaders(r, "ccx-" + engine + "-action/action-0", p + "-archive-synced"));
                assertThat(reasons(dead)).anySatisfy(r -> assertThat(r).contains("archive-synced"))
                        .anySatisfy(r -> assertThat(r).contains("is not in the Ceph bucket"));
            }
        }
    }

    @Test
    void thanosSourceEmitsEachHourOnceAcrossPolls(EmbeddedKafka kafka, PrometheusServer prometheus) throws Exception {
        String p = "kp-thanos";
        String brokers = kafka.bootstrapServers();
        Path ledger = etc.resolve("data/thanos-hours.json");
        AtomicInteger polls = new AtomicInteger();
        // The series end at KnownSeries.END, the last full hour when the rig started; the pod's window ends
        // at the last full hour of its own clock. When an hour has turned since (the ITs run for minutes),
        // the window reaches that many hours past the series: emitted too, once each, with no rows.
        int later = (int) ChronoUnit.HOURS.between(KnownSeries.END, Instant.now().truncatedTo(ChronoUnit.HOURS)) - 1;
        int hours = KnownSeries.HOURS + 1 + later;
        Instant last = KnownSeries.END.plus(later, ChronoUnit.HOURS);
        CamelKPod pipe = CamelKPod.source(etc, p, "ccx-thanos-query-source", brokers, p + "-hours")
                .with("thanosUrl", prometheus.url()).with("ledgerFile", ledger)
                .with("backfillHours", hours).with("settleDelayMs", 0).with("maxHoursPerPoll", 100)
                .with("idChunkSize", 1).with("period", 500);
        try (CamelKPod pod = pipe) {
            pod.start();
            pod.main().getCamelContext().getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
                @Override
                public void notify(CamelEvent event) {
                    if (event instanceof CamelEvent.ExchangeCompletedEvent done && done.getExchange().getFromEndpoint() != null
                            && done.getExchange().getFromEndpoint().getEndpointUri().startsWith("timer://ccx-thanos-query")) {
                        polls.incrementAndGet();
                    }
                }
            });
            List<ConsumerRecord<String, String>> emitted = TopicTail.read(brokers, p + "-hours", hours, WAIT);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> polls.get() >= 3);
            emitted = TopicTail.read(brokers, p + "-hours", hours, WAIT);
            Map<String, Long> perHour = emitted.stream().collect(Collectors.groupingBy(
                    r -> new String(r.headers().lastHeader("ccx_thanos_hour").value(), StandardCharsets.UTF_8), Collectors.counting()));
            System.out.println("[kamelet-it] polls after the first batch: " + polls.get() + ", messages per hour: " + perHour);
            assertThat(polls.get()).as("polls after every hour was emitted").isGreaterThanOrEqualTo(3);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < hours; i++) {
                expected.add(last.minus(i, ChronoUnit.HOURS).toString());
            }
            assertThat(perHour.keySet()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(perHour.values()).allMatch(n -> n == 1);
            JsonNode start = emitted.stream().map(r -> read(r.value()))
                    .filter(m -> m.path("hourStart").asText().equals(KnownSeries.START.toString())).findFirst().orElseThrow();
            assertThat(start.path("rows").findValuesAsText("clusterId")).containsExactlyInAnyOrderElementsOf(
                    KnownSeries.CLUSTERS.stream().filter(c -> c.emailDomain() != null).map(KnownSeries.Cluster::id).toList());
            String ledgerText = Files.readString(ledger);
            assertThat(expected).allSatisfy(h -> assertThat(ledgerText).contains(h));
        }
        // a restarted pod (same ledger) emits nothing again
        try (CamelKPod again = CamelKPod.source(etc.resolve("again"), p + "-again", "ccx-thanos-query-source", brokers, p + "-hours")
                .with("thanosUrl", prometheus.url()).with("ledgerFile", ledger)
                .with("backfillHours", hours).with("settleDelayMs", 0).with("period", 500).start()) {
            Thread.sleep(2500);
            assertThat(TopicTail.read(brokers, p + "-hours", hours + 1, Duration.ofSeconds(3))).hasSize(hours);
        }
    }

    /**
     * 2024 shape: the multiplexor Kamelet in a Pipe whose one sink is a Kafka topic; each archive's
     * message lands, as consumed, on the topic of its kind (kafka.OVERRIDE_TOPIC, honoured by
     * camel-kafka's producer), nothing on the sink's own topic, a missing archive dead-lettered.
     */
    @Test
    void multiplexorActionRoutesEachKindThroughThePipesKafkaSink(EmbeddedKafka kafka, S3ProxyServer aws) throws Exception {
        String p = "kp-multiplex";
        S3Client awsS3 = PipelineUnderTest.ingressBucket(aws, p);
        String olsKey = S3_KEY.replace("131008-", "131010-");
        String missing = S3_KEY.replace("131008-", "131009-");
        awsS3.putObject(b -> b.bucket(p + "-ingress").key(S3_KEY), RequestBody.fromBytes(sample()));
        awsS3.putObject(b -> b.bucket(p + "-ingress").key(olsKey), RequestBody.fromBytes(OlsArchives.of(CLUSTER, "")));
        String brokers = kafka.bootstrapServers();
        TopicWriter.send(brokers, p + "-archive-new", "consumed-key", archiveNew(missing), archiveNew(S3_KEY), archiveNew(olsKey));

        try (CamelKPod pod = CamelKPod.action(etc, p, "ccx-multiplexor-action", brokers, p + "-archive-new", p + "-sink-topic")
                .with("awsBucket", p + "-ingress").with("awsEndpoint", aws.credentials().endpoint())
                .with("awsRegion", aws.credentials().region())
                .with("awsAccessKey", aws.credentials().accessKey()).with("awsSecretKey", aws.credentials().secretKey())
                .with("ioTopic", p + "-io-archive-new").with("olsTopic", p + "-ols-archive-new")
                .with("bootstrapServers", brokers).with("deadLetterTopic", p + "-dead-letter").start()) {
            List<ConsumerRecord<String, String>> io = TopicTail.read(brokers, p + "-io-archive-new", 1, WAIT);
            List<ConsumerRecord<String, String>> ols = TopicTail.read(brokers, p + "-ols-archive-new", 1, WAIT);
            List<ConsumerRecord<String, String>> dead = TopicTail.read(brokers, p + "-dead-letter", 1, WAIT);
            print("multiplexor io", io);
            print("multiplexor ols", ols);
            print("multiplexor dead letters", dead);
            assertThat(io).extracting(ConsumerRecord::value).containsExactly(archiveNew(S3_KEY));
            assertThat(ols).extracting(ConsumerRecord::value).containsExactly(archiveNew(olsKey));
            assertThat(io.get(0).key()).isEqualTo(CLUSTER);
            assertThat(ols.get(0).key()).isEqualTo(CLUSTER);
            assertThat(List.of(io.get(0), ols.get(0))).allSatisfy(r -> assertThat(r.headers().lastHeader("kafka.OVERRIDE_TOPIC")).isNull());
            assertThat(TopicTail.read(brokers, p + "-sink-topic", 0, Duration.ofSeconds(2))).as("the sink's own topic").isEmpty();
            assertThat(dead).extracting(ConsumerRecord::value).containsExactly(archiveNew(missing));
            assertThat(dead).allSatisfy(r -> assertDeadLetterHeaders(r, "ccx-multiplexor-action/action-0", p + "-archive-new"));
            assertThat(reasons(dead)).allSatisfy(r -> assertThat(r).contains("is not in s3://" + p + "-ingress"));
            MeterRegistry meters = pod.main().getCamelContext().getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
            assertThat(meters.find("ccx.multiplexor.archives").tag("kind", "ols").counter().count()).isEqualTo(1);
            assertThat(meters.find("ccx.multiplexor.archives").tag("kind", "openshift").counter().count()).isEqualTo(1);
        }
    }

    /**
     * 2024 shape: the rules uploader Kamelet as a Pipe's sink; the rules-results message, as
     * consumed, at its insights.json key with its SHA-256; a redelivered message writes nothing
     * (same ETag); bad input dead-lettered.
     */
    @Test
    void rulesUploaderSinkWritesTheJsonOnceAndDeadLettersBadInput(EmbeddedKafka kafka, CephRgwServer ceph) throws Exception {
        String p = "kp-upload";
        S3Client cephS3 = PipelineUnderTest.datahubBucket(ceph, p);
        String message;
        try (InputStream in = KameletPipesIT.class.getResourceAsStream("/examples/09_rules_results/test_fixture_valid_message.converted.json")) {
            message = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String key = RulesJsonKey.of(Json.mapper().readTree(message).path("path").asText());
        String brokers = kafka.bootstrapServers();
        String notAnArchivePath = message.replace("archives/compressed/", "archives/elsewhere/");
        TopicWriter.send(brokers, p + "-rules-results", CLUSTER, message);

        try (CamelKPod pod = CamelKPod.sink(etc, p, "ccx-rules-uploader-sink", brokers, p + "-rules-results")
                .with("cephBucket", p + "-datahub").with("cephEndpoint", ceph.credentials().endpoint())
                .with("cephRegion", ceph.credentials().region())
                .with("cephAccessKey", ceph.credentials().accessKey()).with("cephSecretKey", ceph.credentials().secretKey())
                .with("bootstrapServers", brokers).with("deadLetterTopic", p + "-dead-letter").start()) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> cephS3.headObject(b -> b.bucket(p + "-datahub").key(key)) != null);
            HeadObjectResponse first = cephS3.headObject(b -> b.bucket(p + "-datahub").key(key));
            byte[] file = cephS3.getObjectAsBytes(b -> b.bucket(p + "-datahub").key(key)).asByteArray();
            assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo(message);
            assertValid(Contract.RULES_RESULTS, new String(file, StandardCharsets.UTF_8));
            assertThat(first.metadata()).containsKey(RulesUploader.CONTENT_SHA256);
            System.out.println("[kamelet-it] rules JSON " + key + " etag=" + first.eTag() + " metadata=" + first.metadata());

            // the same message again (a redelivery), then two bad ones (the contract catches a path that is not an
            // archive's) on the same partition, after it
            TopicWriter.send(brokers, p + "-rules-results", CLUSTER, message, "{\"path\":42}", notAnArchivePath);
            List<ConsumerRecord<String, String>> dead = TopicTail.read(brokers, p + "-dead-letter", 2, WAIT);
            print("rules uploader dead letters", dead);
            assertThat(dead).extracting(ConsumerRecord::value).containsExactly("{\"path\":42}", notAnArchivePath);
            assertThat(dead).allSatisfy(r -> assertDeadLetterHeaders(r, "ccx-rules-uploader-sink/sink", p + "-rules-results"));
            assertThat(reasons(dead)).allSatisfy(r -> assertThat(r).startsWith("rules-results: "))
                    .anySatisfy(r -> assertThat(r).contains("must be a Ceph path"));
            HeadObjectResponse after = cephS3.headObject(b -> b.bucket(p + "-datahub").key(key));
            assertThat(after.eTag()).isEqualTo(first.eTag());
            assertThat(after.lastModified()).isEqualTo(first.lastModified());
            MeterRegistry meters = pod.main().getCamelContext().getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
            assertThat(meters.find("ccx.rules.uploads").tag("result", "written").counter().count()).isEqualTo(1);
            assertThat(meters.find("ccx.rules.uploads").tag("result", "already-present").counter().count()).isEqualTo(1);
            assertThat(meters.find("ccx.rules.uploads").tag("result", "replaced").counter().count()).isZero();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    static void assertDeadLetterHeaders(ConsumerRecord<String, String> r, String route, String topic) {
        assertThat(header(r, DeadLetter.REASON)).isNotBlank();
        assertThat(header(r, DeadLetter.ERROR)).isNotBlank();
        assertThat(header(r, DeadLetter.ROUTE)).isEqualTo(route);
        assertThat(header(r, DeadLetter.SOURCE)).startsWith("kafka:" + topic + "/");
        assertThat(Instant.parse(header(r, DeadLetter.AT))).isBefore(Instant.now().plusSeconds(1));
    }

    static List<String> reasons(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> header(r, DeadLetter.REASON)).toList();
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static void print(String what, List<ConsumerRecord<String, String>> records) {
        for (var r : records) {
            System.out.println("[kamelet-it] " + what + ": " + r.value() + " reason=" + header(r, DeadLetter.REASON)
                    + " error=" + header(r, DeadLetter.ERROR) + " route=" + header(r, DeadLetter.ROUTE)
                    + " source=" + header(r, DeadLetter.SOURCE));
        }
    }

    static void assertValid(Contract contract, String json) {
        assertThat(ContractValidator.shared().violations(contract, json)).as(contract + ": " + json).isEmpty();
    }

    static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sample() throws Exception {
        try (InputStream in = KameletPipesIT.class.getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
            return in.readAllBytes();
        }
    }

    static String archiveNew(String s3Key) {
        return "{\"cluster_id\":\"" + CLUSTER + "\",\"path\":\"" + s3Key + "\",\"sqs_message_id\":1}";
    }

    static String archiveSynced(String cephPath) {
        return ArchiveMessages.archiveSynced(cephPath, S3_KEY);
    }
}

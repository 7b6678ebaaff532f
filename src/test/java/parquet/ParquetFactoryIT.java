package parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import devservers.CephRgwServer;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.PrometheusServer;
import devservers.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import model.ArchiveMetadata;
import model.Json;
import model.RulesResults;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import testing.KnownSeries;
import testing.PipelineUnderTest;
import testing.RealServers;
import testing.TopicWriter;

/**
 * The Parquet factory on real servers: rules-results from Kafka → durable aggregation → files in
 * S3 at the §13.3 keys; a restart in the middle of the hour loses and duplicates nothing; late
 * rows go to the next file of the hour; the Thanos poll writes cluster_thanos_info per hour.
 */
@ExtendWith(RealServers.class)
class ParquetFactoryIT {
    static final String CLUSTER = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    static final String FIXTURE = "/examples/09_rules_results/test_fixture_valid_message.converted.json";
    static final String HOUR_FOLDER = "fleet_aggregations/rule_hits/hourly/date=2021-01-20/hour=03/";

    static String rules(String time) throws Exception {
        RulesResults fixture = Json.mapper().readValue(ParquetFactoryIT.class.getResourceAsStream(FIXTURE), RulesResults.class);
        String path = "archives/compressed/aa/" + CLUSTER + "/202101/20/" + time + ".tar.gz";
        return Json.mapper().writeValueAsString(new RulesResults(path, new ArchiveMetadata(CLUSTER, "1234567890"), fixture.report()));
    }

    static void send(EmbeddedKafka kafka, String topic, String... values) throws Exception {
        TopicWriter.send(kafka.bootstrapServers(), topic, CLUSTER, values);
    }

    /** Waits until the factory committed everything: its rows are in the durable store. */
    static void awaitCommitted(EmbeddedKafka kafka, String group, String topic, long offset) throws Exception {
        var p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            await("factory did not commit " + topic + " up to " + offset).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).pollInSameThread().until(() -> {
                        var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                        return committed.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                                .mapToLong(e -> e.getValue().offset()).sum() >= offset;
                    });
        }
    }

    static List<String> keys(S3Client s3, String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().collect(Collectors.toList());
    }

    static List<GenericRecord> rows(S3Client s3, String bucket, String key, Path tmp) throws Exception {
        Path file = tmp.resolve(key.replace('/', '_'));
        Files.write(file, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        return ParquetFiles.read(file);
    }

    /**
     * The factory alone (environment prod) on the test's servers, its tables in S3Proxy bucket
     * {@code <prefix>-tables}, hours never complete on their own (grace of 100 years): the test flushes.
     */
    static Properties factoryConfig(EmbeddedKafka kafka, EmbeddedSqs sqs, S3ProxyServer aws, CephRgwServer ceph,
                                    String prefix, Path tmp) {
        Properties config = PipelineUnderTest.config(kafka, sqs, aws, ceph, prefix);
        config.setProperty("ccx.envs", "prod");
        for (String stage : List.of("sqs-listener", "archive-sync", "rules", "features", "thanos-poll")) {
            config.setProperty("ccx.stages." + stage, "false");
        }
        config.setProperty("ccx.stages.parquet-factory", "true");
        config.setProperty("ccx.parquet.state-dir", tmp.resolve("state").toString());
        config.setProperty("ccx.parquet.s3.endpoint", aws.credentials().endpoint());
        config.setProperty("ccx.parquet.s3.access-key", aws.credentials().accessKey());
        config.setProperty("ccx.parquet.s3.secret-key", aws.credentials().secretKey());
        config.setProperty("ccx.parquet.s3.bucket", prefix + "-tables");
        config.setProperty("ccx.parquet.grace-ms", Long.toString(Duration.ofDays(36500).toMillis()));
        return config;
    }

    @Test
    void hourlyFilesSurviveARestartWithoutLossOrDuplicates(EmbeddedKafka kafka, EmbeddedSqs sqs, S3ProxyServer aws,
                                                           CephRgwServer ceph, PrometheusServer prometheus,
                                                           @TempDir Path tmp) throws Exception {
        String prefix = "it-parquet";
        Properties config = factoryConfig(kafka, sqs, aws, ceph, prefix, tmp);
        config.setProperty("ccx.stages.thanos-poll", "true");
        config.setProperty("ccx.thanos.url", prometheus.url());
        config.setProperty("ccx.thanos.ledger-file", tmp.resolve("thanos.json").toString());
        config.setProperty("ccx.thanos.backfill-hours",
                Long.toString(ChronoUnit.HOURS.between(KnownSeries.START, Instant.now()) + 1));
        config.setProperty("ccx.thanos.max-hours-per-poll", "48");
        config.setProperty("ccx.thanos.settle-delay-ms", "0");
        config.setProperty("ccx.thanos.poll-interval-ms", "2000");
        S3Client s3 = aws.credentials().client();
        s3.createBucket(b -> b.bucket(prefix + "-tables"));
        String topic = prefix + "-ccx-prod-insights-operator-archive-rules-results";
        String group = prefix + "-parquet-factory";

        // First archive of the hour: stored, not yet written, when the factory stops.
        try (PipelineUnderTest pipeline = PipelineUnderTest.start(config)) {
            send(kafka, topic, rules("031044"));
            awaitCommitted(kafka, group, topic, 1);
        }
        assertThat(keys(s3, prefix + "-tables", HOUR_FOLDER)).isEmpty();

        try (PipelineUnderTest pipeline = PipelineUnderTest.start(config)) {
            // A redelivery of the first archive and a second archive of the same hour.
            send(kafka, topic, rules("031044"), rules("032000"));
            awaitCommitted(kafka, group, topic, 3);
            pipeline.main().getCamelContext().createProducerTemplate().sendBody("direct:parquet-flush-all", null);
            assertThat(keys(s3, prefix + "-tables", HOUR_FOLDER)).containsExactly(HOUR_FOLDER + "rule_hits-0.parquet");
            List<GenericRecord> first = rows(s3, prefix + "-tables", HOUR_FOLDER + "rule_hits-0.parquet", tmp);
            assertThat(first).extracting(r -> r.get("archive_path").toString()).containsExactlyInAnyOrder(
                    "archives/compressed/aa/" + CLUSTER + "/202101/20/031044.tar.gz",
                    "archives/compressed/aa/" + CLUSTER + "/202101/20/032000.tar.gz");
            assertThat(first).allMatch(r -> r.get("rule_id").toString().equals("tutorial_rule|TUTORIAL_ERROR"));

            // A late archive of the written hour goes to the next file; a duplicate adds nothing.
            send(kafka, topic, rules("035959"), rules("032000"));
            awaitCommitted(kafka, group, topic, 5);
            pipeline.main().getCamelContext().createProducerTemplate().sendBody("direct:parquet-flush-all", null);
            assertThat(keys(s3, prefix + "-tables", HOUR_FOLDER))
                    .containsExactly(HOUR_FOLDER + "rule_hits-0.parquet", HOUR_FOLDER + "rule_hits-1.parquet");
            assertThat(rows(s3, prefix + "-tables", HOUR_FOLDER + "rule_hits-1.parquet", tmp))
                    .extracting(r -> r.get("archive_path").toString())
                    .containsExactly("archives/compressed/aa/" + CLUSTER + "/202101/20/035959.tar.gz");
            assertThat(keys(s3, prefix + "-tables", "fleet_aggregations/archives/hourly/date=2021-01-20/hour=03/")).hasSize(2);

            // Thanos: one cluster_thanos_info file per loaded hour, the two labelled clusters in each.
            List<String> thanosFiles = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).pollInSameThread()
                    .until(() -> keys(s3, prefix + "-tables", "fleet_aggregations/cluster_thanos_info/"),
                            files -> files.size() >= KnownSeries.HOURS);
            assertThat(thanosFiles).hasSizeGreaterThanOrEqualTo(KnownSeries.HOURS);
            List<GenericRecord> thanos = rows(s3, prefix + "-tables", thanosFiles.get(0), tmp);
            assertThat(thanos).extracting(r -> r.get("cluster_id").toString()).containsExactlyInAnyOrder(
                    KnownSeries.CLUSTERS.get(0).id(), KnownSeries.CLUSTERS.get(1).id());
            assertThat(thanos).extracting(r -> r.get("email_domain").toString()).contains("us.ibm.com", "redhat.com");
        }
    }
}

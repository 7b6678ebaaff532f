package parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static parquet.ParquetFactoryIT.awaitCommitted;
import static parquet.ParquetFactoryIT.keys;
import static parquet.ParquetFactoryIT.rows;
import static parquet.ParquetFactoryIT.rules;
import static parquet.ParquetFactoryIT.send;

import devservers.CephRgwServer;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.S3ProxyServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import testing.PipelineUnderTest;
import testing.RealServers;

/**
 * README "Re-running an hour", as an operator does it: the hour is written; the factory stops;
 * it starts once with ccx.parquet.rerun-hours and the consumer offsets reset to the start; the
 * hour's files are replaced by files holding each of its archives once, and the other hour read
 * again adds nothing.
 */
@ExtendWith(RealServers.class)
class HourRerunIT {
    static final String OTHER_HOUR_FOLDER = "fleet_aggregations/rule_hits/hourly/date=2021-01-20/hour=04/";

    static String spillOf(S3Client s3, String bucket, String key) {
        return s3.headObject(b -> b.bucket(bucket).key(key)).metadata().get(aggregation.SpillWriter.SPILL_METADATA);
    }

    @Test
    void aRerunHourIsWrittenAgainOnceAndOtherHoursAreNot(EmbeddedKafka kafka, EmbeddedSqs sqs, S3ProxyServer aws,
                                                        CephRgwServer ceph, @TempDir Path tmp) throws Exception {
        String prefix = "it-rerun";
        Properties config = ParquetFactoryIT.factoryConfig(kafka, sqs, aws, ceph, prefix, tmp);
        S3Client s3 = aws.credentials().client();
        s3.createBucket(b -> b.bucket(prefix + "-tables"));
        String topic = prefix + "-ccx-prod-insights-operator-archive-rules-results";
        String group = prefix + "-parquet-factory";
        String bucket = prefix + "-tables";

        // The first run: hours 03 (two archives) and 04 (one) written.
        try (PipelineUnderTest pipeline = PipelineUnderTest.start(config)) {
            send(kafka, topic, rules("031044"), rules("032000"), rules("041000"));
            awaitCommitted(kafka, group, topic, 3);
            pipeline.main().getCamelContext().createProducerTemplate().sendBody("direct:parquet-flush-all", null);
        }
        assertThat(keys(s3, bucket, ParquetFactoryIT.HOUR_FOLDER)).containsExactly(ParquetFactoryIT.HOUR_FOLDER + "rule_hits-0.parquet");
        assertThat(keys(s3, bucket, OTHER_HOUR_FOLDER)).containsExactly(OTHER_HOUR_FOLDER + "rule_hits-0.parquet");

        String firstSpill = spillOf(s3, bucket, ParquetFactoryIT.HOUR_FOLDER + "rule_hits-0.parquet");

        // The operator resets the factory's offsets to the start (the factory is stopped)...
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetAndMetadata> start = new java.util.HashMap<>();
            offsets.keySet().forEach(tp -> start.put(tp, new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(group, start).all().get();
        }
        // ...and starts it once with the hour to re-run.
        Properties rerun = new Properties();
        rerun.putAll(config);
        rerun.setProperty("ccx.parquet.rerun-hours", "2021-01-20T03");
        try (PipelineUnderTest pipeline = PipelineUnderTest.start(rerun)) {
            awaitCommitted(kafka, group, topic, 3);
            pipeline.main().getCamelContext().createProducerTemplate().sendBody("direct:parquet-flush-all", null);
        }
        List<String> hour03 = keys(s3, bucket, ParquetFactoryIT.HOUR_FOLDER);
        assertThat(hour03).as("the old file was replaced").containsExactly(ParquetFactoryIT.HOUR_FOLDER + "rule_hits-0.parquet");
        assertThat(spillOf(s3, bucket, hour03.get(0))).as("written again, from a new spill").isNotEqualTo(firstSpill);
        List<GenericRecord> again = rows(s3, bucket, hour03.get(0), tmp);
        assertThat(again).extracting(r -> r.get("archive_path").toString()).containsExactlyInAnyOrder(
                "archives/compressed/aa/" + ParquetFactoryIT.CLUSTER + "/202101/20/031044.tar.gz",
                "archives/compressed/aa/" + ParquetFactoryIT.CLUSTER + "/202101/20/032000.tar.gz");
        assertThat(keys(s3, bucket, OTHER_HOUR_FOLDER)).as("hour 04 read again: its sources were written, nothing added")
                .containsExactly(OTHER_HOUR_FOLDER + "rule_hits-0.parquet");
    }
}

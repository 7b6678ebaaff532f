package aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import devservers.S3ProxyServer;
import java.nio.file.Path;
import java.util.List;
import model.ArchiveMetadata;
import model.Json;
import model.RulesResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import parquet.ParquetSink;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import storage.S3ClientFactory;
import testing.RealServers;

/** A writer that dies between its upload and flagging the rows: the next one neither loses nor duplicates them. */
@ExtendWith(RealServers.class)
class HourlyParquetWriterIT {
    static final String CLUSTER = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    static final String FOLDER = "fleet_aggregations/rule_hits/hourly/date=2021-01-20/hour=03/";

    static List<TableBatch> rules(String time) throws Exception {
        RulesResults fixture = Json.mapper().readValue(HourlyParquetWriterIT.class.getResourceAsStream(
                "/examples/09_rules_results/test_fixture_valid_message.converted.json"), RulesResults.class);
        String path = "archives/compressed/aa/" + CLUSTER + "/202101/20/" + time + ".tar.gz";
        return new ParquetBatches().fromRules(new RulesResults(path, new ArchiveMetadata(CLUSTER, "1"), fixture.report()));
    }

    static void store(RowStore store, List<TableBatch> batches) throws Exception {
        for (TableBatch b : batches) {
            store.add(b.table(), b.hourMs(), b.source(), b.rows());
        }
    }

    @Test
    void aFileUploadedJustBeforeACrashIsNotWrittenAgain(S3ProxyServer s3proxy, @TempDir Path dir) throws Exception {
        var c = s3proxy.credentials();
        S3Client s3 = S3ClientFactory.create(c.endpoint(), c.region(), c.accessKey(), c.secretKey());
        s3.createBucket(b -> b.bucket("it-writer-crash"));
        RowStore store = new RowStore(RowStoreTest.h2(dir));
        ParquetSink sink = new ParquetSink(s3, "it-writer-crash");
        List<TableBatch> first = rules("031044");
        store(store, first);
        TableBatch ruleHits = first.stream().filter(b -> b.table().equals("rule_hits")).findFirst().orElseThrow();
        var group = new HourlyAggregation.GroupKey("rule_hits", ruleHits.hourMs());

        // The crash: intent saved and file uploaded, rows never flagged.
        HourlyParquetWriter dying = new HourlyParquetWriter(store, sink, null);
        long through = store.lastPendingId("rule_hits", group.hourMs());
        store.saveIntent("rule_hits", group.hourMs(), through);
        dying.upload(group, through);
        // Meanwhile another archive of the same hour arrives.
        store(store, rules("032000"));

        var restarted = new HourlyParquetWriter(store, sink, null).write(group);
        assertThat(restarted).isPresent();
        assertThat(restarted.get().rows()).as("only the new archive's row").isEqualTo(1);
        List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket("it-writer-crash").prefix(FOLDER)).contents().stream()
                .map(S3Object::key).sorted().toList();
        assertThat(keys).containsExactly(FOLDER + "rule_hits-0.parquet", FOLDER + "rule_hits-1.parquet");
        assertThat(store.lastPendingId("rule_hits", group.hourMs())).isEqualTo(-1);
        assertThat(store.intent("rule_hits", group.hourMs())).isEmpty();
        assertThat(new HourlyParquetWriter(store, sink, null).write(group)).as("nothing left to write").isEmpty();
    }

    @Test
    void twoCompletionsOfOneHourAtOnceWriteItOnce(S3ProxyServer s3proxy, @TempDir Path dir) throws Exception {
        var c = s3proxy.credentials();
        S3Client s3 = S3ClientFactory.create(c.endpoint(), c.region(), c.accessKey(), c.secretKey());
        s3.createBucket(b -> b.bucket("it-writer-race"));
        RowStore store = new RowStore(RowStoreTest.h2(dir));
        ParquetSink sink = new ParquetSink(s3, "it-writer-race");
        List<TableBatch> batches = rules("031044");
        store(store, batches);
        var group = new HourlyAggregation.GroupKey("rule_hits",
                batches.stream().filter(b -> b.table().equals("rule_hits")).findFirst().orElseThrow().hourMs());

        // The flush timer and the Thanos poll's own flush completing the same hour (seen in the fault suite).
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<java.util.Optional<parquet.WrittenFile>>> writes = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HourlyParquetWriter writer = new HourlyParquetWriter(store, sink, null);
            writes.add(pool.submit(() -> {
                start.await();
                return writer.write(group);
            }));
        }
        start.countDown();
        int files = 0;
        for (var w : writes) {
            files += w.get(60, java.util.concurrent.TimeUnit.SECONDS).isPresent() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(files).isEqualTo(1);
        assertThat(s3.listObjectsV2Paginator(b -> b.bucket("it-writer-race").prefix(FOLDER)).contents().stream()
                .map(S3Object::key).toList()).containsExactly(FOLDER + "rule_hits-0.parquet");
    }
}

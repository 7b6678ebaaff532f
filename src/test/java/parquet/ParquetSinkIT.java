package parquet;

import devservers.CephRgwServer;
import devservers.S3Credentials;
import devservers.S3ProxyServer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import testing.RealServers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every table's sample rows written through {@link ParquetSink} to a real S3 server (S3Proxy, and
 * a Ceph RGW as the DataHub bucket), then listed, downloaded and read back with parquet-avro.
 */
@ExtendWith(RealServers.class)
class ParquetSinkIT {

    @TempDir
    Path temp;

    @Test
    void s3proxy(S3ProxyServer s3proxy) throws IOException {
        writeEveryTableThenReadItBack(s3proxy.credentials(), "s3proxy");
    }

    @Test
    void cephRgw(CephRgwServer ceph) throws IOException {
        writeEveryTableThenReadItBack(ceph.credentials(), "ceph");
    }

    private void writeEveryTableThenReadItBack(S3Credentials c, String name) throws IOException {
        S3Client s3 = c.client();
        String bucket = "parquet-" + name + "-" + Long.toHexString(System.nanoTime()).toLowerCase(Locale.ROOT);
        s3.createBucket(b -> b.bucket(bucket));
        ParquetSink sink = new ParquetSink(s3, bucket, TablePartition.DEFAULT_PREFIX, new ParquetFileWriter(), temp);

        // Every (table, hour) of the samples, as the aggregator would hand them over.
        Map<TablePartition, List<TableRow>> partitions = TableSamples.rows().values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(TableRow::partition, LinkedHashMap::new, Collectors.toList()));
        Map<String, List<TableRow>> expected = new TreeMap<>();
        for (Map.Entry<TablePartition, List<TableRow>> partition : partitions.entrySet()) {
            List<TableRow> rows = partition.getValue();
            WrittenFile file = sink.write(partition.getKey(), rows.stream().map(TableRow::record).iterator());
            assertThat(file.key()).isEqualTo(partition.getKey().objectKey("fleet_aggregations", 0));
            assertThat(file.rows()).isEqualTo(rows.size());
            expected.put(file.key(), rows);
        }
        assertThat(expected.keySet()).extracting(key -> key.split("/")[1]).containsAll(
                List.of(ParquetTable.values()).stream().map(ParquetTable::tableName).toList());

        // Late rows of an hour already written: a second file beside the first.
        TablePartition ruleHits = new TablePartition(ParquetTable.RULE_HITS, Instant.parse("2021-02-08T00:00:00Z"));
        List<TableRow> late = partitions.get(ruleHits);
        WrittenFile second = sink.write(ruleHits, late.stream().map(TableRow::record).iterator());
        assertThat(second.key()).isEqualTo("fleet_aggregations/rule_hits/hourly/date=2021-02-08/hour=00/rule_hits-1.parquet");
        expected.put(second.key(), late);

        List<String> keys = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            keys.add(object.key());
        }
        assertThat(keys).containsExactlyInAnyOrderElementsOf(expected.keySet());

        Path local = temp.resolve("download.parquet");
        for (Map.Entry<String, List<TableRow>> file : expected.entrySet()) {
            Files.deleteIfExists(local);
            s3.getObject(b -> b.bucket(bucket).key(file.getKey()), local);
            ParquetTable table = file.getValue().get(0).table();
            assertThat(ParquetFiles.read(local).stream().map(Messages::values).toList()).as(file.getKey())
                    .isEqualTo(file.getValue().stream().map(r -> Messages.values(r.record())).toList());
            MessageType schema = ParquetFiles.footer(local).getFileMetaData().getSchema();
            for (Column column : table.columns()) {
                PrimitiveType type = schema.getType(column.name()).asPrimitiveType();
                assertThat(type.getPrimitiveTypeName()).isEqualTo(ParquetFileWriterTest.physical(column.type()));
                assertThat(type.getLogicalTypeAnnotation()).isEqualTo(ParquetFileWriterTest.logical(column.type()));
            }
        }
        Files.delete(local);
        // The sink's guard against a second writer relies on it; both servers here honour it.
        assertThat(conditionalPutHonoured(s3, bucket, second.key())).as("If-None-Match: * honoured").isTrue();
        assertThat(temp).isEmptyDirectory(); // the sink's temporary files are gone
    }

    /** Whether the store refuses {@code If-None-Match: *} on an existing key. */
    private static boolean conditionalPutHonoured(S3Client s3, String bucket, String existingKey) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(existingKey + ".probe").ifNoneMatch("*"), RequestBody.fromString("x"));
            s3.putObject(b -> b.bucket(bucket).key(existingKey + ".probe").ifNoneMatch("*"), RequestBody.fromString("y"));
            return false;
        } catch (S3Exception e) {
            return e.statusCode() == 412;
        }
    }
}

package parquet;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Object keys, file numbering and temp-file cleanup, on an in-memory bucket. */
class ParquetSinkTest {

    static final Instant HOUR = Instant.parse("2021-02-08T00:59:34Z");
    static final String FOLDER = "fleet_aggregations/rule_hits/hourly/date=2021-02-08/hour=00/";

    @TempDir
    Path temp;

    final InMemoryS3 s3 = new InMemoryS3();

    ParquetSink sink() {
        return new ParquetSink(s3, "bucket", TablePartition.DEFAULT_PREFIX, new ParquetFileWriter(), temp);
    }

    static Iterator<GenericRecord> hits() {
        return TableSamples.records(ParquetTable.RULE_HITS).iterator();
    }

    @Test
    void filesOfOnePartitionAreNumberedFromZero() throws IOException {
        ParquetSink sink = sink();
        WrittenFile first = sink.write(ParquetTable.RULE_HITS, HOUR, hits());
        WrittenFile second = sink.write(ParquetTable.RULE_HITS, HOUR, hits());
        WrittenFile otherHour = sink.write(ParquetTable.RULE_HITS, HOUR.plusSeconds(3600), hits());

        assertThat(first.key()).isEqualTo(FOLDER + "rule_hits-0.parquet");
        assertThat(second.key()).isEqualTo(FOLDER + "rule_hits-1.parquet");
        assertThat(otherHour.key()).isEqualTo("fleet_aggregations/rule_hits/hourly/date=2021-02-08/hour=01/rule_hits-0.parquet");
        assertThat(first.rows()).isEqualTo(3);
        assertThat(first.bytes()).isEqualTo(s3.objects.get(first.key()).length).isPositive();
        assertThat(temp).isEmptyDirectory();

        Path copy = temp.resolve("copy.parquet");
        Files.write(copy, s3.objects.get(first.key()));
        assertThat(ParquetFiles.read(copy).stream().map(Messages::values).toList()).isEqualTo(SpecTables.RULE_HITS);
    }

    @Test
    void theNextIndexFollowsTheHighestFileNotTheCount() throws IOException {
        s3.objects.put(FOLDER + "rule_hits-7.parquet", new byte[1]);
        s3.objects.put(FOLDER + "rule_hits-x.parquet", new byte[1]);
        s3.objects.put(FOLDER + "_SUCCESS", new byte[1]);
        s3.objects.put(FOLDER + "archives-12.parquet", new byte[1]);
        s3.objects.put("fleet_aggregations/rule_hits/hourly/date=2021-02-08/hour=001/rule_hits-20.parquet", new byte[1]);

        assertThat(sink().write(ParquetTable.RULE_HITS, HOUR, hits()).key()).isEqualTo(FOLDER + "rule_hits-8.parquet");
    }

    @Test
    void aKeyTakenBetweenListingAndUploadMovesToTheNextIndex() throws IOException {
        s3.beforePut = key -> {
            if (key.endsWith("rule_hits-0.parquet")) {
                s3.objects.putIfAbsent(key, new byte[] {1}); // another writer wins index 0
            }
        };
        WrittenFile file = sink().write(ParquetTable.RULE_HITS, HOUR, hits());
        assertThat(file.key()).isEqualTo(FOLDER + "rule_hits-1.parquet");
        assertThat(s3.objects.get(FOLDER + "rule_hits-0.parquet")).containsExactly(1);
    }

    @Test
    void aFailedUploadLeavesNoTempFile() {
        s3.failPutsWith = 500;
        assertThatThrownBy(() -> sink().write(ParquetTable.RULE_HITS, HOUR, hits())).isInstanceOf(S3Exception.class);
        assertThat(temp).isEmptyDirectory();
        assertThat(s3.objects).isEmpty();
    }

    @Test
    void aFailedWriteLeavesNoTempFileAndUploadsNothing() {
        Iterator<GenericRecord> wrong = TableSamples.records(ParquetTable.ARCHIVES).iterator();
        assertThatThrownBy(() -> sink().write(ParquetTable.RULE_HITS, HOUR, wrong)).isInstanceOf(IllegalArgumentException.class);
        assertThat(temp).isEmptyDirectory();
        assertThat(s3.objects).isEmpty();
    }

    @Test
    void aConfiguredPrefix() throws IOException {
        ParquetSink sink = new ParquetSink(s3, "bucket", "ccx/parquet", new ParquetFileWriter(), temp);
        assertThat(sink.write(new TablePartition(ParquetTable.ARCHIVES, HOUR), TableSamples.records(ParquetTable.ARCHIVES).iterator()).key())
                .isEqualTo("ccx/parquet/archives/hourly/date=2021-02-08/hour=00/archives-0.parquet");
        assertThatThrownBy(() -> new ParquetSink(s3, "bucket", "ccx/", new ParquetFileWriter(), temp))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(sink.bucket(), sink.prefix())).containsExactly("bucket", "ccx/parquet");
    }
}

package parquet;

import org.apache.avro.generic.GenericRecord;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes one table's rows of one hour as a Parquet file and uploads it to
 * {@code <prefix>/<table>/hourly/date=YYYY-MM-DD/hour=HH/<table>-<N>.parquet} (§13.3).
 * <p>
 * The rows stream into a temporary file ({@link ParquetFileWriter}), which is uploaded from disk
 * and then deleted, so an hour is never held in memory. N is the next free index of the
 * partition: one more than the highest {@code <table>-<N>.parquet} listed there (0 for an empty
 * partition), so late rows of an hour already written go to a new file beside the first.
 * <p>
 * Race assumption: <b>one writer per table</b> (one factory instance, or instances that split the
 * tables between them). Two writers of the same partition could both pick the same N between the
 * listing and the upload. As a guard the upload is conditional ({@code If-None-Match: *}, which
 * AWS S3 and recent Ceph honour): if the key appeared meanwhile the store answers 412 and the
 * next N is tried. Stores that ignore the header give the plain list-then-put behaviour.
 */
public final class ParquetSink {

    private static final int MAX_INDEX_ATTEMPTS = 10;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final ParquetFileWriter writer;
    private final Path tempDir;

    /** Default prefix {@value TablePartition#DEFAULT_PREFIX}, default writer, the JVM's temp directory. */
    public ParquetSink(S3Client s3, String bucket) {
        this(s3, bucket, TablePartition.DEFAULT_PREFIX);
    }

    public ParquetSink(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, prefix, new ParquetFileWriter(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param prefix  key prefix without a trailing slash, e.g. {@code fleet_aggregations}
     * @param tempDir where the file is built before the upload
     */
    public ParquetSink(S3Client s3, String bucket, String prefix, ParquetFileWriter writer, Path tempDir) {
        if (prefix == null || prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("prefix must be non-empty without leading or trailing '/': " + prefix);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.writer = writer;
        this.tempDir = tempDir;
    }

    public String bucket() {
        return bucket;
    }

    public String prefix() {
        return prefix;
    }

    /** {@link #write(TablePartition, Iterator)} for {@code table} and the hour of {@code hour}. */
    public WrittenFile write(ParquetTable table, Instant hour, Iterator<? extends GenericRecord> rows) throws IOException {
        return write(new TablePartition(table, hour), rows);
    }

    /**
     * Writes the rows (at least the caller should have one: an empty iterator still gives a valid,
     * empty file) and uploads the file under the partition's next free index.
     */
    public WrittenFile write(TablePartition partition, Iterator<? extends GenericRecord> rows) throws IOException {
        return write(partition, rows, Map.of());
    }

    /** As {@link #write(TablePartition, Iterator)}, with user metadata on the object (e.g. a batch marker). */
    public WrittenFile write(TablePartition partition, Iterator<? extends GenericRecord> rows, Map<String, String> metadata)
            throws IOException {
        Path file = Files.createTempFile(tempDir, partition.table().tableName() + "-", ".parquet");
        try {
            Files.delete(file); // the Parquet writer creates the file itself and refuses an existing one
            long count = writer.write(partition.table(), rows, file);
            long bytes = Files.size(file);
            return new WrittenFile(upload(partition, file, metadata), count, bytes);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The next free index of the partition: highest existing N + 1, or 0. */
    public int nextIndex(TablePartition partition) {
        String folder = partition.folder(prefix);
        Pattern name = Pattern.compile(Pattern.quote(partition.table().tableName()) + "-([0-9]{1,9})\\.parquet");
        int next = 0;
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(folder).build();
        for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
            Matcher m = name.matcher(object.key().substring(folder.length()));
            if (m.matches()) {
                next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
            }
        }
        return next;
    }

    /** The key of the partition's file whose user metadata {@code name} equals {@code value}, if any. */
    public java.util.Optional<String> findByMetadata(TablePartition partition, String name, String value) {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(partition.folder(prefix)).build();
        for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
            String found = s3.headObject(b -> b.bucket(bucket).key(object.key())).metadata().get(name);
            if (value.equals(found)) {
                return java.util.Optional.of(object.key());
            }
        }
        return java.util.Optional.empty();
    }

    /** Deletes every file of the partition (a re-run replaces the hour); returns how many. */
    public int deleteAll(TablePartition partition) {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(partition.folder(prefix)).build();
        int deleted = 0;
        for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
            s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
            deleted++;
        }
        return deleted;
    }

    private String upload(TablePartition partition, Path file, Map<String, String> metadata) {
        int index = nextIndex(partition);
        for (int attempt = 1; ; attempt++) {
            String key = partition.objectKey(prefix, index);
            try {
                s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/vnd.apache.parquet").ifNoneMatch("*")
                                .metadata(metadata),
                        RequestBody.fromFile(file));
                return key;
            } catch (S3Exception e) {
                if (e.statusCode() != 412 || attempt == MAX_INDEX_ATTEMPTS) {
                    throw e;
                }
                index = Math.max(index + 1, nextIndex(partition)); // someone took N meanwhile
            }
        }
    }
}

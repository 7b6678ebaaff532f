package testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import model.Json;
import model.S3EventNotification;
import model.S3EventNotification.Bucket;
import model.S3EventNotification.Record;
import model.S3EventNotification.S3;
import model.S3EventNotification.S3Object;

/**
 * The S3 event notifications the tests put on SQS: the one AWS sends for an upload (every field, as
 * the demo, the suites and the benchmarks send it), and the few fields the listener reads, written
 * from the pipeline's own {@link S3EventNotification} (route and integration tests, hostile keys).
 */
public final class S3Events {
    private S3Events() {
    }

    /** An {@code ObjectCreated:Put} notification (one record) for {@code key} in {@code bucket}, as JSON. */
    public static String objectCreated(String bucket, String key, long size, String eTag) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", "us-east-1")
                .put("eventTime", Instant.now().toString()).put("eventName", "ObjectCreated:Put");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        s3.putObject("object").put("key", key).put("size", size).put("eTag", eTag)
                .put("sequencer", Long.toHexString(System.nanoTime()).toUpperCase());
        return write(root);
    }

    /** One {@code ObjectCreated:Put} record a key, with only the fields the listener reads (bucket, key, size). */
    public static String keys(String bucket, long size, String... keys) {
        return write(new S3EventNotification(Arrays.stream(keys)
                .map(key -> new Record("ObjectCreated:Put", null, new S3(new Bucket(bucket), new S3Object(key, size, null, null))))
                .toList(), null, null, null, null, null, null));
    }

    /** {@link #keys} of one record whose {@code key} is this JSON text as written (a number, a hostile string: not re-encoded). */
    public static String rawKey(String bucket, String keyJson) {
        String placeholder = "raw-key-" + System.nanoTime();
        return keys(bucket, 1, placeholder).replace("\"" + placeholder + "\"", keyJson);
    }

    private static String write(Object notification) {
        try {
            return Json.mapper().writeValueAsString(notification);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import model.Json;

/** The S3 event notification AWS puts on SQS for one uploaded object, as the demo and the suites send it. */
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
        try {
            return Json.mapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import errors.BadInputException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import model.ArchiveNew;
import model.Json;
import model.S3EventNotification;
import storage.InvalidKeyException;
import storage.S3Key;

/**
 * Turns one S3 event notification (an SQS message body) into one archive-new message per S3
 * record (contract §6, not only {@code Records[0]}); records whose key is not an archive key are
 * rejected one by one so the good records of the same notification still go through.
 */
public final class S3EventSplitter {

    /** What became of one S3 record. */
    public sealed interface Outcome permits Accepted, Rejected, TestEvent {
    }

    /**
     * The {@code s3:TestEvent} S3 sends when a notification is configured (contract §4.3): skipped,
     * produces nothing; the SQS message is deleted like any other handled one.
     */
    public record TestEvent(String bucket) implements Outcome {
    }

    public record Accepted(ArchiveNew message) implements Outcome {
    }

    public record Rejected(String reason, String key) implements Outcome {
    }

    /** The SQS message body as received (already checked against the S3 event contract). */
    public List<Outcome> splitJson(String body, String sqsMessageId) {
        try {
            return split(Json.mapper().readValue(body, S3EventNotification.class), sqsMessageId);
        } catch (JsonProcessingException e) {
            throw new BadInputException("SQS body is not an S3 event notification: " + e.getOriginalMessage(), e);
        }
    }

    public List<Outcome> split(S3EventNotification notification, String sqsMessageId) {
        if (notification.isTestEvent()) {
            return List.of(new TestEvent(notification.bucket()));
        }
        if (notification.records() == null || notification.records().isEmpty()) {
            throw new BadInputException("S3 event notification without Records");
        }
        long id = stableMessageId(sqsMessageId);
        List<Outcome> outcomes = new ArrayList<>();
        for (S3EventNotification.Record record : notification.records()) {
            String key = record.s3() == null || record.s3().object() == null ? null : record.s3().object().key();
            if (key == null) {
                outcomes.add(new Rejected("S3 record without s3.object.key", null));
                continue;
            }
            // AWS URL-encodes object keys in event notifications (space as '+').
            String decoded = URLDecoder.decode(key, StandardCharsets.UTF_8);
            try {
                S3Key s3Key = S3Key.parse(decoded);
                outcomes.add(new Accepted(new ArchiveNew(s3Key.clusterId(), s3Key.toString(), id)));
            } catch (InvalidKeyException e) {
                outcomes.add(new Rejected(e.getMessage(), decoded));
            }
        }
        return outcomes;
    }

    /**
     * The documented {@code sqs_message_id} is a positive integer, but SQS receipt handles are opaque
     * strings that change on every receive. We derive it from the SQS MessageId, which stays the same
     * when a message is redelivered: the first 53 bits of its SHA-256 (53 so that JSON readers that
     * use doubles keep it exact), never 0.
     */
    public static long stableMessageId(String sqsMessageId) {
        if (sqsMessageId == null || sqsMessageId.isBlank()) {
            throw new IllegalArgumentException("SQS message without MessageId");
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(sqsMessageId.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            long id = v >>> 11;
            return id == 0 ? 1 : id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

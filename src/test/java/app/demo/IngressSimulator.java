package app.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import storage.S3Key;
import testing.S3Events;

/**
 * Plays the platform's Ingress for the demo: stores an uploaded archive in the AWS S3 bucket
 * under an S3Key (contract §3.2) and sends the S3 event notification AWS would put on SQS (§5.3).
 */
public final class IngressSimulator {
    private final S3Client s3;
    private final String bucket;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String organization;

    public IngressSimulator(S3Client s3, String bucket, SqsClient sqs, String queueUrl, String organization) {
        this.s3 = s3;
        this.bucket = bucket;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.organization = organization;
    }

    /** An upload as the pipeline sees it: the key written and the notification sent. */
    public record Upload(Path archive, S3Key key, String notification) {
    }

    /** Uploads {@code archive} as its cluster ({@link DemoArchive#clusterId()}: Ingress takes it from the uploader's identity). */
    public Upload upload(DemoArchive archive, LocalDateTime uploadedAt) throws IOException {
        return upload(archive.file(), archive.clusterId(), uploadedAt);
    }

    public Upload upload(Path archive, String clusterId, LocalDateTime uploadedAt) throws IOException {
        byte[] bytes = Files.readAllBytes(archive);
        S3Key key = new S3Key(organization, clusterId, uploadedAt.truncatedTo(ChronoUnit.SECONDS), md5(archive.toString() + uploadedAt));
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key(key.toString()).contentType("application/gzip"),
                RequestBody.fromBytes(bytes));
        String notification = S3Events.objectCreated(bucket, key.toString(), bytes.length, put.eTag().replace("\"", ""));
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(notification));
        return new Upload(archive, key, notification);
    }

    public static LocalDateTime nowUtc() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }

    private static String md5(String seed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import storage.S3Key;

/**
 * Generated uploads for the suites that feed the pipeline from its front door (fault suite, topology
 * test): the bundled sample archive with its {@code config/id} replaced by a fresh cluster id,
 * stored in the ingress bucket under a §3.2 key, and the S3 event notification AWS would put on
 * SQS for it.
 */
public final class GeneratedUploads {
    public static final String ORG = "4242";

    private final byte[] sample;
    private final S3Client s3;
    private final String bucket;
    private final SqsClient sqs;
    private final String queueUrl;

    public GeneratedUploads(S3Client s3, String bucket, SqsClient sqs, String queueUrl) throws IOException {
        try (InputStream in = GeneratedUploads.class.getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
            this.sample = in.readAllBytes();
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** One upload: its cluster id, S3 key and the archive bytes. */
    public record Upload(String clusterId, S3Key key, byte[] bytes) {
    }

    public Upload create(String scenario, int index, LocalDateTime uploadedAt) throws IOException {
        String clusterId = clusterId(scenario, index);
        return new Upload(clusterId, key(clusterId, uploadedAt), withClusterId(clusterId));
    }

    /** An OpenShift Lightspeed upload (2024 shape): {@link OlsArchives#of} of a fresh cluster id, the id in the key as for any upload. */
    public Upload createOls(String scenario, int index, LocalDateTime uploadedAt) {
        String clusterId = clusterId(scenario, index);
        return new Upload(clusterId, key(clusterId, uploadedAt), OlsArchives.of(clusterId, ""));
    }

    private static String clusterId(String scenario, int index) {
        return UUID.nameUUIDFromBytes((scenario + "/" + index + "/" + System.nanoTime()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static S3Key key(String clusterId, LocalDateTime uploadedAt) {
        String requestId = UUID.nameUUIDFromBytes(clusterId.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
        return new S3Key(ORG, clusterId, uploadedAt, requestId);
    }

    public void upload(Upload u) {
        s3.putObject(b -> b.bucket(bucket).key(u.key().toString()).contentType("application/gzip"),
                RequestBody.fromBytes(u.bytes()));
    }

    public void notify(Upload u) {
        String body = S3Events.objectCreated(bucket, u.key().toString(), u.bytes().length, u.key().requestId());
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }

    /** Uploads {@code uploads[from, to)} one by one, each announced on SQS right after it is stored, {@code gapMs} apart. */
    public void feed(List<Upload> uploads, int from, int to, long gapMs) throws InterruptedException {
        for (int i = from; i < to; i++) {
            upload(uploads.get(i));
            notify(uploads.get(i));
            Thread.sleep(gapMs);
        }
    }

    /** The sample archive, entry by entry, with config/id holding {@code clusterId}. */
    private byte[] withClusterId(String clusterId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sample.length + 1024);
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(sample)));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] content = entry.isFile() ? in.readAllBytes() : new byte[0];
                String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                if (entry.isFile() && name.equals("config/id")) {
                    content = clusterId.getBytes(StandardCharsets.US_ASCII);
                }
                TarArchiveEntry copy = new TarArchiveEntry(entry.getName());
                if (entry.isDirectory()) {
                    tar.putArchiveEntry(copy);
                    tar.closeArchiveEntry();
                } else if (entry.isFile()) {
                    copy.setSize(content.length);
                    copy.setModTime(entry.getModTime());
                    tar.putArchiveEntry(copy);
                    tar.write(content);
                    tar.closeArchiveEntry();
                }
            }
        }
        return out.toByteArray();
    }
}

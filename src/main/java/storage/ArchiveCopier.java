package storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.io.input.BoundedInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Streams one archive from the AWS S3 bucket into the Ceph bucket. Memory stays flat: the
 * object is never held whole; above the multipart threshold it goes up part by part, each
 * part streamed from the source. Idempotent: a target that already holds the same source
 * object (same size and source ETag) is not uploaded again.
 */
public final class ArchiveCopier {
    static final String SOURCE_ETAG = "ccx-source-etag";
    static final String SOURCE_KEY = "ccx-source-key";

    private final S3Client source;
    private final String sourceBucket;
    private final S3Client target;
    private final String targetBucket;
    private final long maxBytes;
    private final long partBytes;

    public ArchiveCopier(S3Client source, String sourceBucket, S3Client target, String targetBucket,
                         long maxBytes, long partBytes) {
        if (partBytes < 5L * 1024 * 1024) {
            throw new IllegalArgumentException("S3 multipart parts must be at least 5 MiB, got " + partBytes);
        }
        this.source = source;
        this.sourceBucket = sourceBucket;
        this.target = target;
        this.targetBucket = targetBucket;
        this.maxBytes = maxBytes;
        this.partBytes = partBytes;
    }

    /** What a copy did: the bytes moved (0 when the target already had the archive). */
    public record Result(String sourceKey, String targetKey, long size, boolean uploaded) {
    }

    /**
     * Copies an object of the AWS S3 bucket; its ETag marks the version copied. One GET gives both
     * the bytes and their size and ETag, so the copy costs a GET, a HEAD on the target (for
     * idempotency) and a PUT; the version is pinned by the GET itself.
     */
    public Result copy(String sourceKey, String targetKey) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = sourceGet(sourceKey)) {
            long size = in.response().contentLength() == null ? -1 : in.response().contentLength();
            try {
                checkSize(sourceKey, size);
                String etag = strip(in.response().eTag());
                if (alreadyCopied(targetKey, size, etag)) {
                    in.abort(); // a redelivery: don't read the body just to throw it away
                    return new Result(sourceKey, targetKey, size, false);
                }
                upload(in, size, targetKey, Map.of(SOURCE_ETAG, etag, SOURCE_KEY, sourceKey));
            } catch (RuntimeException | IOException e) {
                in.abort();
                throw e;
            }
            return new Result(sourceKey, targetKey, size, true);
        }
    }

    /**
     * Copies an archive arriving as a stream of known length (a download by URL);
     * {@code sourceId} (e.g. the upload request id) marks the version for idempotency.
     */
    public Result copyStream(InputStream in, long size, String sourceKey, String sourceId, String targetKey) throws IOException {
        checkSize(sourceKey, size);
        if (alreadyCopied(targetKey, size, sourceId)) {
            return new Result(sourceKey, targetKey, size, false);
        }
        upload(in, size, targetKey, Map.of(SOURCE_ETAG, sourceId, SOURCE_KEY, sourceKey));
        return new Result(sourceKey, targetKey, size, true);
    }

    private void checkSize(String sourceKey, long size) {
        if (size < 0) {
            throw new ArchiveTooLargeException("archive " + sourceKey + " has no known length");
        }
        if (size > maxBytes) {
            throw new ArchiveTooLargeException("archive " + sourceKey + " has " + size + " bytes, over the limit of " + maxBytes);
        }
    }

    private void upload(InputStream in, long size, String targetKey, Map<String, String> metadata) throws IOException {
        if (size <= partBytes) {
            target.putObject(b -> b.bucket(targetBucket).key(targetKey).contentType("application/gzip").metadata(metadata),
                    RequestBody.fromInputStream(in, size));
        } else {
            multipart(in, size, targetKey, metadata);
        }
    }

    private void multipart(InputStream in, long size, String key, Map<String, String> metadata) throws IOException {
        String uploadId = target.createMultipartUpload(b -> b.bucket(targetBucket).key(key)
                .contentType("application/gzip").metadata(metadata)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long offset = 0;
            for (int number = 1; offset < size; number++) {
                long length = Math.min(partBytes, size - offset);
                InputStream part = BoundedInputStream.builder().setInputStream(in).setMaxCount(length)
                        .setPropagateClose(false).get();
                int n = number;
                String etag = target.uploadPart(b -> b.bucket(targetBucket).key(key).uploadId(uploadId).partNumber(n)
                        .contentLength(length), RequestBody.fromInputStream(part, length)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                offset += length;
            }
            target.completeMultipartUpload(b -> b.bucket(targetBucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException | IOException e) {
            // Leave no orphaned parts behind; the retry starts a fresh upload.
            try {
                target.abortMultipartUpload(b -> b.bucket(targetBucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    private ResponseInputStream<GetObjectResponse> sourceGet(String key) {
        try {
            return source.getObject(b -> b.bucket(sourceBucket).key(key));
        } catch (NoSuchKeyException e) {
            throw missing(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw missing(key);
            }
            throw e;
        }
    }

    private ArchiveMissingException missing(String key) {
        return new ArchiveMissingException("archive " + key + " is not in s3://" + sourceBucket
                + " (uploads are kept two days)");
    }

    private boolean alreadyCopied(String key, long size, String sourceVersion) {
        try {
            HeadObjectResponse existing = target.headObject(b -> b.bucket(targetBucket).key(key));
            return existing.contentLength() == size
                    && Objects.equals(existing.metadata().get(SOURCE_ETAG), sourceVersion);
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static String strip(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }
}

package storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
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
 * object is never held whole; above the multipart threshold it goes up in parts, a bounded
 * number of them in memory at once (the next read while the last ones upload). Idempotent: a target that already holds the same source
 * object (same size and source ETag) is not uploaded again.
 */
public final class ArchiveCopier {
    /** User metadata of a copy: the source object's ETag (the version copied) and key. */
    public static final String SOURCE_ETAG = "ccx-source-etag";
    public static final String SOURCE_KEY = "ccx-source-key";

    private final S3Client source;
    private final String sourceBucket;
    private final S3Client target;
    private final String targetBucket;
    private final long maxBytes;
    private final long partBytes;
    private final long singlePutMaxBytes;
    /** Parts held in memory (one being read from the source, the others uploading), over every copy of this copier. */
    private final Semaphore partsInFlight;
    private final ExecutorService partUploads;

    /** Parts in flight when not configured: the next part is read from S3 while the last one goes to Ceph. */
    public static final int DEFAULT_PARTS_IN_FLIGHT = 2;

    /** Archives up to {@code partBytes} in one PUT, larger ones in parts of that size. */
    public ArchiveCopier(S3Client source, String sourceBucket, S3Client target, String targetBucket,
                         long maxBytes, long partBytes) {
        this(source, sourceBucket, target, targetBucket, maxBytes, partBytes, DEFAULT_PARTS_IN_FLIGHT, partBytes);
    }

    /**
     * @param singlePutMaxBytes archives up to this size go in one streamed PUT (no part held in
     *                          memory, one request); larger ones in parts of {@code partBytes}
     */
    public ArchiveCopier(S3Client source, String sourceBucket, S3Client target, String targetBucket,
                         long maxBytes, long partBytes, int partsInFlight, long singlePutMaxBytes) {
        if (partBytes < 5L * 1024 * 1024) {
            throw new IllegalArgumentException("S3 multipart parts must be at least 5 MiB, got " + partBytes);
        }
        if (partBytes > Integer.MAX_VALUE - 8 || partsInFlight < 1) {
            throw new IllegalArgumentException("parts are held in memory: at most 2 GiB each, at least one in flight");
        }
        this.partsInFlight = new Semaphore(partsInFlight);
        this.partUploads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "archive-part-upload");
            thread.setDaemon(true);
            return thread;
        });
        this.source = source;
        this.sourceBucket = sourceBucket;
        this.target = target;
        this.targetBucket = targetBucket;
        this.maxBytes = maxBytes;
        this.partBytes = partBytes;
        this.singlePutMaxBytes = Math.max(singlePutMaxBytes, partBytes);
    }

    /** What a copy did: the bytes moved (0 when the target already had the archive). */
    public record Result(String sourceKey, String targetKey, long size, boolean uploaded) {
    }

    /**
     * Copies an object of the AWS S3 bucket; its ETag marks the version copied. One GET gives both
     * the bytes and their size and ETag; the version is pinned by the GET itself. Up to the
     * single-PUT size the copy is that GET and one conditional PUT (a redelivery's PUT is refused,
     * then a HEAD tells the same version from another); above it, a HEAD and the parts.
     */
    public Result copy(String sourceKey, String targetKey) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = sourceGet(sourceKey)) {
            long size = sizeOf(in);
            try {
                checkSize(sourceKey, size);
                String etag = strip(in.response().eTag());
                Map<String, String> metadata = sourceMetadata(sourceKey, etag);
                if (size <= singlePutMaxBytes) {
                    // No HEAD first: the PUT itself refuses to replace an object already there (a redelivery).
                    if (putIfAbsent(in, size, targetKey, metadata)) {
                        return new Result(sourceKey, targetKey, size, true);
                    }
                    in.abort();
                    if (alreadyCopied(targetKey, size, etag)) {
                        return new Result(sourceKey, targetKey, size, false);
                    }
                    // Another object under this key (not the version copied before): replace it.
                    return replace(sourceKey, targetKey, etag);
                }
                if (alreadyCopied(targetKey, size, etag)) {
                    in.abort(); // a redelivery: don't read the body just to throw it away
                    return new Result(sourceKey, targetKey, size, false);
                }
                multipart(in, size, targetKey, metadata);
            } catch (RuntimeException | IOException e) {
                in.abort();
                throw e;
            }
            return new Result(sourceKey, targetKey, size, true);
        }
    }

    /** One streamed PUT with {@code If-None-Match: *}: false when the target already has an object there. */
    private boolean putIfAbsent(InputStream in, long size, String targetKey, Map<String, String> metadata) {
        try {
            target.putObject(b -> b.bucket(targetBucket).key(targetKey).contentType("application/gzip").metadata(metadata)
                    .ifNoneMatch("*"), RequestBody.fromInputStream(in, size));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return false;
            }
            throw e;
        }
    }

    private Result replace(String sourceKey, String targetKey, String etag) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = sourceGet(sourceKey)) {
            long size = sizeOf(in);
            checkSize(sourceKey, size);
            if (!strip(in.response().eTag()).equals(etag)) {
                in.abort();
                throw new IOException("archive " + sourceKey + " changed while it was copied; it is copied again on retry");
            }
            upload(in, size, targetKey, sourceMetadata(sourceKey, etag));
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
        upload(in, size, targetKey, sourceMetadata(sourceKey, sourceId));
        return new Result(sourceKey, targetKey, size, true);
    }

    /** Archives larger than this go up in parts ({@link #copyInParts}); the rest in one PUT. */
    public long singlePutMaxBytes() {
        return singlePutMaxBytes;
    }

    /** What a copy in Ceph records about its source (user metadata). */
    public static Map<String, String> sourceMetadata(String sourceKey, String sourceVersion) {
        return Map.of(SOURCE_ETAG, sourceVersion, SOURCE_KEY, sourceKey);
    }

    /** Whether an object in Ceph (its HEAD) is the copy of that source version. */
    public static boolean isCopyOf(HeadObjectResponse existing, long size, String sourceVersion) {
        return existing.contentLength() != null && existing.contentLength() == size
                && Objects.equals(existing.metadata().get(SOURCE_ETAG), sourceVersion);
    }

    /**
     * An archive above the single-PUT size, its GET body {@code in}: not uploaded again when Ceph
     * has that version already (a HEAD), else in parts with several in flight. Raw SDK because
     * camel-aws2-s3's multipart reads and uploads its parts one after another (and ignores a
     * per-message bucket), which is what made large archives slow.
     */
    public Result copyInParts(InputStream in, long size, String sourceKey, String sourceVersion, String targetKey)
            throws IOException {
        checkSize(sourceKey, size);
        if (alreadyCopied(targetKey, size, sourceVersion)) {
            return new Result(sourceKey, targetKey, size, false);
        }
        multipart(in, size, targetKey, sourceMetadata(sourceKey, sourceVersion));
        return new Result(sourceKey, targetKey, size, true);
    }

    /** Too large, or of unknown length: bad input ({@link ArchiveTooLargeException}). */
    public void checkSize(String sourceKey, long size) {
        if (size < 0) {
            throw new ArchiveTooLargeException("archive " + sourceKey + " has no known length");
        }
        if (size > maxBytes) {
            throw new ArchiveTooLargeException("archive " + sourceKey + " has " + size + " bytes, over the limit of " + maxBytes);
        }
    }

    private void upload(InputStream in, long size, String targetKey, Map<String, String> metadata) throws IOException {
        if (size <= singlePutMaxBytes) {
            target.putObject(b -> b.bucket(targetBucket).key(targetKey).contentType("application/gzip").metadata(metadata),
                    RequestBody.fromInputStream(in, size));
        } else {
            multipart(in, size, targetKey, metadata);
        }
    }

    /**
     * Parts go up several at once (at most {@code partsInFlight} held in memory over the whole
     * copier, so memory stays bounded): the next part is read from the source while earlier ones
     * are uploading. A part failing aborts the upload once the others have stopped.
     */
    private void multipart(InputStream in, long size, String key, Map<String, String> metadata) throws IOException {
        String uploadId = target.createMultipartUpload(b -> b.bucket(targetBucket).key(key)
                .contentType("application/gzip").metadata(metadata)).uploadId();
        List<Future<CompletedPart>> parts = new ArrayList<>();
        try {
            long offset = 0;
            for (int number = 1; offset < size; number++) {
                int length = (int) Math.min(partBytes, size - offset);
                partsInFlight.acquire();
                boolean submitted = false;
                try {
                    byte[] bytes = in.readNBytes(length);
                    if (bytes.length != length) {
                        throw new IOException("archive ended after " + (offset + bytes.length) + " of " + size + " bytes");
                    }
                    int n = number;
                    parts.add(partUploads.submit(() -> {
                        try {
                            String etag = target.uploadPart(b -> b.bucket(targetBucket).key(key).uploadId(uploadId)
                                    .partNumber(n).contentLength((long) length),
                                    // Not fromBytes: it copies the part, twice its memory; a fresh stream per attempt instead.
                                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes), length,
                                            "application/octet-stream")).eTag();
                            return CompletedPart.builder().partNumber(n).eTag(etag).build();
                        } finally {
                            partsInFlight.release();
                        }
                    }));
                    submitted = true;
                } finally {
                    if (!submitted) {
                        partsInFlight.release();
                    }
                }
                offset += length;
            }
            List<CompletedPart> completed = new ArrayList<>();
            for (Future<CompletedPart> part : parts) {
                completed.add(part.get());
            }
            target.completeMultipartUpload(b -> b.bucket(targetBucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(completed)));
        } catch (RuntimeException | IOException | InterruptedException | ExecutionException e) {
            // Leave no orphaned parts behind; the retry starts a fresh upload.
            for (Future<CompletedPart> part : parts) {
                try {
                    part.get();
                } catch (InterruptedException | ExecutionException | RuntimeException ignored) {
                    // done or failed: either way no longer uploading
                }
            }
            try {
                target.abortMultipartUpload(b -> b.bucket(targetBucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while uploading " + key, e);
            }
            if (e instanceof ExecutionException failed) {
                Throwable cause = failed.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException("part upload of " + key + " failed", cause);
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e;
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
            return isCopyOf(target.headObject(b -> b.bucket(targetBucket).key(key)), size, sourceVersion);
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** The object's length from its GET response; -1 when the response has none. */
    private static long sizeOf(ResponseInputStream<GetObjectResponse> in) {
        Long length = in.response().contentLength();
        return length == null ? -1 : length;
    }

    public static String strip(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }
}

package storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** Multipart uploads with parts in flight together, against an in-memory target that records them. */
class ArchiveCopierMultipartTest {
    static final int MIB = 1024 * 1024;

    /** A target bucket whose part uploads take a while, so overlapping ones can be counted. */
    static final class SlowTarget implements S3Client {
        final Map<Integer, byte[]> parts = new ConcurrentHashMap<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final List<CompletedPart> completed = new CopyOnWriteArrayList<>();
        volatile boolean aborted;
        volatile int failPart = -1;

        @Override
        public HeadObjectResponse headObject(Consumer<HeadObjectRequest.Builder> request) {
            throw NoSuchKeyException.builder().statusCode(404).build();
        }

        @Override
        public CreateMultipartUploadResponse createMultipartUpload(Consumer<CreateMultipartUploadRequest.Builder> request) {
            return CreateMultipartUploadResponse.builder().uploadId("u1").build();
        }

        @Override
        public UploadPartResponse uploadPart(Consumer<UploadPartRequest.Builder> request, RequestBody body) {
            UploadPartRequest.Builder builder = UploadPartRequest.builder();
            request.accept(builder);
            int number = builder.build().partNumber();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(100);
                if (number == failPart) {
                    throw new UncheckedIOException(new IOException("part " + number + " refused"));
                }
                try (var in = body.contentStreamProvider().newStream()) {
                    parts.put(number, in.readAllBytes());
                }
                return UploadPartResponse.builder().eTag("e" + number).build();
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public CompleteMultipartUploadResponse completeMultipartUpload(Consumer<CompleteMultipartUploadRequest.Builder> request) {
            CompleteMultipartUploadRequest.Builder builder = CompleteMultipartUploadRequest.builder();
            request.accept(builder);
            completed.addAll(builder.build().multipartUpload().parts());
            return CompleteMultipartUploadResponse.builder().build();
        }

        @Override
        public AbortMultipartUploadResponse abortMultipartUpload(Consumer<AbortMultipartUploadRequest.Builder> request) {
            aborted = true;
            return AbortMultipartUploadResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }

    private static byte[] archive(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + i / 7);
        }
        return bytes;
    }

    @Test
    void partsGoUpTogetherBoundedAndTheUploadIsCompleteAndInOrder() throws Exception {
        SlowTarget target = new SlowTarget();
        ArchiveCopier copier = new ArchiveCopier(null, null, target, "datahub", Long.MAX_VALUE, 5L * MIB, 2, 5L * MIB);
        byte[] bytes = archive(23 * MIB);
        copier.copyStream(new ByteArrayInputStream(bytes), bytes.length, "k", "id", "archives/k");

        assertThat(target.mostAtOnce.get()).as("parts in flight together, never more than the bound").isEqualTo(2);
        assertThat(target.completed).extracting(CompletedPart::partNumber).containsExactly(1, 2, 3, 4, 5);
        assertThat(target.completed).extracting(CompletedPart::eTag).containsExactly("e1", "e2", "e3", "e4", "e5");
        var joined = new java.io.ByteArrayOutputStream();
        for (int n = 1; n <= 5; n++) {
            joined.write(target.parts.get(n));
        }
        assertThat(joined.toByteArray()).isEqualTo(bytes);
        assertThat(target.aborted).isFalse();
    }

    @Test
    void aFailedPartAbortsTheUploadAndFailsTheCopy() {
        SlowTarget target = new SlowTarget();
        target.failPart = 2;
        ArchiveCopier copier = new ArchiveCopier(null, null, target, "datahub", Long.MAX_VALUE, 5L * MIB, 2, 5L * MIB);
        byte[] bytes = archive(16 * MIB);
        assertThatThrownBy(() -> copier.copyStream(new ByteArrayInputStream(bytes), bytes.length, "k", "id", "archives/k"))
                .hasMessageContaining("part 2 refused");
        assertThat(target.aborted).isTrue();
        assertThat(target.completed).isEmpty();
        assertThat(target.running.get()).as("no part still uploading after the abort").isZero();
    }

    @Test
    void aSourceShorterThanItsLengthFailsTheCopy() {
        SlowTarget target = new SlowTarget();
        ArchiveCopier copier = new ArchiveCopier(null, null, target, "datahub", Long.MAX_VALUE, 5L * MIB, 2, 5L * MIB);
        byte[] bytes = archive(7 * MIB);
        assertThatThrownBy(() -> copier.copyStream(new ByteArrayInputStream(bytes), 12L * MIB, "k", "id", "archives/k"))
                .isInstanceOf(IOException.class).hasMessageContaining("ended after");
        assertThat(target.aborted).isTrue();
    }
}

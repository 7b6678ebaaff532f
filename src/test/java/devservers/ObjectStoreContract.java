package devservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import storage.S3ClientFactory;

/** The S3 behaviour the pipeline relies on, run against each real S3 server (a subclass sets its credentials before each test). */
abstract class ObjectStoreContract {
    S3Credentials credentials;

    S3Credentials credentials() {
        return credentials;
    }

    S3Client client(String secret) {
        S3Credentials c = credentials();
        return S3ClientFactory.create(c.endpoint(), c.region(), c.accessKey(), secret);
    }

    @Test
    void putThenGetReturnsTheSameBytesAndSize() {
        S3Client s3 = client(credentials().secretKey());
        String bucket = bucket("put");
        s3.createBucket(b -> b.bucket(bucket));
        byte[] data = randomBytes(100_000);
        s3.putObject(b -> b.bucket(bucket).key("archives/compressed/aa/x.tar.gz"), RequestBody.fromBytes(data));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("archives/compressed/aa/x.tar.gz")).asByteArray())
                .isEqualTo(data);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("archives/compressed/aa/x.tar.gz")).contentLength())
                .isEqualTo(100_000L);
    }

    @Test
    void multipartUploadAssemblesTheParts() {
        S3Client s3 = client(credentials().secretKey());
        String bucket = bucket("multipart");
        s3.createBucket(b -> b.bucket(bucket));
        byte[] data = randomBytes(5 * 1024 * 1024 + 1234);
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("big")).uploadId();
        byte[] first = Arrays.copyOfRange(data, 0, 5 * 1024 * 1024);
        byte[] second = Arrays.copyOfRange(data, 5 * 1024 * 1024, data.length);
        String e1 = s3.uploadPart(b -> b.bucket(bucket).key("big").uploadId(id).partNumber(1), RequestBody.fromBytes(first)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(bucket).key("big").uploadId(id).partNumber(2), RequestBody.fromBytes(second)).eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("big").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("big")).asByteArray()).isEqualTo(data);
    }

    @Test
    void wrongSecretIsRejected() {
        S3Client bad = client(credentials().secretKey() + "-wrong");
        assertThatThrownBy(() -> bad.listBuckets())
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }

    @Test
    void missingObjectIs404() {
        S3Client s3 = client(credentials().secretKey());
        String bucket = bucket("missing");
        s3.createBucket(b -> b.bucket(bucket));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("nope")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    private String bucket(String purpose) {
        return "it-" + purpose + "-" + Long.toHexString(System.nanoTime());
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}

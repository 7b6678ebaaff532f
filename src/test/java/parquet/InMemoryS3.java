package parquet;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The two S3 calls {@link ParquetSink} makes, on a map: PutObject (honouring
 * {@code If-None-Match: *} with a 412, as AWS does) and ListObjectsV2 (one page, sorted keys).
 */
final class InMemoryS3 implements S3Client {
    final Map<String, byte[]> objects = new TreeMap<>();
    /** Runs before each put: lets a test play a concurrent writer. */
    Consumer<String> beforePut = key -> { };
    /** Fails every put with this status when not 0. */
    int failPutsWith;

    @Override
    public synchronized PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        beforePut.accept(request.key());
        if (failPutsWith != 0) {
            throw error(failPutsWith, "InternalError");
        }
        if ("*".equals(request.ifNoneMatch()) && objects.containsKey(request.key())) {
            throw error(412, "PreconditionFailed");
        }
        try (InputStream in = body.contentStreamProvider().newStream()) {
            objects.put(request.key(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PutObjectResponse.builder().eTag("\"etag\"").build();
    }

    @Override
    public synchronized ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        List<S3Object> contents = new ArrayList<>();
        objects.forEach((key, bytes) -> {
            if (key.startsWith(request.prefix() == null ? "" : request.prefix())) {
                contents.add(S3Object.builder().key(key).size((long) bytes.length).build());
            }
        });
        return ListObjectsV2Response.builder().contents(contents).keyCount(contents.size()).isTruncated(false).build();
    }

    private static S3Exception error(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {
    }
}

package kamelet;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import uploader.RulesUploader;

/**
 * The bean of the {@code ccx-rules-uploader-sink} Kamelet (2024 shape): a rules-results message,
 * as consumed, put into the Ceph bucket at {@link uploader.RulesJsonKey}'s key through the rules
 * uploader's own steps ({@link RulesUploader}: plan, request, isSameFile and its counters), the S3
 * calls being the ones the route makes through camel-aws2-s3: a PUT with {@code If-None-Match: *};
 * on 412 a HEAD, and this content (the SHA-256 in the object's metadata) means nothing to write,
 * another content a plain PUT that replaces it. A message whose path is not a Ceph archive path is
 * {@link errors.BadInputException} (dead-lettered by the Kamelet); S3 failures fail the exchange.
 */
public final class RulesUploadStep extends CephBucketStep implements AutoCloseable {
    /** The outcome, as the message's header after {@link #upload}: written, already-present or replaced. */
    public static final String RESULT = "ccx_rules_upload_result";

    private RulesUploader uploader;

    /** The exchange's rules-results message → its JSON file in the Ceph bucket (the body becomes the file's bytes). */
    public void upload(Exchange exchange) throws IOException {
        RulesUploader steps = uploader();
        S3Client ceph = cephClient();
        String bucket = cephBucket();
        steps.plan(exchange);
        steps.request(exchange);
        try {
            ceph.putObject(put(exchange.getMessage(), bucket).ifNoneMatch("*").build(), body(exchange.getMessage()));
            steps.written(exchange);
            exchange.getMessage().setHeader(RESULT, "written");
        } catch (S3Exception e) {
            if (e.statusCode() != 412) {
                throw e;
            }
            String key = exchange.getMessage().getHeader(AWS2S3Constants.KEY, String.class);
            HeadObjectResponse existing = ceph.headObject(b -> b.bucket(bucket).key(key));
            exchange.getMessage().setBody(existing);
            if (steps.isSameFile(exchange)) {
                steps.alreadyPresent(exchange);
                exchange.getMessage().setHeader(RESULT, "already-present");
            } else {
                steps.request(exchange);
                ceph.putObject(put(exchange.getMessage(), bucket).build(), body(exchange.getMessage()));
                steps.replaced(exchange);
                exchange.getMessage().setHeader(RESULT, "replaced");
            }
        }
    }

    /** The PUT the uploader's request() describes in camel-aws2-s3 headers. */
    @SuppressWarnings("unchecked")
    private static PutObjectRequest.Builder put(Message request, String bucket) {
        return PutObjectRequest.builder().bucket(bucket).key(request.getHeader(AWS2S3Constants.KEY, String.class))
                .contentType(request.getHeader(AWS2S3Constants.CONTENT_TYPE, String.class))
                .contentLength(request.getHeader(AWS2S3Constants.CONTENT_LENGTH, Long.class))
                .metadata(request.getHeader(AWS2S3Constants.METADATA, Map.class));
    }

    private static RequestBody body(Message request) {
        return RequestBody.fromBytes(request.getBody(byte[].class));
    }

    synchronized RulesUploader uploader() {
        if (uploader == null) {
            cephClient(); // its settings are checked on the first message
            var meters = Meters.of(getCamelContext());
            uploader = new RulesUploader(meters != null ? meters : new SimpleMeterRegistry());
        }
        return uploader;
    }

    @Override
    public synchronized void close() {
        closeCephClient();
        uploader = null;
    }
}

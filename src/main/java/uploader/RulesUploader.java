package uploader;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import model.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The rules uploader's steps (2024 shape, contract §14): a rules-results message, as consumed, is
 * the JSON file (the message's own format, contract §12.1) put into the Ceph bucket at
 * {@link RulesJsonKey}. Idempotent: the PUT refuses to replace an object, and the object carries
 * the SHA-256 of its content in its metadata, so a redelivered message finds its own file and
 * writes nothing, while a new analysis of the same archive (other content) replaces it.
 */
public final class RulesUploader {
    private static final Logger LOG = LoggerFactory.getLogger(RulesUploader.class);
    /** Object metadata: the SHA-256 (hex) of the file's bytes. */
    public static final String CONTENT_SHA256 = "ccx-content-sha256";
    /** Exchange properties: the file's bytes and key. */
    private static final String FILE = "ccxRulesJson";
    private static final String KEY = "ccxRulesJsonKey";

    private final Counter written;
    private final Counter alreadyPresent;
    private final Counter replaced;

    public RulesUploader(MeterRegistry meters) {
        this.written = outcome(meters, "written");
        this.alreadyPresent = outcome(meters, "already-present");
        this.replaced = outcome(meters, "replaced");
    }

    private static Counter outcome(MeterRegistry meters, String result) {
        return Counter.builder("ccx.rules.uploads").description("rules-results JSON files put into Ceph, by outcome")
                .tag("result", result).register(meters);
    }

    /** The consumed message → the file to put and its key (exchange properties, so a redelivered put starts from them). */
    public void plan(Exchange exchange) throws IOException {
        byte[] file = exchange.getMessage().getBody(String.class).getBytes(StandardCharsets.UTF_8);
        exchange.setProperty(FILE, file);
        exchange.setProperty(KEY, RulesJsonKey.of(Json.mapper().readTree(file).path("path").asText(null)));
    }

    /** The PUT of the planned file: body, key, type, length and content hash. */
    public void request(Exchange exchange) {
        byte[] file = exchange.getProperty(FILE, byte[].class);
        Message message = exchange.getMessage();
        message.removeHeaders("CamelAwsS3*");
        message.setBody(file);
        message.setHeader(AWS2S3Constants.KEY, exchange.getProperty(KEY, String.class));
        message.setHeader(AWS2S3Constants.CONTENT_TYPE, "application/json");
        message.setHeader(AWS2S3Constants.CONTENT_LENGTH, (long) file.length);
        message.setHeader(AWS2S3Constants.METADATA, Map.of(CONTENT_SHA256, sha256(file)));
    }

    public void written(Exchange exchange) {
        written.increment();
        LOG.info("rules JSON {} written", exchange.getProperty(KEY));
    }

    /** The HEAD of the file already there: this content (a redelivery) or another (a new analysis, to replace). */
    public boolean isSameFile(Exchange exchange) {
        HeadObjectResponse existing = exchange.getMessage().getBody(HeadObjectResponse.class);
        return existing != null && Objects.equals(existing.metadata().get(CONTENT_SHA256), sha256(exchange.getProperty(FILE, byte[].class)));
    }

    public void alreadyPresent(Exchange exchange) {
        alreadyPresent.increment();
        LOG.info("rules JSON {} already written", exchange.getProperty(KEY));
    }

    public void replaced(Exchange exchange) {
        replaced.increment();
        LOG.info("rules JSON {} replaced by a new analysis", exchange.getProperty(KEY));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}

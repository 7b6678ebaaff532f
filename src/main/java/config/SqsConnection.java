package config;

import java.net.URI;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import storage.AwsCredentials;

/** The SQS queue of S3 event notifications, from {@code ccx.sqs.*}. */
public record SqsConnection(String endpoint, String region, String accessKey, String secretKey, String queue, long deleteWaitMs) {
    public static SqsConnection read(CcxProperties properties) {
        return new SqsConnection(properties.text("ccx.sqs.endpoint"), properties.text("ccx.sqs.region"),
                properties.text("ccx.sqs.access-key"), properties.text("ccx.sqs.secret-key"), properties.text("ccx.sqs.queue"),
                properties.number("ccx.sqs.delete-wait-ms"));
    }

    public SqsClient client() {
        return client(endpoint, region, accessKey, secretKey);
    }

    /** A client of the queue's server (an empty endpoint means real AWS, empty keys the default chain). */
    public static SqsClient client(String endpoint, String region, String accessKey, String secretKey) {
        var builder = SqsClient.builder().region(Region.of(region)).credentialsProvider(AwsCredentials.provider(accessKey, secretKey));
        if (!endpoint.isEmpty()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    /** Without the secret: settings are logged. */
    @Override
    public String toString() {
        return "sqs[queue=" + queue + ", endpoint=" + (endpoint.isEmpty() ? "AWS" : endpoint) + ", region=" + region + "]";
    }
}

package storage;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** One rule for every AWS client of the pipeline (S3, Ceph, SQS): fixed keys when configured, else the default chain. */
public final class AwsCredentials {
    private AwsCredentials() {
    }

    /** Empty access key: the default AWS chain (IRSA, environment, profile). */
    public static AwsCredentialsProvider provider(String accessKey, String secretKey) {
        return accessKey == null || accessKey.isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }
}

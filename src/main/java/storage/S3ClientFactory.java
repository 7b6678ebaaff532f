package storage;

import java.net.URI;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Builds S3 clients for AWS S3 and for S3-compatible stores (Ceph RGW, S3Proxy). */
public final class S3ClientFactory {
    private S3ClientFactory() {
    }

    /**
     * @param endpoint empty for real AWS; otherwise an S3-compatible endpoint (path-style addressing)
     * @param accessKey empty to use the default AWS credential chain (IRSA, env, profile)
     */
    public static S3Client create(String endpoint, String region, String accessKey, String secretKey) {
        var builder = S3Client.builder()
                .region(Region.of(region))
                // Ceph RGW 16 rejects the SDK's default flexible checksums (400 on PutObject/UploadPart).
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        builder.credentialsProvider(AwsCredentials.provider(accessKey, secretKey));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint))
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        return builder.build();
    }
}

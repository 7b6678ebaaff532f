package devservers;

import software.amazon.awssdk.services.s3.S3Client;
import storage.S3ClientFactory;

/** Endpoint and SigV4 credentials of an S3-compatible server. */
public record S3Credentials(String endpoint, String accessKey, String secretKey, String region) {
    /** A client of this server, made the way the pipeline makes its own. */
    public S3Client client() {
        return S3ClientFactory.create(endpoint, region, accessKey, secretKey);
    }
}

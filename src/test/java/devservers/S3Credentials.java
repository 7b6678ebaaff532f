package devservers;

/** Endpoint and SigV4 credentials of an S3-compatible server. */
public record S3Credentials(String endpoint, String accessKey, String secretKey, String region) {
}

package config;

import software.amazon.awssdk.services.s3.S3Client;
import storage.S3ClientFactory;

/**
 * One S3 bucket and how to reach it, from {@code <prefix>.endpoint|region|access-key|secret-key|bucket}.
 *
 * @param name      what health checks and logs call it (aws-s3, ceph, parquet-s3)
 * @param endpoint  empty for real AWS; otherwise an S3-compatible endpoint (Ceph RGW, S3Proxy)
 * @param accessKey empty for the default AWS credential chain
 */
public record S3Connection(String name, String endpoint, String region, String accessKey, String secretKey, String bucket) {
    public static S3Connection read(CcxProperties properties, String name, String prefix) {
        return new S3Connection(name, properties.text(prefix + ".endpoint"), properties.text(prefix + ".region"),
                properties.text(prefix + ".access-key"), properties.text(prefix + ".secret-key"), properties.text(prefix + ".bucket"));
    }

    /** A new client (the caller closes it). */
    public S3Client client() {
        return S3ClientFactory.create(endpoint, region, accessKey, secretKey);
    }

    /** Without the secret: settings are logged. */
    @Override
    public String toString() {
        return name + "[bucket=" + bucket + ", endpoint=" + (endpoint.isEmpty() ? "AWS" : endpoint) + ", region=" + region + "]";
    }
}

package kamelet;

import software.amazon.awssdk.services.s3.S3Client;
import storage.S3ClientFactory;

/**
 * The AWS S3 ingress bucket as Kamelet properties, for every bean that reads uploaded archives: its
 * {@code aws} property, bound from the Kamelet as {@code aws.bucket}, {@code aws.endpoint} and so on.
 * An empty endpoint means real AWS S3; empty keys mean the default AWS credential chain (IRSA,
 * environment, profile). The bucket is required.
 */
public final class AwsBucket {
    private String endpoint = "";
    private String region = "us-east-1";
    private String accessKey = "";
    private String secretKey = "";
    private String bucket;

    String bucket() {
        return KameletProperties.required("awsBucket", bucket);
    }

    /** A new client of the bucket's store (the caller closes it). */
    S3Client newClient() {
        return S3ClientFactory.create(KameletProperties.text(endpoint), KameletProperties.text(region), KameletProperties.text(accessKey),
                KameletProperties.text(secretKey));
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }
}

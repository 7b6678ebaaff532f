package kamelet;

import config.S3Connection;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the Kamelet beans that use the Ceph bucket share: its connection settings as Kamelet
 * properties (an empty key means the default AWS credential chain; the endpoint and bucket are
 * required) and its client, made on first use and closed with the bean unless a test handed it in.
 */
public abstract class CephBucketStep extends KameletStep {
    private S3Client ceph;
    private boolean ownsClient;
    private String cephEndpoint;
    private String cephRegion = "us-east-1";
    private String cephAccessKey = "";
    private String cephSecretKey = "";
    private String cephBucket;

    protected String cephBucket() {
        return KameletProperties.required("cephBucket", cephBucket);
    }

    /** The client of the Ceph bucket's store: made on first use, or the one a test handed in. */
    protected synchronized S3Client cephClient() {
        if (ceph == null) {
            String bucket = cephBucket(); // the bucket first: the setting a Kamelet most likely misses
            ceph = new S3Connection("ceph", KameletProperties.required("cephEndpoint", cephEndpoint), KameletProperties.text(cephRegion),
                    KameletProperties.text(cephAccessKey), KameletProperties.text(cephSecretKey), bucket).client();
            ownsClient = true;
        }
        return ceph;
    }

    /** A Ceph client made elsewhere (tests); not closed by {@link #closeCephClient()}. */
    synchronized void useCephClient(S3Client client) {
        this.ceph = client;
        this.ownsClient = false;
    }

    /** Closes the client this bean made (the bean's destroy method calls it). */
    protected synchronized void closeCephClient() {
        if (ceph != null && ownsClient) {
            ceph.close();
            ceph = null;
        }
    }

    public void setCephEndpoint(String cephEndpoint) {
        this.cephEndpoint = cephEndpoint;
    }

    public void setCephRegion(String cephRegion) {
        this.cephRegion = cephRegion;
    }

    public void setCephAccessKey(String cephAccessKey) {
        this.cephAccessKey = cephAccessKey;
    }

    public void setCephSecretKey(String cephSecretKey) {
        this.cephSecretKey = cephSecretKey;
    }

    public void setCephBucket(String cephBucket) {
        this.cephBucket = cephBucket;
    }
}

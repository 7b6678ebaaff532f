package kamelet;

import config.S3Connection;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the Kamelet beans that use the Ceph bucket share: its connection settings as Kamelet
 * properties (an empty key means the default AWS credential chain; the endpoint and bucket are
 * required) and the CamelContext their meters go to.
 */
public abstract class CephBucketStep implements CamelContextAware {
    private CamelContext camelContext;
    private String cephEndpoint;
    private String cephRegion = "us-east-1";
    private String cephAccessKey = "";
    private String cephSecretKey = "";
    private String cephBucket;

    protected String cephBucket() {
        return KameletProperties.required("cephBucket", cephBucket);
    }

    /** A new client of the Ceph bucket's store (the caller closes it). */
    protected S3Client newCephClient() {
        return new S3Connection("ceph", KameletProperties.required("cephEndpoint", cephEndpoint), KameletProperties.text(cephRegion),
                KameletProperties.text(cephAccessKey), KameletProperties.text(cephSecretKey), cephBucket()).client();
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
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

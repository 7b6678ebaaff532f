package storage;

import org.apache.camel.builder.endpoint.StaticEndpointBuilders;
import org.apache.camel.builder.endpoint.dsl.AWS2S3EndpointBuilderFactory.AWS2S3EndpointProducerBuilder;

/**
 * The buckets the routes read and write, as camel-aws2-s3 endpoints: each through its own
 * client bean (camel-aws2-s3's autowiring is off, application.properties), so a route names only
 * the operation.
 */
public final class S3Endpoints {
    private S3Endpoints() {
    }

    /** The raw upload bucket in AWS S3 ({@code ccx.aws-s3.*}). */
    public static AWS2S3EndpointProducerBuilder awsS3() {
        return StaticEndpointBuilders.aws2S3("{{ccx.aws-s3.bucket}}").advanced().amazonS3Client("#awsS3Client").basic();
    }

    /** The archive bucket in Ceph ({@code ccx.ceph.*}). */
    public static AWS2S3EndpointProducerBuilder ceph() {
        return StaticEndpointBuilders.aws2S3("{{ccx.ceph.bucket}}").advanced().amazonS3Client("#cephS3Client").basic();
    }

    /** The OpenShift Lightspeed archive bucket in Ceph ({@code ccx.ceph-ols.*}, 2024 shape). */
    public static AWS2S3EndpointProducerBuilder cephOls() {
        return StaticEndpointBuilders.aws2S3("{{ccx.ceph-ols.bucket}}").advanced().amazonS3Client("#cephOlsS3Client").basic();
    }
}

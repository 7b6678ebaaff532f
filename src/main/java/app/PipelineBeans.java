package app;

import archivesync.ArchiveSyncService;
import contract.ContractValidator;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BeanInject;
import storage.ArchiveCopier;
import upload.UploadSyncService;
import java.net.URI;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import storage.S3ClientFactory;

/** The shared beans every stage uses, built from ccx.* properties. */
public class PipelineBeans implements CamelConfiguration {

    @BindToRegistry("topicNames")
    public TopicNames topicNames(@PropertyInject("ccx.topic.pattern") String pattern,
                                 @PropertyInject("ccx.envs") String envs) {
        return new TopicNames(pattern, envs);
    }

    @BindToRegistry("contractValidator")
    public ContractValidator contractValidator() {
        return new ContractValidator();
    }

    @BindToRegistry("awsS3Client")
    public S3Client awsS3Client(@PropertyInject("ccx.aws-s3.endpoint") String endpoint,
                                @PropertyInject("ccx.aws-s3.region") String region,
                                @PropertyInject("ccx.aws-s3.access-key") String accessKey,
                                @PropertyInject("ccx.aws-s3.secret-key") String secretKey) {
        return S3ClientFactory.create(endpoint, region, accessKey, secretKey);
    }

    @BindToRegistry("cephS3Client")
    public S3Client cephS3Client(@PropertyInject("ccx.ceph.endpoint") String endpoint,
                                 @PropertyInject("ccx.ceph.region") String region,
                                 @PropertyInject("ccx.ceph.access-key") String accessKey,
                                 @PropertyInject("ccx.ceph.secret-key") String secretKey) {
        return S3ClientFactory.create(endpoint, region, accessKey, secretKey);
    }

    @BindToRegistry(value = "archiveSyncService", lazy = true)
    public ArchiveSyncService archiveSyncService(@BeanInject("awsS3Client") S3Client aws,
                                                 @PropertyInject("ccx.aws-s3.bucket") String awsBucket,
                                                 @BeanInject("cephS3Client") S3Client ceph,
                                                 @PropertyInject("ccx.ceph.bucket") String cephBucket,
                                                 @PropertyInject("ccx.archive-sync.max-archive-bytes") long maxBytes,
                                                 @PropertyInject("ccx.archive-sync.part-bytes") long partBytes,
                                                 @BeanInject CamelContext camel) {
        return new ArchiveSyncService(new ArchiveCopier(aws, awsBucket, ceph, cephBucket, maxBytes, partBytes), meters(camel));
    }

    @BindToRegistry(value = "uploadSyncService", lazy = true)
    public UploadSyncService uploadSyncService(@BeanInject("cephS3Client") S3Client ceph,
                                               @PropertyInject("ccx.ceph.bucket") String cephBucket,
                                               @PropertyInject("ccx.archive-sync.max-archive-bytes") long maxBytes,
                                               @PropertyInject("ccx.archive-sync.part-bytes") long partBytes,
                                               @BeanInject CamelContext camel) {
        // Same limits as the S3-triggered sync; this copier only ever reads a download stream.
        return new UploadSyncService(new ArchiveCopier(null, null, ceph, cephBucket, maxBytes, partBytes), meters(camel));
    }

    /**
     * The registry camel-micrometer exposes on /observe/metrics (bound as "metricsRegistry" when
     * camel.metrics.enabled); our services are lazy beans, created after it exists.
     */
    static MeterRegistry meters(CamelContext camel) {
        return camel.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
    }

    @BindToRegistry("sqsClient")
    public SqsClient sqsClient(@PropertyInject("ccx.sqs.endpoint") String endpoint,
                               @PropertyInject("ccx.sqs.region") String region,
                               @PropertyInject("ccx.sqs.access-key") String accessKey,
                               @PropertyInject("ccx.sqs.secret-key") String secretKey) {
        var builder = SqsClient.builder().region(Region.of(region));
        builder.credentialsProvider(accessKey == null || accessKey.isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}

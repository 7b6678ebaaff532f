package kamelet;

import pipeline.JsonFormats;
import archivesync.ArchiveSyncService;
import java.io.IOException;
import model.ArchiveNew;
import model.ArchiveSynced;
import software.amazon.awssdk.services.s3.S3Client;
import storage.ArchiveCopier;
import storage.S3ClientFactory;

/**
 * The bean of the {@code ccx-archive-sync-action} Kamelet: an archive-new message (JSON) → the
 * archive streamed from the AWS S3 ingress bucket into the Ceph bucket → the archive-synced record.
 * Every setting is a Kamelet property; the S3 clients are built on the first message and closed
 * with the Kamelet's route ({@link #close()}, the bean's destroy method).
 *
 * <p>An empty {@code awsEndpoint} means real AWS S3; empty keys mean the default AWS credential
 * chain (IRSA, environment, profile). The Ceph endpoint is required.
 */
public final class ArchiveSyncStep extends CephBucketStep implements AutoCloseable {
    private String awsEndpoint = "";
    private String awsRegion = "us-east-1";
    private String awsAccessKey = "";
    private String awsSecretKey = "";
    private String awsBucket;
    private long maxArchiveBytes = 1L << 30;
    private long partBytes = 16L << 20;

    private S3Client aws;
    private S3Client ceph;
    private ArchiveSyncService service;

    /** archive-new JSON → the archive copied to Ceph → archive-synced. */
    public ArchiveSynced sync(String archiveNewJson) throws IOException {
        return service().sync(JsonFormats.read(archiveNewJson, ArchiveNew.class));
    }

    synchronized ArchiveSyncService service() {
        if (service == null) {
            String source = KameletProperties.required("awsBucket", awsBucket);
            String target = cephBucket();
            if (maxArchiveBytes < 1 || partBytes < 5L << 20) {
                throw new IllegalStateException("maxArchiveBytes must be positive and partBytes at least 5 MiB (S3's minimum part)");
            }
            aws = S3ClientFactory.create(KameletProperties.text(awsEndpoint), awsRegion, KameletProperties.text(awsAccessKey),
                    KameletProperties.text(awsSecretKey));
            ceph = newCephClient();
            service = new ArchiveSyncService(new ArchiveCopier(aws, source, ceph, target, maxArchiveBytes, partBytes),
                    Meters.of(getCamelContext()));
        }
        return service;
    }

    @Override
    public synchronized void close() {
        if (aws != null) {
            aws.close();
        }
        if (ceph != null) {
            ceph.close();
        }
        aws = null;
        ceph = null;
        service = null;
    }

    public void setAwsEndpoint(String awsEndpoint) {
        this.awsEndpoint = awsEndpoint;
    }

    public void setAwsRegion(String awsRegion) {
        this.awsRegion = awsRegion;
    }

    public void setAwsAccessKey(String awsAccessKey) {
        this.awsAccessKey = awsAccessKey;
    }

    public void setAwsSecretKey(String awsSecretKey) {
        this.awsSecretKey = awsSecretKey;
    }

    public void setAwsBucket(String awsBucket) {
        this.awsBucket = awsBucket;
    }

    public void setMaxArchiveBytes(long maxArchiveBytes) {
        this.maxArchiveBytes = maxArchiveBytes;
    }

    public void setPartBytes(long partBytes) {
        this.partBytes = partBytes;
    }
}

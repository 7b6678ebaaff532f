package kamelet;

import archivesync.ArchiveSyncService;
import java.io.IOException;
import model.ArchiveNew;
import model.ArchiveSynced;
import pipeline.JsonFormats;
import software.amazon.awssdk.services.s3.S3Client;
import storage.ArchiveCopier;

/**
 * The bean of the {@code ccx-archive-sync-action} Kamelet: an archive-new message (JSON) → the
 * archive streamed from the AWS S3 ingress bucket into the Ceph bucket → the archive-synced record.
 * Every setting is a Kamelet property; the S3 clients are built on the first message and closed
 * with the Kamelet's route ({@link #close()}, the bean's destroy method).
 *
 * <p>The AWS S3 bucket's settings are its {@code aws} property ({@link AwsBucket}); the Ceph
 * endpoint is required.
 */
public final class ArchiveSyncStep extends CephBucketStep implements AutoCloseable {
    private final AwsBucket awsBucket = new AwsBucket();
    private long maxArchiveBytes = 1L << 30;
    private long partBytes = 16L << 20;

    private S3Client aws;
    private ArchiveSyncService service;

    /** archive-new JSON → the archive copied to Ceph → archive-synced. */
    public ArchiveSynced sync(String archiveNewJson) throws IOException {
        return service().sync(JsonFormats.read(archiveNewJson, ArchiveNew.class));
    }

    synchronized ArchiveSyncService service() {
        if (service == null) {
            String source = awsBucket.bucket();
            String target = cephBucket();
            if (maxArchiveBytes < 1 || partBytes < 5L << 20) {
                throw new IllegalStateException("maxArchiveBytes must be positive and partBytes at least 5 MiB (S3's minimum part)");
            }
            aws = awsBucket.newClient();
            service = new ArchiveSyncService(new ArchiveCopier(aws, source, cephClient(), target, maxArchiveBytes, partBytes),
                    Meters.of(getCamelContext()));
        }
        return service;
    }

    @Override
    public synchronized void close() {
        if (aws != null) {
            aws.close();
        }
        closeCephClient();
        aws = null;
        service = null;
    }

    /** The AWS S3 bucket (Kamelet: {@code aws.bucket}, {@code aws.endpoint} and so on). */
    public AwsBucket getAws() {
        return awsBucket;
    }

    public void setMaxArchiveBytes(long maxArchiveBytes) {
        this.maxArchiveBytes = maxArchiveBytes;
    }

    public void setPartBytes(long partBytes) {
        this.partBytes = partBytes;
    }
}

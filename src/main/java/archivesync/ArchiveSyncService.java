package archivesync;

import errors.BadInputException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import model.ArchiveMetadata;
import model.ArchiveNew;
import model.ArchiveSynced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import storage.ArchiveCopier;
import storage.CephPath;
import storage.S3Key;

/**
 * Stage 4→7: one archive-new message → the archive copied into Ceph under its CephPath →
 * the archive-synced message (spec §10). External organization is the S3 key's first segment.
 */
public final class ArchiveSyncService {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveSyncService.class);

    private final ArchiveCopier copier;
    private final Counter bytesCopied;
    private final Counter alreadyPresent;
    private final Timer copyDuration;

    public ArchiveSyncService(ArchiveCopier copier, MeterRegistry meters) {
        this.copier = copier;
        MeterRegistry registry = meters == null ? new SimpleMeterRegistry() : meters;
        this.bytesCopied = Counter.builder("ccx.archive.sync.bytes").description("archive bytes copied from S3 to Ceph")
                .baseUnit("bytes").register(registry);
        this.alreadyPresent = Counter.builder("ccx.archive.sync.already.present")
                .description("archives already in Ceph, not uploaded again").register(registry);
        this.copyDuration = Timer.builder("ccx.archive.sync.copy").description("time to copy one archive to Ceph")
                .register(registry);
    }

    public ArchiveSynced sync(ArchiveNew message) throws IOException {
        S3Key key = S3Key.parse(message.path());
        if (!key.clusterId().equalsIgnoreCase(message.clusterId())) {
            throw new BadInputException("cluster_id " + message.clusterId() + " is not the cluster of path " + message.path());
        }
        CephPath target = CephPath.of(key);
        long t0 = System.nanoTime();
        ArchiveCopier.Result result = copier.copy(key.toString(), target.toString());
        long nanos = System.nanoTime() - t0;
        if (result.uploaded()) {
            copyDuration.record(java.time.Duration.ofNanos(nanos));
            bytesCopied.increment(result.size());
        } else {
            alreadyPresent.increment();
        }
        LOG.info("archive cluster={} org={} s3={} ceph={} bytes={} {} in {} ms", key.clusterId(), key.organization(),
                key, target, result.size(), result.uploaded() ? "copied" : "already in Ceph", nanos / 1_000_000);
        return new ArchiveSynced(target.toString(), key.toString(), new ArchiveMetadata(key.clusterId(), key.organization()));
    }
}

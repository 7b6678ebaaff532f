package archivesync;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import model.ArchiveNew;
import storage.ArchiveCopier;
import storage.S3ClientFactory;

/**
 * Runs one archive sync in its own JVM, so a test can cap the heap (-Xmx) and prove the copy
 * streams. Args: awsEndpoint awsKey awsSecret awsBucket cephEndpoint cephKey cephSecret cephBucket
 * clusterId s3Key partBytes. Prints "bytes=N millis=M peakHeapMiB=P".
 */
public final class HeapCappedCopy {
    public static void main(String[] a) throws Exception {
        var aws = S3ClientFactory.create(a[0], "us-east-1", a[1], a[2]);
        var ceph = S3ClientFactory.create(a[4], "us-east-1", a[5], a[6]);
        ArchiveSyncService sync = new ArchiveSyncService(
                new ArchiveCopier(aws, a[3], ceph, a[7], Long.MAX_VALUE, Long.parseLong(a[10])), null);
        long t0 = System.nanoTime();
        var synced = sync.sync(new ArchiveNew(a[8], a[9], 1));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long size = ceph.headObject(b -> b.bucket(a[7]).key(synced.path())).contentLength();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("bytes=%d millis=%d peakHeapMiB=%d path=%s%n", size, millis, peak >> 20, synced.path());
    }
}

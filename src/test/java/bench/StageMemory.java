package bench;

import analysis.ArchiveAnalysis;
import archive.ArchiveLimits;
import archive.ArchiveReader;
import archivesync.ArchiveSyncService;
import com.sun.management.GarbageCollectionNotificationInfo;
import features.FeaturesService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import model.ArchiveMetadata;
import model.ArchiveNew;
import model.ArchiveSynced;
import model.Json;
import parquet.ParquetTable;
import rules.RulesService;
import storage.ArchiveCopier;
import storage.S3ClientFactory;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stage's work on one input, alone in this JVM, so its memory can be read: the parent
 * ({@link AllBenchmarks}) starts it with a capped heap and reads the last line,
 * {@code RESULT millis=… peakHeapMiB=… liveHeapMiB=… rssMiB=… detail=…}:
 * <ul>
 *   <li>peakHeapMiB: the heap pools' peak usage (garbage included, so it follows the GC's pace);</li>
 *   <li>liveHeapMiB: the most heap still in use right after any GC (what the work really holds);</li>
 *   <li>rssMiB: the process's peak resident set ({@code VmHWM} of {@code /proc/self/status}).</li>
 * </ul>
 * Modes:
 * <pre>
 * sync    awsEndpoint awsKey awsSecret awsBucket cephEndpoint cephKey cephSecret cephBucket clusterId s3Key partBytes
 * analyse cephEndpoint cephKey cephSecret cephBucket cephPath clusterId
 * parquet cephEndpoint cephKey cephSecret parquetBucket rows stateDir
 * idle    (the floor: a JVM that does nothing)
 * </pre>
 */
public final class StageMemory {
    private static final AtomicLong LIVE_AFTER_GC = new AtomicLong(-1);

    private StageMemory() {
    }

    public static void main(String[] a) throws Exception {
        watchGcs();
        long t0 = System.nanoTime();
        String detail = switch (a[0]) {
            case "sync" -> sync(a);
            case "analyse" -> analyse(a);
            case "parquet" -> parquet(a);
            case "idle" -> "nothing";
            default -> throw new IllegalArgumentException("unknown mode " + a[0]);
        };
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("RESULT millis=%d peakHeapMiB=%.1f liveHeapMiB=%.1f rssMiB=%.1f detail=%s%n", millis, peak / 1048576.0,
                LIVE_AFTER_GC.get() < 0 ? -1.0 : LIVE_AFTER_GC.get() / 1048576.0, vmHwmKiB() / 1024.0, detail);
    }

    private static String sync(String[] a) throws IOException {
        var aws = S3ClientFactory.create(a[1], "us-east-1", a[2], a[3]);
        var ceph = S3ClientFactory.create(a[5], "us-east-1", a[6], a[7]);
        ArchiveSyncService sync = new ArchiveSyncService(
                new ArchiveCopier(aws, a[4], ceph, a[8], Long.MAX_VALUE, Long.parseLong(a[11])), null);
        var synced = sync.sync(new ArchiveNew(a[9], a[10], 1));
        long size = ceph.headObject(b -> b.bucket(a[8]).key(synced.path())).contentLength();
        return "bytes:" + size;
    }

    private static String analyse(String[] a) throws IOException {
        var ceph = S3ClientFactory.create(a[1], "us-east-1", a[2], a[3]);
        ArchiveAnalysis analysis = new ArchiveAnalysis(ceph, a[4], new ArchiveReader(ArchiveLimits.defaults()),
                RulesService.fromServiceLoader(Set.of(), new SimpleMeterRegistry()), FeaturesService.standard());
        ArchiveAnalysis.Outputs out = analysis.analyse(new ArchiveSynced(a[5], "42/" + a[6] + "/x", new ArchiveMetadata(a[6], "42")));
        return "hits:" + out.rules().report().reports().size() + ",features:" + out.features().report().size();
    }

    /**
     * An hour of workload_containers rows (100 per features message) through the factory's durable
     * path ({@link DurablePath}, shipped settings): the JSON record values, made one at a time as a
     * consumer receives them, through the contract check, Jackson and the mapping into the hour's
     * spill (fsync every 100 records, one poll), then the sealed spill streamed into the hour's
     * Parquet file uploaded to S3, and the spill confirmed.
     */
    private static String parquet(String[] a) throws Exception {
        var s3 = S3ClientFactory.create(a[1], "us-east-1", a[2], a[3]);
        int messages = Integer.parseInt(a[5]) / 100;
        Path work = Files.createDirectories(Path.of(a[6]));
        Iterator<byte[]> records = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < messages;
            }

            @Override
            public byte[] next() {
                try {
                    return Json.mapper().writeValueAsBytes(ParquetBenchmark.Inputs.workloadMessage(next++));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        DurablePath.Result r = new DurablePath(s3, a[4]).run(ParquetTable.WORKLOAD_CONTAINERS, records, work);
        s3.deleteObject(b -> b.bucket(a[4]).key(r.key()));
        return "rows:" + r.rows() + ",fileBytes:" + r.fileBytes() + ",ingestMillis:" + r.ingestNanos() / 1_000_000
                + ",writeMillis:" + r.writeNanos() / 1_000_000;
    }

    private static void watchGcs() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long used = 0;
                        for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                            if (isHeapPool(e.getKey())) {
                                used += e.getValue().getUsed();
                            }
                        }
                        LIVE_AFTER_GC.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }
    }

    private static boolean isHeapPool(String name) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals(name)) {
                return pool.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    /** Peak resident set size of this process, KiB; -1 where /proc is not there. */
    static long vmHwmKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

}

package bench;

import archive.ArchiveFiles;
import archive.ArchiveLimits;
import archive.ArchiveReader;
import archive.SampleArchive;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import model.ArchiveMetadata;
import features.FeaturesService;
import model.FeaturesMessage;
import model.RulesResults;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import rules.RuleEngine;
import rules.RulesService;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU cost of the rules stage per archive, against the floor of only decompressing and walking the
 * same archive. Not a test: run it on a quiet machine with
 * <pre>
 * mvn -B -q -o test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath bench.RulesBenchmark"
 * </pre>
 * ({@code exec:java} would run the pom's configured main class, the demo.) Optional argument: seconds
 * of warm-up and of measurement per archive (default 5; add it at the end of {@code exec.args}).
 * <p>
 * For each archive (the bundled sample, and bigger variants made from it by copying its per-object
 * files: nodes, pods, machines, events, ...) it measures the calling thread's CPU time
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()}) of:
 * <ol>
 *   <li>floor: gunzip the archive and read every byte of every tar entry;</li>
 *   <li>reader: {@link ArchiveReader} keeping the rules' files, all limits checked;</li>
 *   <li>rules: reader plus {@link RulesService#analyse} (JSON parsing and every rule).</li>
 * </ol>
 * Every mode runs on every archive for a warm-up period first (JIT); then, per archive, the modes take
 * turns for the measured period and the median of each is reported.
 * The ratio rules / floor is the figure the stage is judged on (goal: 1.5x or less); archives per
 * second on one core is 1 / rules time.
 */
public final class RulesBenchmark {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final String CLUSTER = "d669cb71-8256-4e8b-a8df-333a5e2dd753";
    private static final String PATH = "archives/compressed/d6/" + CLUSTER + "/202107/12/120000.tar.gz";
    private static final ArchiveMetadata METADATA = new ArchiveMetadata(CLUSTER, "1234567");
    /** Directories whose files are one object each: a bigger cluster has more of them. */
    private static final List<String> PER_OBJECT = List.of("config/node/", "config/pod/", "config/machines/",
            "config/machineconfigs/", "config/persistentvolumes/", "config/certificatesigningrequests/", "events/",
            "namespaces/", "conditional/namespaces/", "cluster-scoped-resources/", "machinesets/");

    private RulesBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5.0;
        if (!CPU.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        CPU.setThreadCpuTimeEnabled(true);
        RulesService service = RulesService.fromServiceLoader(Set.of(), new SimpleMeterRegistry());
        FeaturesService features = FeaturesService.standard();
        ArchiveReader reader = new ArchiveReader(ArchiveLimits.defaults());
        // What the archive-analysis route does with both stages on: one read for both engines.
        var both = service.requiredFiles().union(features.requiredFiles());

        Map<String, byte[]> archives = new LinkedHashMap<>();
        archives.put("sample", SampleArchive.originalBytes());
        archives.put("sample x8", scaled(8));
        archives.put("sample x32", scaled(32));
        List<Work> modes = List.of(
                bytes -> walkEveryEntry(bytes),
                bytes -> reader.read(new ByteArrayInputStream(bytes), service.requiredFiles()),
                bytes -> {
                    ArchiveFiles files = reader.read(new ByteArrayInputStream(bytes), service.requiredFiles());
                    RulesResults result = service.analyse(files, PATH, METADATA);
                    if (result.report().reports().isEmpty()) {
                        throw new IllegalStateException("no hits: the benchmark is not running the rules");
                    }
                    return result;
                },
                bytes -> {
                    ArchiveFiles files = reader.read(new ByteArrayInputStream(bytes), both);
                    RulesResults result = service.analyse(files, PATH, METADATA);
                    FeaturesMessage extracted = features.extract(files, PATH, METADATA);
                    if (extracted.report().isEmpty()) {
                        throw new IllegalStateException("no features: the benchmark is not running the extractors");
                    }
                    return List.of(result, extracted);
                });

        // Warm-up: every mode on every archive, round-robin, until the JIT has settled.
        long warmUntil = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < warmUntil) {
            for (byte[] bytes : archives.values()) {
                for (Work mode : modes) {
                    consume(mode.run(bytes));
                }
            }
        }

        System.out.printf("rules engine %s, %d rules, Java %s%n", RuleEngine.VERSION, service.engine().rules().size(),
                Runtime.version());
        System.out.printf("%-11s %7s %8s %7s %9s %9s %9s %6s %10s %11s %6s%n", "archive", "gz KiB", "tar KiB", "entries",
                "floor ms", "reader ms", "rules ms", "ratio", "archives/s", "rules+feat", "ratio");
        for (Map.Entry<String, byte[]> archive : archives.entrySet()) {
            byte[] bytes = archive.getValue();
            Stats walk = walkEveryEntry(bytes);
            double[] cpu = medians(modes, bytes, seconds);
            System.out.printf("%-11s %7.0f %8.0f %7d %9.2f %9.2f %9.2f %5.2fx %10.0f %11.2f %5.2fx%n", archive.getKey(),
                    bytes.length / 1024.0, walk.bytes / 1024.0, walk.entries, cpu[0] / 1e6, cpu[1] / 1e6, cpu[2] / 1e6,
                    cpu[2] / cpu[0], 1e9 / cpu[2], cpu[3] / 1e6, cpu[3] / cpu[0]);
        }
        System.out.println("floor = gunzip + read every tar entry; reader = ArchiveReader keeping the rules' files;");
        System.out.println("rules = reader + RulesService.analyse; ratio = rules / floor; archives/s = 1 / rules, one core;");
        System.out.println("rules+feat = one read for both engines + analyse + extract (the archive-analysis route), / floor.");
    }

    /** Entries and uncompressed bytes seen. */
    private record Stats(int entries, long bytes) {
    }

    /** The floor: gunzip and read every byte of every entry, nothing kept. */
    static Stats walkEveryEntry(byte[] archive) throws IOException {
        byte[] scratch = new byte[64 * 1024];
        int entries = 0;
        long bytes = 0;
        try (InputStream in = new GzipCompressorInputStream(new BufferedInputStream(new ByteArrayInputStream(archive), 64 * 1024), true);
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries++;
                int n;
                while ((n = tar.read(scratch)) >= 0) {
                    bytes += n;
                }
                if (entry.getName().isEmpty()) {
                    throw new IllegalStateException("unnamed entry");
                }
            }
        }
        return new Stats(entries, bytes);
    }

    private interface Work {
        Object run(byte[] archive) throws IOException;
    }

    /**
     * Median thread CPU nanoseconds of one run of each mode. The modes take turns, so a busy spell
     * of the machine hits all of them alike.
     */
    private static double[] medians(List<Work> modes, byte[] archive, double seconds) throws IOException {
        List<List<Long>> samples = new ArrayList<>();
        modes.forEach(mode -> samples.add(new ArrayList<>()));
        long until = System.nanoTime() + (long) (seconds * 1e9);
        for (int round = 0; round < 15 || System.nanoTime() < until; round++) {
            for (int m = 0; m < modes.size(); m++) {
                long start = CPU.getCurrentThreadCpuTime();
                consume(modes.get(m).run(archive));
                samples.get(m).add(CPU.getCurrentThreadCpuTime() - start);
            }
        }
        double[] out = new double[modes.size()];
        for (int m = 0; m < modes.size(); m++) {
            long[] sorted = samples.get(m).stream().mapToLong(Long::longValue).sorted().toArray();
            out[m] = sorted[sorted.length / 2];
        }
        return out;
    }

    private static int sink;

    /** Keeps results alive so the JIT cannot drop the work. */
    private static void consume(Object result) {
        sink += System.identityHashCode(result);
    }

    /** The sample with {@code factor} copies of every per-object file (nodes, pods, machines, events...). */
    static byte[] scaled(int factor) {
        SampleArchive sample = SampleArchive.load();
        Map<String, byte[]> copies = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> file : sample.files().entrySet()) {
            String path = file.getKey();
            if (PER_OBJECT.stream().anyMatch(path::startsWith)) {
                for (int copy = 1; copy < factor; copy++) {
                    copies.put(copyName(path, copy), file.getValue());
                }
            }
        }
        return sample.withAll(copies).bytes();
    }

    /** {@code config/node/a.json} → {@code config/node/a-copy3.json}. */
    private static String copyName(String path, int copy) {
        int slash = path.lastIndexOf('/');
        int dot = path.indexOf('.', slash + 1);
        return dot < 0 ? path + "-copy" + copy : path.substring(0, dot) + "-copy" + copy + path.substring(dot);
    }

}

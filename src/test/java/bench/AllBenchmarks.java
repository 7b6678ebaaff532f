package bench;

import devservers.CephRgwServer;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.S3Credentials;
import devservers.S3ProxyServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import storage.CephPath;
import storage.S3Key;
import testing.RealServers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static bench.Markdown.f;
import static bench.Markdown.ratio;

/**
 * Every benchmark of the project in one run, written as {@code docs/benchmarks.md}. Started by
 * {@code scripts/bench.sh [--quick]}; see that script for the command line. Arguments:
 * {@code [--quick] [--out FILE] [--only e2e,sync,rules,parquet,memory] [--command TEXT]}. With
 * {@code --only} and an existing output file, the sections run replace theirs (and their summary
 * rows) and the others are kept, each marked with the run that measured it.
 * <ol>
 *   <li>end to end: archives/s from S3 event (SQS) to Parquet on the embedded servers, against
 *       the bare work of the same archives (S3 GET → Ceph PUT, rules + features + row mapping);
 *       latency S3 event → rules-results;</li>
 *   <li>archive sync: the route against a bare GET → PUT loop (S3Proxy → Ceph RGW);</li>
 *   <li>rules + features: {@link RulesBenchmark} in a child JVM;</li>
 *   <li>Parquet factory: {@link ParquetBenchmark} in a child JVM: the durable path (JSON record →
 *       contract check → mapping → spill with fsync → Parquet file in S3) against a bare parquet-avro
 *       loop and DuckDB, and its live heap per hour size;</li>
 *   <li>memory: each stage alone in a child JVM ({@link StageMemory}), over archive and hour sizes.</li>
 * </ol>
 * Every figure is a ratio to a baseline measured in the same run, as absolute figures move with
 * whatever else the machine does.
 */
public final class AllBenchmarks {
    private static final String CHILD_HEAP = "-Xmx512m";

    private AllBenchmarks() {
    }

    private record Sizes(int e2eArchives, int pacedArchives, int bareArchives, List<Object[]> syncSizes, int syncRounds,
                         double rulesSeconds, List<Integer> parquetRows, List<Integer> archiveMiB, List<Integer> hourRows) {
    }

    /** The sections, in document order: {@code --only} names, heading numbers and titles. */
    private static final List<String> SECTIONS = List.of("e2e", "sync", "rules", "parquet", "memory", "e2e-2024");
    private static final List<String> TITLES = List.of("1. End to end", "2. Archive sync", "3. Rules + features",
            "4. Parquet factory", "5. Memory per stage", "6. End to end, 2024 shape");
    /** Section 1's result when it ran in this run: section 6 compares the 2024 shape with it. */
    private static PipelineBench.EndToEnd baselineShape;

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        Path out = Path.of(option(args, "--out", "docs/benchmarks.md"));
        Set<String> only = Set.of(option(args, "--only", String.join(",", SECTIONS)).split(","));
        String command = option(args, "--command", "scripts/bench.sh" + (quick ? " --quick" : "")).strip();
        Sizes sizes = quick
                ? new Sizes(200, 40, 100, List.of(new Object[] {"sample archive", null, 100}, new Object[] {"8 MiB", 8 << 20, 5}), 1,
                        2, List.of(10_000, 100_000), List.of(1, 20), List.of(10_000, 100_000))
                : new Sizes(1000, 100, 200, List.of(new Object[] {"sample archive", null, 300}, new Object[] {"8 MiB", 8 << 20, 20},
                        new Object[] {"40 MiB", 40 << 20, 4},
                        new Object[] {"160 MiB (multipart)", 160 << 20, 2}), 2,
                        5, List.of(10_000, 100_000, 1_000_000), List.of(1, 10, 50, 200), List.of(10_000, 100_000, 1_000_000));
        if (Integer.getInteger("bench.e2e.archives") != null) { // for profiling runs
            sizes = new Sizes(Integer.getInteger("bench.e2e.archives"), Integer.getInteger("bench.e2e.paced", sizes.pacedArchives()),
                    Integer.getInteger("bench.e2e.bare", sizes.bareArchives()), sizes.syncSizes(), sizes.syncRounds(), sizes.rulesSeconds(),
                    sizes.parquetRows(), sizes.archiveMiB(), sizes.hourRows());
        }
        long started = System.nanoTime();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String sizeLabel = quick ? "quick sizes" : "full sizes";
        String machine = machine();
        Map<String, Markdown> bodies = new LinkedHashMap<>();
        Map<String, List<List<String>>> goalsBySection = new LinkedHashMap<>();
        for (String name : SECTIONS) {
            if (only.contains(name)) {
                bodies.put(name, new Markdown());
                goalsBySection.put(name, new ArrayList<>());
            }
        }

        boolean needServers = only.contains("e2e") || only.contains("sync") || only.contains("memory") || only.contains("e2e-2024");
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target/bench-servers")), "run-");
        List<AutoCloseable> servers = new ArrayList<>();
        // Interrupted (Ctrl-C, timeout): stop the servers, Ceph's daemons and S3Proxy are processes of their own.
        Thread cleanup = new Thread(() -> closeAll(servers));
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            EmbeddedKafka kafka = null;
            EmbeddedSqs sqs = null;
            S3ProxyServer aws = null;
            CephRgwServer ceph = null;
            if (needServers) {
                Bench.log("starting Kafka, ElasticMQ, S3Proxy, Ceph RGW ...");
                kafka = add(servers, EmbeddedKafka.start());
                sqs = add(servers, EmbeddedSqs.start());
                aws = add(servers, S3ProxyServer.start(work.resolve("s3proxy"), RealServers.S3_ACCESS_KEY, RealServers.S3_SECRET_KEY));
                ceph = add(servers, CephRgwServer.start(work.resolve("ceph"), RealServers.CEPH_ACCESS_KEY, RealServers.CEPH_SECRET_KEY));
                Bench.log("servers up");
            }
            PipelineBench pipeline = needServers ? new PipelineBench(kafka, sqs, aws, ceph) : null;
            Sizes s = sizes;
            S3ProxyServer a = aws;
            CephRgwServer c = ceph;
            Map<String, Section> runs = Map.of(
                    "e2e", () -> endToEnd(pipeline, s, bodies.get("e2e"), goalsBySection.get("e2e")),
                    "sync", () -> archiveSync(pipeline, s, bodies.get("sync"), goalsBySection.get("sync")),
                    "rules", () -> rules(s, bodies.get("rules"), goalsBySection.get("rules")),
                    "parquet", () -> parquet(s, bodies.get("parquet"), goalsBySection.get("parquet")),
                    "memory", () -> memory(a, c, s, work, bodies.get("memory")),
                    "e2e-2024", () -> endToEnd2024(pipeline, s, bodies.get("e2e-2024"), goalsBySection.get("e2e-2024")));
            for (String name : bodies.keySet()) {
                String load = Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
                section(TITLES.get(SECTIONS.indexOf(name)), bodies.get(name), goalsBySection.get(name), runs.get(name));
                bodies.get(name).line("_Measured by `%s` on %s (%s); load average %s at the start of the section._", command,
                        now.format(DateTimeFormatter.ISO_LOCAL_DATE), sizeLabel, load).blank();
            }
        } finally {
            closeAll(servers);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }

        // A run of some sections (--only) into an existing document keeps its other sections and their summary rows.
        Map<String, String> kept = new LinkedHashMap<>();
        Map<String, List<String>> keptGoals = new LinkedHashMap<>();
        if (bodies.size() < SECTIONS.size() && Files.isRegularFile(out)) {
            readSections(Files.readString(out), kept, keptGoals);
        }
        List<String> regenerated = bodies.keySet().stream().map(n -> TITLES.get(SECTIONS.indexOf(n)).split(" ")[0].replace(".", "")).toList();
        Markdown md = new Markdown();
        md.line("# Benchmarks").blank();
        if (kept.isEmpty()) {
            md.line("Generated by `%s` on %s (%s). Do not edit: run the command again.", command,
                    now.format(DateTimeFormatter.ISO_LOCAL_DATE), sizeLabel).blank();
        } else {
            md.line("%s %s generated by `%s` on %s (%s); the other sections are kept from earlier runs, each says which. "
                    + "Do not edit: run the command again.", regenerated.size() == 1 ? "Section" : "Sections", String.join(", ", regenerated), command,
                    now.format(DateTimeFormatter.ISO_LOCAL_DATE), sizeLabel).blank();
        }
        md.line("Machine: %s.", machine).blank();
        md.line("Every figure is a ratio against a baseline measured in the same run, on the same machine, at the same "
                + "time: absolute rates move with whatever else the machine is doing (other builds run on it).").blank();
        Markdown summary = new Markdown().heading("Summary");
        summary.line("| benchmark | figure | against | result |").line("|---|---|---|---|");
        Markdown body = new Markdown();
        for (String name : SECTIONS) {
            if (bodies.containsKey(name)) {
                for (List<String> goal : goalsBySection.get(name)) {
                    summary.line("| " + String.join(" | ", goal) + " |");
                }
                body.line(bodies.get(name).toString());
            } else if (kept.containsKey(name)) {
                keptGoals.getOrDefault(name, List.of()).forEach(summary::line);
                body.line(kept.get(name));
            }
        }
        summary.blank();
        md.line(summary.toString()).line(body.toString());
        md.line("Total run time%s: %.1f min.", kept.isEmpty() ? "" : (regenerated.size() == 1 ? " of section " : " of sections ")
                + String.join(", ", regenerated),
                (System.nanoTime() - started) / 60e9);
        // Profiling notes and before/after figures of fixes, written by hand, kept across runs.
        Path history = Path.of("docs/benchmark-history.md");
        if (Files.isRegularFile(history)) {
            md.blank().line(Files.readString(history));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString().replaceAll("\n{3,}", "\n\n"), StandardCharsets.UTF_8);
        Bench.log("wrote %s in %.1f min", out, (System.nanoTime() - started) / 60e9);
        System.out.println(summary);
        System.exit(0); // embedded servers leave non-daemon threads
    }

    private interface Section {
        void run() throws Exception;
    }

    /** One section; a failure is written into the document and the next section runs. */
    private static void section(String title, Markdown body, List<List<String>> goals, Section section) {
        try {
            section.run();
        } catch (Exception | Error e) {
            Bench.log("%s FAILED: %s", title, e);
            e.printStackTrace();
            body.heading(title + ": FAILED").code(String.valueOf(e));
            goals.add(List.of(title, "**failed**", String.valueOf(e.getMessage()).lines().findFirst().orElse(""), "FAILED"));
        }
    }

    /**
     * The sections of an earlier document ({@code ## 1. …} to {@code ## 6. …}, up to the next section,
     * the run time line or the hand-written history) and their rows of its summary table, by name.
     * A kept section without its own "Measured by" line gets one from the earlier document's header.
     */
    private static void readSections(String doc, Map<String, String> sections, Map<String, List<String>> summaryRows) {
        Matcher header = Pattern.compile("(?m)^Generated by `([^`]*)` on (\\S+) \\(([^)]*)\\)").matcher(doc);
        String provenance = header.find()
                ? f("_Measured by `%s` on %s (%s)._", header.group(1), header.group(2), header.group(3)) : null;
        String current = null;
        StringBuilder text = new StringBuilder();
        boolean inSummary = false;
        for (String line : (doc + "\n## end").lines().toList()) {
            boolean heading = line.startsWith("## ") || line.startsWith("Total run time");
            if (heading && current != null) {
                String body = text.toString().strip();
                if (!body.contains("_Measured by") && provenance != null) {
                    body += "\n\n" + provenance;
                }
                sections.put(current, body + "\n");
                current = null;
            }
            if (heading) {
                inSummary = line.equals("## Summary");
                Matcher number = Pattern.compile("^## ([1-6])\\. ").matcher(line);
                if (number.find()) {
                    current = SECTIONS.get(Integer.parseInt(number.group(1)) - 1);
                    text.setLength(0);
                }
            }
            if (current != null) {
                text.append(line).append('\n');
            } else if (inSummary && line.startsWith("| ") && !line.startsWith("| benchmark |")) {
                String first = line.substring(2, line.indexOf(" |", 2));
                summaryRows.computeIfAbsent(sectionOfGoal(first), k -> new ArrayList<>()).add(line);
            }
        }
    }

    /** Which section a summary row belongs to, from its first cell. */
    private static String sectionOfGoal(String benchmark) {
        for (int i = 0; i < TITLES.size(); i++) {
            if (benchmark.startsWith(TITLES.get(i))) { // a failed section's row
                return SECTIONS.get(i);
            }
        }
        if (benchmark.startsWith("end to end, 2024") || benchmark.startsWith("latency, 2024")) {
            return "e2e-2024";
        }
        if (benchmark.startsWith("end to end") || benchmark.startsWith("latency")) {
            return "e2e";
        }
        if (benchmark.startsWith("archive sync")) {
            return "sync";
        }
        if (benchmark.startsWith("rules")) {
            return "rules";
        }
        return benchmark.startsWith("parquet") ? "parquet" : "memory";
    }

    private static synchronized void closeAll(List<AutoCloseable> servers) {
        for (int i = servers.size() - 1; i >= 0; i--) {
            try {
                servers.remove(i).close();
            } catch (Exception e) {
                Bench.log("closing a server failed: %s", e.getMessage());
            }
        }
    }

    private static <T extends AutoCloseable> T add(List<AutoCloseable> servers, T server) {
        servers.add(server);
        return server;
    }

    // ------------------------------------------------------------------ 1. end to end

    private static void endToEnd(PipelineBench pipeline, Sizes sizes, Markdown md, List<List<String>> goals) throws Exception {
        Bench.log("1. end to end: %d archives", sizes.e2eArchives());
        PipelineBench.EndToEnd r = pipeline.endToEnd(sizes.e2eArchives(), sizes.pacedArchives(), sizes.bareArchives());
        baselineShape = r;
        md.heading("1. End to end: S3 event → Parquet");
        md.line("The whole pipeline in one JVM (camel-main, stages sqs-listener, archive-sync, archive-analysis with rules "
                + "and features, parquet factory; environment `prod` only) on the embedded servers: Kafka (KRaft, in process), "
                + "ElasticMQ (SQS), S3Proxy (the AWS bucket) and a real Ceph RGW (the DataHub bucket and the Parquet bucket). "
                + "%d archives made from the bundled sample (%.0f KiB), each with its own cluster id, are uploaded first; "
                + "then their S3 event notifications are sent to SQS in batches of 10. The run ends when the `archives` table "
                + "of their hour is written (explicit flush once the factory has stored every row). Settings: %s; "
                + "topics with %d partition(s); log level WARN.",
                r.archives(), archive.SampleArchive.originalBytes().length / 1024.0, r.config(), pipeline.partitions()).blank();
        md.line("Baseline: the same work without Camel or Kafka, on %d threads (the machine's cores), for %d other archives: "
                + "S3 GET → Ceph PUT of the bytes, then one read of the archive for rules + features and the mapping to "
                + "Parquet rows; run before the pipeline and again after it has stopped, the faster run counts.",
                r.bareThreads(), r.bareArchives()).blank();
        md.table(List.of("figure", "value"), List.of(
                List.of("pipeline, S3 event → Parquet file", f("**%.1f archives/s** (%d in %.1f s)", r.perSecond(), r.archives(), r.pipelineSeconds())),
                List.of("pipeline, S3 event → last rules-results", f("%.1f archives/s", r.archives() / r.rulesSeconds())),
                List.of("baseline (bare work)", f("%.1f archives/s", r.barePerSecond())),
                List.of("pipeline / baseline", f("%.2f×", r.perSecond() / r.barePerSecond())),
                List.of("goal ≥ 0.9× the bare work", r.perSecond() / r.barePerSecond() >= 0.9 ? "met" : "**missed**"),
                List.of("`archives` rows in the hour's Parquet files", f("%d in %d file(s) (expected %d)", r.parquetArchiveRows(), r.parquetFiles(), r.archives())),
                List.of("dead letters", Integer.toString(r.deadLetters())),
                List.of("latency S3 event → rules-results, burst (queueing included)", f("p50 %.0f ms, p99 %.0f ms", r.burstLatencyMs()[0], r.burstLatencyMs()[1])),
                List.of(f("latency S3 event → rules-results, paced at %.0f/s (%d archives)", r.pacedRate(), r.pacedArchives()),
                        f("p50 %.0f ms, p99 %.0f ms", r.pacedLatencyMs()[0], r.pacedLatencyMs()[1])),
                List.of("paced, per hop (record timestamps)", r.pacedStages())));
        goals.add(List.of("end to end", f("%.1f archives/s", r.perSecond()), f("bare work %.1f/s: %.2f×", r.barePerSecond(), r.perSecond() / r.barePerSecond()),
                r.perSecond() / r.barePerSecond() >= 0.9 ? "goal ≥ 0.9× met" : "**goal ≥ 0.9× missed**"));
        goals.add(List.of("latency (paced)", f("p50 %.0f ms, p99 %.0f ms", r.pacedLatencyMs()[0], r.pacedLatencyMs()[1]), "S3 event → rules-results",
                r.pacedLatencyMs()[1] <= 500 ? "goal p99 ≤ 500 ms met" : "**goal p99 ≤ 500 ms missed**"));
        if (r.parquetArchiveRows() != r.archives()) {
            goals.add(List.of("end to end", "**wrong row count**", f("%d archives rows for %d archives", r.parquetArchiveRows(), r.archives()), "FAILED"));
        }
    }

    // ------------------------------------------------------------------ 6. end to end, 2024 shape

    /** Section 1's measurement in the 2024 shape (contract §14): what the multiplexor and the rules uploader cost. No goal is set. */
    private static void endToEnd2024(PipelineBench pipeline, Sizes sizes, Markdown md, List<List<String>> goals) throws Exception {
        Bench.log("6. end to end, 2024 shape: %d archives", sizes.e2eArchives());
        // Alternated: 2024, the baseline shape again, 2024 again. A later run has a warmer JVM and the machine
        // drifts, so each shape counts its faster run (as with the bare work), its first one included.
        PipelineBench.EndToEnd first = pipeline.endToEnd(app.Topology.Y2024, sizes.e2eArchives(), sizes.pacedArchives(), sizes.bareArchives());
        PipelineBench.EndToEnd again = pipeline.endToEnd(sizes.e2eArchives(), sizes.pacedArchives(), sizes.bareArchives());
        PipelineBench.EndToEnd second = pipeline.endToEnd(app.Topology.Y2024, sizes.e2eArchives(), sizes.pacedArchives(), sizes.bareArchives());
        Bench.log("6. 2024 shape %.1f then %.1f archives/s; baseline shape again %.1f", first.perSecond(), second.perSecond(), again.perSecond());
        PipelineBench.EndToEnd r = second.perSecond() > first.perSecond() ? second : first;
        PipelineBench.EndToEnd before = baselineShape;
        PipelineBench.EndToEnd baseline = before == null || again.perSecond() > before.perSecond() ? again : before;
        md.heading("6. End to end, 2024 shape: S3 event → Parquet");
        md.line("Section 1's run in the 2024 shape (`ccx.topology=2024`, environment `prod` only): SQS listener → archive-new → "
                + "multiplexor (each archive streamed from S3Proxy and read to its end through the safe reader: an Insights "
                + "Operator archive has no OpenShift Lightspeed marker) → io-archive-new → archive-sync → rules (no features "
                + "stage) → insights-rules-results → Parquet factory (`rule_hits`, `archives`) and rules uploader (one JSON file "
                + "per archive in Ceph, put-if-absent); archive-sync-ols on and idle. The same %d archives' worth of work; the run "
                + "ends when the `archives` table of their hour is written, after both the factory and the uploader have consumed "
                + "every rules-results record. The 2024 shape does less per archive (no features) and more (the multiplexor's "
                + "read, the rules JSON upload). Runs alternate: section 1 (baseline shape), 2024, baseline again, 2024 again; "
                + "each shape counts its faster run. Settings: %s; topics with %d partition(s).",
                r.archives(), r.config(), pipeline.partitions()).blank();
        List<List<String>> rows = new ArrayList<>(List.of(
                List.of("2024 shape, S3 event → Parquet file", f("**%.1f archives/s** (%d in %.1f s; the runs: %.1f and %.1f/s)",
                        r.perSecond(), r.archives(), r.pipelineSeconds(), first.perSecond(), second.perSecond())),
                List.of("2024 shape, S3 event → last rules-results", f("%.1f archives/s", r.archives() / r.rulesSeconds())),
                List.of("baseline (bare work, as section 1, incl. features)", f("%.1f archives/s", r.barePerSecond())),
                List.of("2024 shape / bare work", f("%.2f×", r.perSecond() / r.barePerSecond()))));
        rows.add(List.of("baseline shape, S3 event → Parquet file", before == null
                ? f("%.1f archives/s (run after the 2024 shape)", again.perSecond())
                : f("%.1f archives/s in section 1, %.1f run again after the 2024 shape", before.perSecond(), again.perSecond())));
        rows.add(List.of("**2024 shape / baseline shape** (the faster baseline run)",
                f("**%.2f×**", r.perSecond() / baseline.perSecond())));
        rows.add(List.of("paced, S3 event → archive-synced p50 (the multiplexor's hop in the 2024 shape)",
                f("2024 shape %s; baseline shape %s", hop(r.pacedStages()), hop(baseline.pacedStages()))));
        rows.addAll(List.of(
                List.of("`archives` rows in the hour's Parquet files", f("%d in %d file(s) (expected %d)", r.parquetArchiveRows(), r.parquetFiles(), r.archives())),
                List.of("dead letters", Integer.toString(r.deadLetters())),
                List.of("latency S3 event → rules-results, burst (queueing included)", f("p50 %.0f ms, p99 %.0f ms", r.burstLatencyMs()[0], r.burstLatencyMs()[1])),
                List.of(f("latency S3 event → rules-results, paced at %.0f/s (%d archives)", r.pacedRate(), r.pacedArchives()),
                        f("p50 %.0f ms, p99 %.0f ms", r.pacedLatencyMs()[0], r.pacedLatencyMs()[1])),
                List.of("paced, per hop (record timestamps; new → synced includes the multiplexor)", r.pacedStages())));
        md.table(List.of("figure", "value"), rows);
        goals.add(List.of("end to end, 2024 shape", f("%.1f archives/s", r.perSecond()),
                f("baseline shape %.1f/s: %.2f×", baseline.perSecond(), r.perSecond() / baseline.perSecond()), "no goal set"));
        if (r.parquetArchiveRows() != r.archives()) {
            goals.add(List.of("end to end, 2024 shape", "**wrong row count**", f("%d archives rows for %d archives", r.parquetArchiveRows(), r.archives()), "FAILED"));
        }
    }

    /** "→ archive-synced p50 N ms" out of a per-hop latency line. */
    private static String hop(String stages) {
        Matcher m = Pattern.compile("→ archive-synced p50 (\\d+) ms").matcher(stages);
        return m.find() ? m.group(1) + " ms" : "?";
    }

    // ------------------------------------------------------------------ 2. archive sync

    private static void archiveSync(PipelineBench pipeline, Sizes sizes, Markdown md, List<List<String>> goals) throws Exception {
        Bench.log("2. archive sync");
        List<PipelineBench.SyncRow> rows = pipeline.archiveSync(sizes.syncSizes(), sizes.syncRounds());
        md.heading("2. Archive sync vs a bare S3 GET → PUT loop");
        md.line("The `archive-sync` route alone with the shipped settings (archive-new from Kafka, a poll's records "
                + "%s at once → GET source (size and ETag from its response) → one streamed PUT with `If-None-Match: *` up to "
                + "128 MiB, above it a HEAD and 16 MiB parts, 2 in flight → archive-synced → one offset commit per partition "
                + "and poll), one consumer, against a loop of `getObject` → `putObject` "
                + "with the AWS SDK v2 on one thread, S3Proxy → Ceph RGW both. Route time: first archive-new sent → last "
                + "archive-synced record's timestamp. Best of %d round(s). Goal ≥ 0.9×.", "4", sizes.syncRounds()).blank();
        List<List<String>> table = new ArrayList<>();
        for (PipelineBench.SyncRow row : rows) {
            table.add(List.of(row.label(), f("%.2f", row.objectBytes() / 1048576.0), Integer.toString(row.objects()),
                    f("%.1f/s, %.1f MiB/s", row.objects() / row.routeSeconds(), row.objects() * row.objectBytes() / 1048576.0 / row.routeSeconds()),
                    f("%.1f/s, %.1f MiB/s", row.objects() / row.bareSeconds(), row.objects() * row.objectBytes() / 1048576.0 / row.bareSeconds()),
                    ratio(row.ratio(), 0.9, true)));
            goals.add(List.of("archive sync, " + row.label(), f("%.1f archives/s", row.objects() / row.routeSeconds()),
                    f("bare GET→PUT %.1f/s", row.objects() / row.bareSeconds()), ratio(row.ratio(), 0.9, true)));
        }
        md.table(List.of("archives", "MiB each", "count", "route", "bare GET → PUT", "route / bare"), table);

        // Scaling on this box: the same stage with one and with two consumers (topics of N partitions).
        Object[] sample = sizes.syncSizes().get(0);
        List<List<String>> scaling = new ArrayList<>();
        double one = 0;
        for (int consumers = 1; consumers <= 2; consumers++) {
            PipelineBench.SyncRow row = pipeline.archiveSync(List.<Object[]>of(sample), 1,
                    Map.of("ccx.archive-sync.consumers", Integer.toString(consumers))).get(0);
            double rate = row.objects() / row.routeSeconds();
            one = consumers == 1 ? rate : one;
            scaling.add(List.of(Integer.toString(consumers), f("%.1f archives/s", rate),
                    f("%.1f archives/s", row.objects() / row.bareSeconds()), f("%.2f×", rate / one)));
        }
        md.line("Scaling: the route with 1 and 2 consumers (`ccx.archive-sync.consumers`, each with the shipped "
                + "`ccx.archive-sync.parallelism`) over topics of %d partitions, %d sample archives, one round each; "
                + "the bare loop (one thread) runs beside each as the same-moment baseline.", pipeline.partitions(),
                (Integer) sample[2]).blank();
        md.table(List.of("consumers", "route", "bare GET → PUT (1 thread)", "route vs 1 consumer"), scaling);
    }

    // ------------------------------------------------------------------ 3. rules + features

    private static void rules(Sizes sizes, Markdown md, List<List<String>> goals) throws Exception {
        Bench.log("3. rules + features");
        String output = child(List.of(), RulesBenchmark.class, List.of(Double.toString(sizes.rulesSeconds())), 10);
        md.heading("3. Rules + features vs decompress-and-walk");
        md.line("`bench.RulesBenchmark` (child JVM, %s s of warm-up and of measurement per archive): median thread CPU time "
                + "per archive. floor = gunzip + read every tar entry; reader = the safe reader keeping the rules' files; rules = "
                + "reader + every rule; rules+feat = one read for both engines + rules + feature extractors (what the "
                + "archive-analysis route does). Goal: rules / floor ≤ 1.5×.", sizes.rulesSeconds()).blank();
        Pattern row = Pattern.compile("^(sample(?: x\\d+)?)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)x\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)x$");
        List<List<String>> table = new ArrayList<>();
        for (String line : output.lines().toList()) {
            Matcher m = row.matcher(line.trim());
            if (m.matches()) {
                double rulesRatio = Double.parseDouble(m.group(8));
                double bothRatio = Double.parseDouble(m.group(11));
                table.add(List.of(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7),
                        ratio(rulesRatio, 1.5, false), m.group(9), m.group(10), f("%.2f×", bothRatio)));
                goals.add(List.of("rules, " + m.group(1), m.group(7) + " ms CPU", "gunzip + walk " + m.group(5) + " ms", ratio(rulesRatio, 1.5, false)));
                goals.add(List.of("rules + features, " + m.group(1), m.group(10) + " ms CPU", "gunzip + walk " + m.group(5) + " ms", f("%.2f×", bothRatio)));
            }
        }
        md.table(List.of("archive", "gz KiB", "tar KiB", "entries", "floor ms", "reader ms", "rules ms", "rules / floor",
                "archives/s (1 core)", "rules+feat ms", "rules+feat / floor"), table);
        md.details("RulesBenchmark output", output);
    }

    // ------------------------------------------------------------------ 4. parquet factory

    /** Live heap after GC, MiB, the durable path may hold at any hour size (issue 13). */
    private static final double HEAP_GOAL_MIB = 64;

    private static void parquet(Sizes sizes, Markdown md, List<List<String>> goals) throws Exception {
        Bench.log("4. parquet factory");
        String rows = sizes.parquetRows().stream().map(String::valueOf).collect(Collectors.joining(","));
        String output = child(List.of("-Xmx3g", "-Dbench.sizes=" + rows, "-Dbench.heapSizes=" + rows), ParquetBenchmark.class, List.of(), 60);
        List<Map<String, String>> runs = keyValues(output, "THROUGHPUT ");
        List<Map<String, String>> heaps = keyValues(output, "HEAP ");
        md.heading("4. Parquet factory: durable path vs bare parquet-avro and DuckDB");
        md.line("`bench.ParquetBenchmark` (child JVM, -Xmx3g), for `rule_hits` (10 hits per rules-results message) and "
                + "`workload_containers` (100 containers per features message), at %s rows. The three sides get the same rows "
                + "(the bare loop's records and DuckDB's JSON lines are mapped from the same Kafka record values; every file's "
                + "row count is checked):", sizes.parquetRows().stream().map(n -> f("%,d", n)).collect(Collectors.joining(", "))).blank();
        md.line("- **durable path** (`bench.DurablePath`, the factory's path with the shipped settings of `application.properties`: "
                + "%s): the Kafka record values (JSON bytes, prebuilt) → String (the consumer's `StringDeserializer`) → the "
                + "route's `ContractCheck` (JSON Schema + cross checks) and `JsonFormats` (camel-jackson on the shared mapper) on an exchange per record "
                + "→ `MessageRows.fromRules/fromFeatures` (the mapping with every validator check) → `Spill.append` of the "
                + "table's rows to the hour's spill in a `SpillStore` (state directory under `target/`, ext4) → "
                + "`SpillStore.sync()` (fsync) at the last record of every poll of 100 → `store.seal` → `SpillWriter.write` "
                + "(the spill streamed through `ParquetSink`/`ParquetFileWriter`, Snappy, into a temporary file) → upload to "
                + "S3Proxy (filesystem backend, its own process on the same 2 cores; the listing for the file's index, then "
                + "the PUT) → `store.confirm`. Timed from the first record to the confirmed upload. Not included: the Kafka "
                + "client (fetching, offset commits) and Camel's routing between the steps (choice, split, the aggregator's "
                + "lock and repository calls). A rules-results message also maps one `archives` row; it is mapped but not "
                + "spilled or written (the figure is the `rule_hits` file's).", DurablePath.settings()).blank();
        md.line("- **(a) bare parquet-avro**: an `AvroParquetWriter` loop over the same rows already built as GenericRecords, "
                + "into a local file, same settings (Snappy, %d MiB row groups): no JSON, no check, no mapping, no spill, no "
                + "upload.", DurablePath.ROW_GROUP_BYTES >> 20).blank();
        md.line("- **(b) DuckDB**: `COPY (SELECT * FROM read_json_auto(rows.jsonl)) TO … (FORMAT parquet, COMPRESSION "
                + "snappy)` in node (`tools/parquet-check`, `@duckdb/node-api`, all cores), from the same rows as flat JSON "
                + "lines (one object per row) into a local file, the COPY alone timed: no contract check, no nested "
                + "message, no durability, no upload.").blank();
        md.line("Durable and (a) run interleaved after a warm-up on up to 100,000 rows, best of 5 (10k rows), 3 (100k) or 2 (1M); "
                + "DuckDB best of 3 (2 at 1M). Goals (issue 13): durable/(b) ≥ 1.0, durable/(a) ≥ 0.8.").blank();
        List<List<String>> table = new ArrayList<>();
        List<List<String>> steps = new ArrayList<>();
        List<List<String>> writer = new ArrayList<>();
        for (Map<String, String> r : runs) {
            double durable = Double.parseDouble(r.get("durable"));
            double bare = Double.parseDouble(r.get("bare"));
            double duck = Double.parseDouble(r.get("duckdb"));
            String name = r.get("table");
            String size = f("%,d", Long.parseLong(r.get("rows")));
            String vsDuck = Double.isNaN(duck) ? "–" : ratio(durable / duck, 1.0, true);
            String vsBare = ratio(durable / bare, 0.8, true);
            table.add(List.of(name, size, f("**%,.0f**", durable), f("%,.0f", Double.parseDouble(r.get("ingestMs"))),
                    f("%,.0f", Double.parseDouble(r.get("writeMs"))), f("%,.0f", bare), vsBare,
                    Double.isNaN(duck) ? "–" : f("%,.0f", duck), vsDuck));
            List<String> stepRow = new ArrayList<>(List.of(name, size));
            for (String step : DurablePath.STEPS) {
                stepRow.add(f("%,.0f", Double.parseDouble(r.get(step + "Ms"))));
            }
            steps.add(stepRow);
            // The writer alone (issue 14): the sealed spill → Parquet file, against the bare loop writing the same rows.
            double writerRate = Long.parseLong(r.get("rows")) / (Double.parseDouble(r.get("parquetMs")) / 1000.0);
            String vsBareWriter = ratio(writerRate / bare, 0.8, true);
            writer.add(List.of(name, size, f("%,.0f", writerRate), f("%,.0f", bare), vsBareWriter));
            goals.add(List.of(f("parquet writer %s, %s rows", name, size), f("spill → file %,.0f rows/s", writerRate),
                    f("bare parquet-avro %,.0f rows/s", bare), vsBareWriter));
            goals.add(List.of(f("parquet %s, %s rows", name, size), f("durable %,.0f rows/s", durable),
                    Double.isNaN(duck) ? "DuckDB skipped (no node)" : f("DuckDB %,.0f rows/s", duck), vsDuck));
            goals.add(List.of(f("parquet %s, %s rows", name, size), f("durable %,.0f rows/s", durable),
                    f("bare parquet-avro %,.0f rows/s", bare), vsBare));
        }
        md.table(List.of("table", "rows", "durable rows/s", "ingest → spill ms", "write + upload ms", "(a) bare rows/s",
                "durable/(a)", "(b) DuckDB rows/s", "durable/(b)"), table);
        md.line("The writer alone (goal of issue 14: ≥ 0.8× bare): the sealed spill read back, encoded by `ParquetSink` into "
                + "the file (the step `spill → Parquet file` below: no JSON, no check, no S3), against (a) writing the same "
                + "rows from prebuilt records.").blank();
        md.table(List.of("table", "rows", "writer rows/s", "(a) bare rows/s", "writer/(a)"), writer);
        md.line("Where the durable path's time goes (its best run, ms, wall clock): the record value to a String; the "
                + "contract check; the Jackson bind; the mapping (`SourceRows`); `Spill.append`; `SpillStore.sync` (fsync); "
                + "in the write phase everything but S3 (reading the spill, Parquet encoding into the temporary file, seal, "
                + "confirm) and the S3 calls (listing + PUT).").blank();
        List<String> stepHeaders = new ArrayList<>(List.of("table", "rows"));
        DurablePath.STEPS.forEach(step -> stepHeaders.add(step.equals("parquet") ? "spill → Parquet file" : step));
        md.table(stepHeaders, steps);

        md.line("**Heap**: the durable path for `workload_containers` alone in a child JVM with -Xmx512m (`bench.StageMemory "
                + "parquet`, default GC, S3Proxy as above), the record values made one at a time as a consumer receives "
                + "them. live heap after GC = the most heap in use right after any GC (young ones included, so old-generation "
                + "garbage the GC has not collected yet counts: the figure moves from run to run with the GC's timing); each "
                + "size runs 3 times and the worst run is reported (its time, peak heap = the heap pools' peak, garbage "
                + "included, RSS = VmHWM, detail). Goal: live heap after GC ≤ %.0f MiB at every size, flat.", HEAP_GOAL_MIB).blank();
        List<List<String>> heapTable = new ArrayList<>();
        double minLive = Double.MAX_VALUE;
        double maxLive = 0;
        for (Map<String, String> h : heaps) {
            String size = f("%,d", Long.parseLong(h.get("rows")));
            if (h.containsKey("failed")) {
                heapTable.add(List.of(size, "–", "**failed: " + h.get("failed") + "**", "–", "–", "–", ""));
                goals.add(List.of("parquet heap, " + size + " rows", "failed: " + h.get("failed"), "-Xmx512m", "MISSED"));
                maxLive = Double.MAX_VALUE;
                continue;
            }
            double live = Double.parseDouble(h.get("liveHeapMiB"));
            minLive = Math.min(minLive, live);
            maxLive = Math.max(maxLive, live);
            String verdict = live <= HEAP_GOAL_MIB ? f("%.1f MiB (goal met)", live) : f("%.1f MiB (MISSED: goal ≤ %.0f MiB)", live, HEAP_GOAL_MIB);
            heapTable.add(List.of(size, f("%.1f", Long.parseLong(h.get("millis")) / 1000.0), verdict,
                    h.getOrDefault("liveHeapRuns", "").replace("/", " / "), h.get("peakHeapMiB"), h.get("rssMiB"), h.get("detail")));
            goals.add(List.of("parquet heap, " + size + " rows", f("live heap after GC %.1f MiB", live),
                    "workload_containers, -Xmx512m", live <= HEAP_GOAL_MIB ? "goal ≤ 64 MiB met" : "**goal ≤ 64 MiB MISSED**"));
        }
        md.table(List.of("workload_containers rows", "time s", "live heap after GC (worst run)", "each run MiB", "peak heap MiB",
                "peak RSS MiB", "detail"), heapTable);
        if (!heaps.isEmpty() && maxLive < Double.MAX_VALUE) {
            md.line("Live heap after GC (worst runs) from %.1f to %.1f MiB over %s rows: %s.", minLive, maxLive,
                    heaps.stream().map(h -> f("%,d", Long.parseLong(h.get("rows")))).collect(Collectors.joining(" → ")),
                    maxLive - minLive <= HEAP_GOAL_MIB / 4 ? f("flat (spread ≤ %.0f MiB)", HEAP_GOAL_MIB / 4)
                            : f("**not flat** (spread > %.0f MiB)", HEAP_GOAL_MIB / 4)).blank();
        }
        md.details("ParquetBenchmark output", output);
    }

    /** The {@code key=value} fields of every output line starting with {@code prefix}. */
    private static List<Map<String, String>> keyValues(String output, String prefix) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : output.lines().filter(l -> l.startsWith(prefix)).toList()) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String part : line.substring(prefix.length()).trim().split(" ")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    values.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            out.add(values);
        }
        return out;
    }

    // ------------------------------------------------------------------ 5. memory

    private static void memory(S3ProxyServer aws, CephRgwServer ceph, Sizes sizes, Path work, Markdown md) throws Exception {
        Bench.log("5. memory per stage");
        S3Credentials a = aws.credentials();
        S3Credentials c = ceph.credentials();
        S3Client awsS3 = a.client();
        S3Client cephS3 = c.client();
        String prefix = "bench-mem-" + System.currentTimeMillis();
        awsS3.createBucket(b -> b.bucket(prefix + "-ingress"));
        cephS3.createBucket(b -> b.bucket(prefix + "-datahub"));
        cephS3.createBucket(b -> b.bucket(prefix + "-parquet"));
        List<List<String>> table = new ArrayList<>();
        try {
            Map<String, String> idle = result(child(List.of(CHILD_HEAP), StageMemory.class, List.of("idle"), 2));
            table.add(row("JVM doing nothing (floor)", "–", idle));
            for (int mib : sizes.archiveMiB()) {
                Path file = BenchArchives.padded(work.resolve("padded.tar.gz"), (long) mib << 20);
                long size = Files.size(file);
                String cluster = BenchArchives.clusterId(9_000_000 + mib);
                S3Key key = new S3Key("42", cluster, LocalDateTime.parse("2024-03-15T08:00:00").plusSeconds(mib), String.format("%032x", mib));
                awsS3.putObject(b -> b.bucket(prefix + "-ingress").key(key.toString()), RequestBody.fromFile(file));
                Files.delete(file);
                Map<String, String> sync = result(child(List.of(CHILD_HEAP), StageMemory.class, List.of("sync",
                        a.endpoint(), a.accessKey(), a.secretKey(), prefix + "-ingress",
                        c.endpoint(), c.accessKey(), c.secretKey(), prefix + "-datahub",
                        cluster, key.toString(), Long.toString(16L << 20)), 10));
                table.add(row("archive sync", f("archive %.1f MiB", size / 1048576.0), sync));
                Map<String, String> analyse = result(child(List.of(CHILD_HEAP), StageMemory.class, List.of("analyse",
                        c.endpoint(), c.accessKey(), c.secretKey(), prefix + "-datahub", CephPath.of(key).toString(), cluster),
                        10));
                table.add(row("archive analysis (rules + features)", f("archive %.1f MiB", size / 1048576.0), analyse));
                awsS3.deleteObject(b -> b.bucket(prefix + "-ingress").key(key.toString()));
                cephS3.deleteObject(b -> b.bucket(prefix + "-datahub").key(CephPath.of(key).toString()));
            }
            for (int rows : sizes.hourRows()) {
                Path state = work.resolve("parquet-state-" + rows);
                String input = f("hour of %,d workload_containers rows", rows);
                try {
                    Map<String, String> parquet = result(child(List.of(CHILD_HEAP), StageMemory.class, List.of("parquet",
                            c.endpoint(), c.accessKey(), c.secretKey(), prefix + "-parquet", Integer.toString(rows), state.toString()),
                            20));
                    table.add(row("parquet factory (durable path: spill + hourly file)", input, parquet));
                } catch (IllegalStateException e) { // e.g. OutOfMemoryError in the child: a finding, not the end of the run
                    String why = e.getMessage().contains("OutOfMemoryError") ? "OutOfMemoryError" : e.getMessage().lines().findFirst().orElse("");
                    table.add(List.of("parquet factory (durable path: spill + hourly file)", input, "–", "–", "–", "–", "**failed: " + why + "**"));
                }
            }
        } finally {
            PipelineBench.emptyBucket(awsS3, prefix + "-ingress");
            PipelineBench.emptyBucket(cephS3, prefix + "-datahub");
            PipelineBench.emptyBucket(cephS3, prefix + "-parquet");
        }
        md.heading("5. Peak heap and RSS per stage");
        md.line("Each stage's work on one input, alone in a child JVM (`bench.StageMemory`, %s, default GC), against the real "
                + "servers: archive sync S3Proxy → Ceph (16 MiB parts), archive analysis streaming the archive from Ceph through "
                + "the safe reader into the rules and the feature extractors, and the Parquet factory's durable path for an hour "
                + "of workload_containers rows (`bench.DurablePath`: JSON record values → contract check → Jackson → mapping → "
                + "the hour's spill file, fsync every 100 records → the sealed spill streamed into one Parquet file, 8 MiB row "
                + "groups, uploaded to Ceph; the detail splits ingest and write + upload). Archives "
                + "are the sample padded with incompressible files no rule reads. peak heap = heap pools' peak (garbage "
                + "included, so it follows the GC's pace); live heap = most heap in use just after a GC (what the work holds, "
                + "plus old-generation garbage a young GC leaves: it moves from run to run with the GC's timing; one run each); "
                + "RSS = VmHWM of /proc/self/status (the JVM's own code, metaspace and the GC's reserve included).", CHILD_HEAP).blank();
        md.table(List.of("stage", "input", "time s", "peak heap MiB", "live heap after GC MiB", "peak RSS MiB", "detail"), table);
    }

    private static List<String> row(String stage, String input, Map<String, String> r) {
        return List.of(stage, input, f("%.1f", Long.parseLong(r.get("millis")) / 1000.0), r.get("peakHeapMiB"),
                r.get("liveHeapMiB").equals("-1.0") ? "no GC" : r.get("liveHeapMiB"), r.get("rssMiB"), r.get("detail"));
    }

    private static Map<String, String> result(String output) {
        String line = output.lines().filter(l -> l.startsWith("RESULT ")).reduce((x, y) -> y)
                .orElseThrow(() -> new IllegalStateException("no RESULT line in:\n" + output));
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : line.substring("RESULT ".length()).split(" ")) {
            int eq = part.indexOf('=');
            values.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return values;
    }

    // ------------------------------------------------------------------ helpers

    /** Runs {@code main} in a child JVM with this JVM's class path; returns its stdout, fails on a non-zero exit. */
    private static String child(List<String> jvmOptions, Class<?> main, List<String> args, int timeoutMinutes) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "-Dccx.log.level=WARN", main.getName()));
        command.addAll(args);
        Path log = Files.createTempFile("bench-child-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(main.getSimpleName() + " " + args + " timed out; output in " + log);
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(main.getSimpleName() + " " + args + " failed (exit " + process.exitValue() + "):\n" + output);
        }
        Files.delete(log);
        return output;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static String machine() throws IOException {
        String cpu = "unknown CPU";
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                cpu = line.substring(line.indexOf(':') + 1).trim();
                break;
            }
        }
        long memKiB = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                memKiB = Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        String load = Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        return f("%d cores (%s), %.1f GiB RAM, load average %s at the start, Java %s (%s), %s %s",
                Runtime.getRuntime().availableProcessors(), cpu, memKiB / 1048576.0, load, Runtime.version(),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"));
    }
}

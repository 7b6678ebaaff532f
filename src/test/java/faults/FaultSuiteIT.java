package faults;

import config.SqsConnection;
import org.apache.commons.io.FileUtils;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.TopicNames;
import devservers.CephRgwServer;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.FreePort;
import devservers.PrometheusServer;
import devservers.ProjectPaths;
import devservers.S3Credentials;
import devservers.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import testing.Reports;
import testing.GeneratedUploads;
import testing.KnownSeries;
import testing.PipelineProcess;
import testing.PipelineUnderTest;
import testing.RealServers;
import testing.TopicTail;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The fault suite (issue 8, and issue 7's SIGTERM test): the packaged pipeline runs as its own
 * JVM with every stage on, fed a stream of generated archives (S3 upload + S3 event on SQS), while
 * each fault is injected in turn: Thanos unreachable, kill -9 of the pipeline, a Kafka broker
 * restart, a 30 s Ceph RGW outage, a 30 s outage of the AWS S3 stand-in, and a SIGTERM while an
 * aggregation hour is open. Each scenario has its own batch of archives, all in its own hour; after
 * the scenario the batch must be complete in every environment (duplicates are allowed and counted,
 * nothing may be missing), the SQS queue empty, nothing dead-lettered; at the end the Parquet
 * tables must hold each archive's rows exactly once. A count table goes to stdout and to
 * target/fault-suite-report.md.
 * <p>
 * The 2024 shape ({@link Shape2024}) runs as a second pipeline JVM beside the first from the start
 * to the Ceph outage: kill -9 kills both, the Kafka restart and the Ceph outage hit both, and the
 * kill -9 and Ceph scenarios feed each its own batch of OpenShift and OLS archives; then it is
 * stopped with SIGTERM and its Parquet tables checked, so the later scenarios run as before.
 */
@ExtendWith(RealServers.class)
// It stops and restarts the rig's servers: last, and never beside the topology test.
@Order(Integer.MAX_VALUE)
@ResourceLock(value = RealServers.RIG, mode = ResourceAccessMode.READ_WRITE)
class FaultSuiteIT {
    static final int PER_SCENARIO = 10;
    static final String PREFIX = "faults";
    static final Duration SETTLE = Duration.ofSeconds(180);
    static final Duration READY = Duration.ofSeconds(120);
    static final Duration SIGTERM_EXIT = Duration.ofSeconds(60);
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final String[] ENVS = {"dev", "qa", "prod"};

    private final List<Scenario> scenarios = new ArrayList<>();
    /** Synchronized: the 2024 shape's end runs beside the later baseline scenarios. */
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final long t0 = System.nanoTime();
    private Properties config;
    private PipelineProcess pipeline;
    private GeneratedUploads ingress;
    private TopicTail tail;
    private Admin admin;
    private SqsClient sqs;
    private String queueUrl;
    private TopicNames names;
    private LocalDateTime firstHour;
    private S3Client tables;
    private String tablesBucket;
    private Path work;
    private Shape2024 shape2024;
    private CompletableFuture<Void> shape2024End;

    /** One scenario: its fault, its batch of uploads (all in one hour) and what was counted after it. */
    final class Scenario {
        final String name;
        final String fault;
        final LocalDateTime hour;
        final List<GeneratedUploads.Upload> uploads = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Map<String, int[]> counts = new LinkedHashMap<>(); // "synced"/"rules"/"features" -> {distinct, total}
        long sqsLeft = -1;
        int deadLetters = -1;
        long parquetRows = -1;
        long parquetExpected = -1;
        boolean settled;
        double seconds;

        Scenario(String name, String fault) {
            this.name = name;
            this.fault = fault;
            this.hour = firstHour.plusHours(scenarios.size());
            scenarios.add(this);
        }

        Set<String> clusterIds() {
            return uploads.stream().map(GeneratedUploads.Upload::clusterId).collect(Collectors.toSet());
        }

        void create() throws IOException {
            for (int i = 0; i < PER_SCENARIO; i++) {
                // Three minutes apart inside the scenario's hour: one hour, one Parquet group per table.
                uploads.add(ingress.create(name, i, hour.plusMinutes(3L * i).plusSeconds(i)));
            }
        }

        /** Uploads and announces archives [from, to) with a short gap, as a steady stream. */
        void feed(int from, int to) throws InterruptedException {
            ingress.feed(uploads, from, to, 150);
        }

        void note(String format, Object... args) {
            String note = String.format(format, args);
            notes.add(note);
            say("[%s] %s", name, note);
        }
    }

    @Test
    void noArchiveIsLostOrDuplicatedWhateverFails(EmbeddedKafka kafka, EmbeddedSqs sqsServer, S3ProxyServer aws,
                                                  CephRgwServer ceph, PrometheusServer prometheus) throws Exception {
        work = ProjectPaths.projectDir().resolve("target/fault-suite");
        FileUtils.deleteDirectory(work.toFile());
        Files.createDirectories(work);
        // Hours already over, one per scenario: each completes on the wall clock 2 s (late-rows-ms) after
        // its last rows, so hours are written while the next faults strike.
        firstHour = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(12);
        config = config(kafka, sqsServer, aws, ceph, prometheus);
        names = new TopicNames(config.getProperty("ccx.topic.pattern"), config.getProperty("ccx.envs"));
        setUp(kafka, sqsServer, aws, ceph);
        pipeline = new PipelineProcess(config, work.resolve("pipeline.log"));
        shape2024 = new Shape2024(this, config, kafka, sqsServer, aws, tables, work, firstHour.minusHours(1));
        try {
            thanosUnreachable(prometheus);
            kill9();
            kafkaRestart(kafka);
            cephOutage(ceph);
            s3Outage(aws);
            sigtermDuringAnOpenHour();
            stopAndFlush();
            checkParquet(prometheus);
            shape2024End.join();
        } catch (Throwable e) {
            problems.add("suite aborted: " + e);
            throw e;
        } finally {
            pipeline.close();
            shape2024.close();
            report();
            tail.close();
            admin.close();
        }
        assertThat(problems).as("fault suite problems (see target/fault-suite-report.md, %s)", pipeline.log()).isEmpty();
    }

    // ---------------------------------------------------------------- scenarios

    /** (5) Thanos unreachable for the first poll cycles: the hours stay pending and are written once it is back. */
    void thanosUnreachable(PrometheusServer prometheus) throws Exception {
        Scenario s = new Scenario("thanos-down", "(5) Thanos unreachable for 2+ poll cycles (Prometheus stopped, then restarted)");
        s.create();
        prometheus.pause();
        try {
            startPipeline(s);
            // The 2024 JVM starts while this scenario waits on Thanos; kill-9 waits until it is ready.
            shape2024.pipeline.start();
            s.feed(0, PER_SCENARIO);
            long pollMs = Long.parseLong(config.getProperty("ccx.thanos.poll-interval-ms"));
            Thread.sleep(2 * pollMs + 1000);
            long failures = logLines("Thanos poll failed");
            s.note("%d failed poll(s) logged while Thanos was down", failures);
            if (failures == 0) {
                problems.add(s.name + ": no failed Thanos poll was logged while Prometheus was stopped");
            }
            if (ledgerHasDoneHours()) {
                problems.add(s.name + ": the Thanos ledger marked hours done while Thanos was down");
            }
        } finally {
            prometheus.resume();
        }
        settle(s);
    }

    /** (1) kill -9 of the pipeline while archives are in flight, then a restart; the 2024 JVM killed with it. */
    void kill9() throws Exception {
        Scenario s = new Scenario("kill-9", "(1) kill -9 of the pipeline JVM mid-stream, restarted at once");
        Shape2024.Scenario y = shape2024.scenario("kill-9", "(1) kill -9 of the 2024 pipeline JVM mid-stream (with the baseline one), restarted at once");
        s.create();
        y.create();
        long t2024 = System.nanoTime();
        shape2024.pipeline.waitReady(READY);
        y.note("2024 pipeline pid %d ready (started during thanos-down), waited %.1f s for it", shape2024.pipeline.pid(),
                (System.nanoTime() - t2024) / 1e9);
        s.feed(0, PER_SCENARIO / 2);
        y.feed(0, Shape2024.PER_SCENARIO / 2);
        awaitProgress(s, 4);
        awaitProgress(y, 2);
        long t = System.nanoTime();
        pipeline.kill9();
        shape2024.pipeline.kill9();
        s.note("killed (SIGKILL) with %d/%d archive-synced records of the batch written", syncedRecords(s), 3 * PER_SCENARIO);
        shape2024.countTopics(y);
        shape2024.countStores(y);
        y.note("killed (SIGKILL) at: %s", shape2024.progress(y));
        startPipelines(s, true);
        s.note("restarted and ready %.1f s after the kill (both JVMs)", (System.nanoTime() - t) / 1e9);
        s.feed(PER_SCENARIO / 2, PER_SCENARIO);
        y.feed(Shape2024.PER_SCENARIO / 2, Shape2024.PER_SCENARIO);
        settle(s, y);
    }

    /** (2) The Kafka broker stopped for 10 s and started again on the same port over the same log dirs. */
    void kafkaRestart(EmbeddedKafka kafka) throws Exception {
        Scenario s = new Scenario("kafka-restart", "(2) Kafka broker stopped ~10 s and restarted (same port, same log dirs)");
        s.create();
        s.feed(0, PER_SCENARIO / 2);
        awaitProgress(s, 3);
        long t = System.nanoTime();
        kafka.stopBroker();
        double stopping = (System.nanoTime() - t) / 1e9;
        s.feed(PER_SCENARIO / 2, PER_SCENARIO);
        Thread.sleep(8_000);
        kafka.startBroker();
        s.note("broker down %.1f s (shutdown took %.1f s), back on %s", (System.nanoTime() - t) / 1e9, stopping,
                kafka.bootstrapServers());
        if (!pipeline.isAlive()) {
            problems.add(s.name + ": the pipeline exited while the broker was down");
            startPipeline(s);
        }
        if (!shape2024.pipeline.isAlive()) {
            problems.add(s.name + ": the 2024 pipeline exited while the broker was down");
            shape2024.pipeline.start().waitReady(READY);
        }
        settle(s);
    }

    /**
     * (3) Ceph RGW stopped for 30 s (connection refused), the data kept; under the 2024 JVM too
     * (archive-sync, archive-sync-ols, rules, the rules uploader and the factory all need it). Then
     * the 2024 JVM is stopped and its tables checked, in the background.
     */
    void cephOutage(CephRgwServer ceph) throws Exception {
        Scenario s = new Scenario("ceph-down-30s", "(3) Ceph RGW stopped for 30 s");
        Shape2024.Scenario y = shape2024.scenario("ceph-down-30s", "(3) Ceph RGW stopped for 30 s (the same outage), OLS bucket included");
        s.create();
        y.create();
        s.feed(0, PER_SCENARIO / 2);
        y.feed(0, Shape2024.PER_SCENARIO / 2);
        awaitProgress(s, 3);
        awaitProgress(y, 2);
        long logMark = shape2024.logLinesNow();
        int syncedBefore = shape2024.syncedRecords(y);
        ceph.pause();
        try {
            s.feed(PER_SCENARIO / 2, PER_SCENARIO);
            y.feed(Shape2024.PER_SCENARIO / 2, Shape2024.PER_SCENARIO);
            Thread.sleep(OUTAGE.toMillis());
        } finally {
            ceph.resume();
        }
        s.note("RGW was down %d s", OUTAGE.toSeconds());
        y.note("RGW was down %d s, %d of the batch's archive-synced records written before it; failed deliveries"
                + " logged by stage during the outage: %s", OUTAGE.toSeconds(), syncedBefore,
                shape2024.failedDeliveriesSince(logMark));
        settle(s, y);
        // The 2024 JVM's end (its hours written, SIGTERM, its tables checked) beside the next scenarios.
        shape2024End = CompletableFuture.runAsync(() -> {
            try {
                shape2024.finish();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /** (4) The AWS S3 stand-in (S3Proxy) stopped for 30 s; uploads already stored, events still arriving. */
    void s3Outage(S3ProxyServer aws) throws Exception {
        Scenario s = new Scenario("s3-down-30s", "(4) S3Proxy (AWS S3) stopped for 30 s");
        s.create();
        for (GeneratedUploads.Upload u : s.uploads) {
            ingress.upload(u);
        }
        for (int i = 0; i < PER_SCENARIO / 2; i++) {
            ingress.notify(s.uploads.get(i));
        }
        awaitProgress(s, 3);
        aws.stop();
        try {
            for (int i = PER_SCENARIO / 2; i < PER_SCENARIO; i++) {
                ingress.notify(s.uploads.get(i));
                Thread.sleep(150);
            }
            Thread.sleep(OUTAGE.toMillis());
        } finally {
            aws.restart();
        }
        s.note("S3Proxy was down %d s", OUTAGE.toSeconds());
        settle(s);
    }

    /** (6) SIGTERM while the scenario's hour is open in the aggregator (rows stored, no file yet), then a restart. */
    void sigtermDuringAnOpenHour() throws Exception {
        Scenario s = new Scenario("sigterm-open-hour", "(6) SIGTERM mid-stream with the hour open in the aggregator, restarted");
        s.create();
        s.feed(0, PER_SCENARIO / 2);
        awaitProgress(s, 6);
        awaitParquetCommitted(Duration.ofSeconds(60), 1);
        String hourPath = String.format("/hourly/date=%s/hour=%02d/", s.hour.toLocalDate(), s.hour.getHour());
        long files = tables.listObjectsV2Paginator(b -> b.bucket(tablesBucket).prefix("fleet_aggregations/")).contents().stream()
                .filter(o -> o.key().contains(hourPath)).count();
        s.note("hour %s open at SIGTERM: %d archive(s) analysed in prod, %d file(s) written for it", hourPath,
                tail.records(names.topic("prod", TopicNames.RULES_RESULTS)).stream().filter(r -> s.clusterIds().contains(r.key()))
                        .map(ConsumerRecord::key).distinct().count(), files);
        gracefulStop(s.name);
        startPipeline(s);
        s.feed(PER_SCENARIO / 2, PER_SCENARIO);
        settle(s);
    }

    /** The end: a graceful stop, then an explicit flush of every open hour by a factory-only pipeline in this JVM. */
    void stopAndFlush() throws Exception {
        gracefulStop("final stop");
        Properties flush = new Properties();
        flush.putAll(config);
        for (String stage : List.of("sqs-listener", "archive-sync", "rules", "features", "thanos-poll")) {
            flush.setProperty("ccx.stages." + stage, "false");
        }
        flush.setProperty("ccx.http.enabled", "false");
        flush.setProperty("ccx.parquet.late-rows-ms", Long.toString(Duration.ofDays(3650).toMillis()));
        try (PipelineUnderTest factory = PipelineUnderTest.start(flush)) {
            awaitParquetCommitted(Duration.ofSeconds(60), 0);
            factory.main().getCamelContext().createProducerTemplate().sendBody("direct:parquet-flush-all", null);
        }
    }

    /**
     * SIGTERM: the JVM must exit within {@link #SIGTERM_EXIT} with 143 (or 0), after camel-main's graceful
     * shutdown completed (in-flight exchanges drained) and without hitting its shutdown timeout.
     */
    void gracefulStop(String who) throws Exception {
        gracefulStop(pipeline, who, scenarios.stream().filter(x -> x.name.equals(who)).findFirst()
                .<Consumer<String>>map(x -> n -> x.note("%s", n)).orElse(n -> say("[%s] %s", who, n)));
    }

    /** {@link #gracefulStop(String)} of any pipeline JVM (the 2024 one too); the exit is noted through {@code note}. */
    void gracefulStop(PipelineProcess process, String who, Consumer<String> note) throws Exception {
        Path log = process.log();
        long completed = logLines(log, "(ccx-pipeline) shutdown in");
        long timeouts = logLines(log, "Timeout occurred during graceful shutdown") + logLines(log, "Forcing shutdown");
        PipelineProcess.Exit exit = process.sigterm(SIGTERM_EXIT);
        note.accept(String.format("SIGTERM: exit code %d after %.1f s", exit.code(), exit.took().toMillis() / 1000.0));
        if (exit.code() != 0 && exit.code() != 143) {
            problems.add(who + ": exit code " + exit.code() + " after SIGTERM");
        }
        if (logLines(log, "(ccx-pipeline) shutdown in") != completed + 1) {
            problems.add(who + ": camel-main did not log a completed shutdown after SIGTERM");
        }
        if (logLines(log, "Timeout occurred during graceful shutdown") + logLines(log, "Forcing shutdown") != timeouts) {
            problems.add(who + ": graceful shutdown timed out (in-flight exchanges were cut)");
        }
    }

    // ---------------------------------------------------------------- checks

    void startPipeline(Scenario s) throws InterruptedException {
        long t = System.nanoTime();
        pipeline.start();
        pipeline.waitReady(READY);
        say("[%s] pipeline pid %d ready in %.1f s", s.name, pipeline.pid(), (System.nanoTime() - t) / 1e9);
    }

    /** Starts the baseline JVM and, with {@code with2024}, the 2024 one at the same time; waits until both are ready. */
    void startPipelines(Scenario s, boolean with2024) throws InterruptedException {
        long t = System.nanoTime();
        pipeline.start();
        if (with2024) {
            shape2024.pipeline.start();
        }
        pipeline.waitReady(READY);
        if (with2024) {
            shape2024.pipeline.waitReady(READY);
        }
        say("[%s] pipeline pid %d%s ready in %.1f s", s.name, pipeline.pid(),
                with2024 ? " and 2024 pipeline pid " + shape2024.pipeline.pid() : "", (System.nanoTime() - t) / 1e9);
    }

    /** Waits until the 2024 batch has at least {@code records} archive-synced records (qa + prod). */
    void awaitProgress(Shape2024.Scenario y, int records) throws InterruptedException {
        if (!waitFor(Duration.ofSeconds(90), () -> shape2024.syncedRecords(y) >= records)) {
            problems.add(y.name + ": no progress before the fault (" + shape2024.syncedRecords(y) + " synced records)");
        }
    }

    /** Waits until the batch has at least {@code records} archive-synced records (any environment). */
    void awaitProgress(Scenario s, int records) throws InterruptedException {
        if (!waitFor(Duration.ofSeconds(90), () -> syncedRecords(s) >= records)) {
            problems.add(s.name + ": no progress before the fault (" + syncedRecords(s) + " synced records)");
        }
    }

    int syncedRecords(Scenario s) {
        tail.refresh();
        Set<String> ids = s.clusterIds();
        int n = 0;
        for (String env : ENVS) {
            n += (int) tail.records(names.topic(env, TopicNames.ARCHIVE_SYNCED)).stream().filter(r -> ids.contains(r.key())).count();
        }
        return n;
    }

    /** Waits until every archive of the batch is synced and analysed in every environment, SQS empty, factory caught up. */
    void settle(Scenario s) throws Exception {
        settle(s, null);
    }

    /**
     * {@link #settle(Scenario)} of the baseline batch and, when {@code y} is given, of the 2024 batch
     * in the same wait: each one's "settled in" is the time from the end of the fault until its own
     * condition first held.
     */
    void settle(Scenario s, Shape2024.Scenario y) throws Exception {
        long t = System.nanoTime();
        long[] lastSaid = {System.nanoTime()};
        double[] doneAfter = {-1, -1};
        boolean all = waitFor(SETTLE, () -> {
            if (doneAfter[0] < 0 && count(s) && s.sqsLeft == 0 && parquetLag() == 0) {
                doneAfter[0] = (System.nanoTime() - t) / 1e9;
            }
            if (y != null && doneAfter[1] < 0 && shape2024.settled(y)) {
                doneAfter[1] = (System.nanoTime() - t) / 1e9;
            }
            boolean done = doneAfter[0] >= 0 && (y == null || doneAfter[1] >= 0);
            if (!done && System.nanoTime() - lastSaid[0] > 30e9) {
                lastSaid[0] = System.nanoTime();
                say("[%s] settling: synced %s, rules-results %s, features %s, SQS %d, parquet lag %d, DLT %d", s.name,
                        pair(s.counts.get("synced")), pair(s.counts.get("rules-results")), pair(s.counts.get("features")),
                        s.sqsLeft, parquetLag(), s.deadLetters);
                if (y != null) {
                    say("[%s] settling: %s", y.name, shape2024.progress(y));
                }
            }
            return done;
        });
        s.settled = doneAfter[0] >= 0;
        s.seconds = s.settled ? doneAfter[0] : (System.nanoTime() - t) / 1e9;
        if (y != null) {
            shape2024.conclude(y, doneAfter[1] >= 0, doneAfter[1] >= 0 ? doneAfter[1] : (System.nanoTime() - t) / 1e9);
        }
        if (!all) {
            say("[%s] settle wait over after %.1f s", s.name, (System.nanoTime() - t) / 1e9);
        }
        count(s);
        s.note("%s in %.1f s after the fault", s.settled ? "settled" : "NOT settled", s.seconds);
        for (var e : s.counts.entrySet()) {
            if (e.getValue()[0] != 3 * PER_SCENARIO) {
                problems.add(String.format("%s: %s has %d of %d archives (distinct, 3 environments)", s.name, e.getKey(),
                        e.getValue()[0], 3 * PER_SCENARIO));
            }
        }
        if (s.sqsLeft != 0) {
            problems.add(s.name + ": " + s.sqsLeft + " message(s) left on SQS");
        }
        if (s.deadLetters != 0) {
            problems.add(s.name + ": " + s.deadLetters + " dead-lettered record(s) of the batch");
        }
        if (!s.settled) {
            problems.add(s.name + ": not settled after " + SETTLE.toSeconds() + " s (parquet lag " + parquetLag() + ")");
        }
    }

    /** Counts the batch in every topic; true when every archive is everywhere. */
    boolean count(Scenario s) {
        tail.refresh();
        Set<String> ids = s.clusterIds();
        boolean complete = true;
        for (var channel : Map.of("synced", TopicNames.ARCHIVE_SYNCED, "rules-results", TopicNames.RULES_RESULTS,
                "features", TopicNames.FEATURES).entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.reverseOrder())).toList()) {
            int distinct = 0;
            int total = 0;
            for (String env : ENVS) {
                List<ConsumerRecord<String, String>> mine = tail.records(names.topic(env, channel.getValue())).stream()
                        .filter(r -> ids.contains(r.key())).toList();
                total += mine.size();
                int d = (int) mine.stream().map(ConsumerRecord::key).distinct().count();
                distinct += d;
                complete &= d == ids.size();
            }
            s.counts.put(channel.getKey(), new int[] {distinct, total});
        }
        s.deadLetters = (int) tail.records(config.getProperty("ccx.topic.dead-letter")).stream()
                .filter(r -> ids.stream().anyMatch(id -> String.valueOf(r.value()).contains(id) || id.equals(r.key()))).count();
        s.sqsLeft = sqsLeft();
        return complete;
    }

    long sqsLeft() {
        return sqsLeft(sqs, queueUrl);
    }

    /** Messages on the queue, visible or in flight (-1: SQS did not answer). */
    static long sqsLeft(SqsClient sqs, String queueUrl) {
        try {
            var attrs = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            return Long.parseLong(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Long.parseLong(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Records of prod rules-results + features not yet committed by the Parquet factory (-1: unknown). */
    long parquetLag() {
        try {
            List<TopicPartition> tps = List.of(new TopicPartition(names.topic("prod", TopicNames.RULES_RESULTS), 0),
                    new TopicPartition(names.topic("prod", TopicNames.FEATURES), 0));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(PREFIX + "-parquet-factory")
                    .partitionsToOffsetAndMetadata().get(10, java.util.concurrent.TimeUnit.SECONDS);
            var ends = admin.listOffsets(tps.stream().collect(Collectors.toMap(tp -> tp,
                    tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get(10, java.util.concurrent.TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition tp : tps) {
                OffsetAndMetadata c = committed.get(tp);
                lag += ends.get(tp).offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        } catch (Exception e) {
            return -1;
        }
    }

    void awaitParquetCommitted(Duration timeout, long maxLag) throws InterruptedException {
        waitFor(timeout, () -> {
            long lag = parquetLag();
            return lag >= 0 && lag <= maxLag;
        });
    }

    /** Every Parquet row of each scenario's hour exactly once; Thanos hours written once Thanos was back. */
    void checkParquet(PrometheusServer prometheus) throws Exception {
        tail.refresh();
        ParquetTables parquet = new ParquetTables(tail.records(names.topic("prod", TopicNames.RULES_RESULTS)),
                tail.records(names.topic("prod", TopicNames.FEATURES)), tables, tablesBucket, work.resolve("parquet"));
        say("parquet: %d file(s) in s3://%s/fleet_aggregations/", parquet.files, tablesBucket);
        for (Scenario s : scenarios) {
            long[] rowsAndExpected = parquet.checkHour(s.name, s.hour, s.clusterIds(), problems);
            s.parquetRows = rowsAndExpected[0];
            s.parquetExpected = rowsAndExpected[1];
        }
        int thanosHours = parquet.checkThanos("thanos-down", problems);
        scenarios.get(0).note("cluster_thanos_info written for %d hour(s) after Thanos came back", thanosHours);
        int allDeadLetters = tail.records(config.getProperty("ccx.topic.dead-letter")).size();
        if (allDeadLetters != 0) {
            problems.add(allDeadLetters + " record(s) on the dead-letter topic");
        }
    }

    // ---------------------------------------------------------------- rig

    Properties config(EmbeddedKafka kafka, EmbeddedSqs sqsServer, S3ProxyServer aws, CephRgwServer ceph, PrometheusServer prometheus) {
        Properties p = PipelineUnderTest.config(kafka, sqsServer, aws, ceph, PREFIX);
        p.setProperty("ccx.envs", String.join(",", ENVS));
        p.setProperty("ccx.http.enabled", "true");
        p.setProperty("ccx.http.port", Integer.toString(FreePort.pick()));
        for (String stage : List.of("sqs-listener", "archive-sync", "rules", "features", "parquet-factory", "thanos-poll")) {
            p.setProperty("ccx.stages." + stage, "true");
        }
        // Long enough retries to ride out a 30 s outage without dead-lettering.
        // A killed JVM's partitions move on after 10 s instead of Kafka's 45 s: what is checked is that
        // nothing is lost or doubled, not how long the group waits for a dead member.
        p.setProperty("ccx.kafka.session-timeout-ms", "10000");
        p.setProperty("ccx.retry.max-redeliveries", "40");
        p.setProperty("ccx.retry.initial-delay-ms", "500");
        p.setProperty("ccx.retry.max-delay-ms", "2000");
        // A message held by a killed pipeline comes back soon.
        p.setProperty("ccx.sqs.visibility-timeout", "10");
        p.setProperty("ccx.parquet.state-dir", work.resolve("parquet-state").toString());
        p.setProperty("ccx.parquet.s3.endpoint", ceph.credentials().endpoint());
        p.setProperty("ccx.parquet.s3.access-key", ceph.credentials().accessKey());
        p.setProperty("ccx.parquet.s3.secret-key", ceph.credentials().secretKey());
        p.setProperty("ccx.parquet.s3.region", ceph.credentials().region());
        p.setProperty("ccx.parquet.s3.bucket", PREFIX + "-tables");
        p.setProperty("ccx.parquet.grace-ms", "0");
        p.setProperty("ccx.parquet.late-rows-ms", "2000");
        p.setProperty("ccx.thanos.url", prometheus.url());
        p.setProperty("ccx.thanos.ledger-file", work.resolve("thanos-hours.json").toString());
        p.setProperty("ccx.thanos.backfill-hours", Long.toString(ChronoUnit.HOURS.between(KnownSeries.START, Instant.now()) + 1));
        p.setProperty("ccx.thanos.max-hours-per-poll", "48");
        p.setProperty("ccx.thanos.settle-delay-ms", "0");
        p.setProperty("ccx.thanos.poll-interval-ms", "3000");
        return p;
    }

    void setUp(EmbeddedKafka kafka, EmbeddedSqs sqsServer, S3ProxyServer aws, CephRgwServer ceph) throws Exception {
        S3Credentials a = aws.credentials();
        S3Credentials c = ceph.credentials();
        S3Client awsS3 = a.client();
        tables = c.client();
        tablesBucket = PREFIX + "-tables";
        awsS3.createBucket(b -> b.bucket(config.getProperty("ccx.aws-s3.bucket")));
        tables.createBucket(b -> b.bucket(config.getProperty("ccx.ceph.bucket")));
        tables.createBucket(b -> b.bucket(tablesBucket));
        sqs = SqsConnection.client(sqsServer.endpoint(), "us-east-1", "test", "test");
        queueUrl = sqs.createQueue(b -> b.queueName(config.getProperty("ccx.sqs.queue"))).queueUrl();
        ingress = new GeneratedUploads(awsS3, config.getProperty("ccx.aws-s3.bucket"), sqs, queueUrl);

        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        admin = Admin.create(p);
        List<String> topics = new ArrayList<>();
        for (String channel : List.of(TopicNames.ARCHIVE_NEW, TopicNames.ARCHIVE_SYNCED, TopicNames.RULES_RESULTS, TopicNames.FEATURES)) {
            topics.addAll(names.topics(channel));
        }
        topics.add(config.getProperty("ccx.topic.dead-letter"));
        admin.createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
        tail = new TopicTail(kafka.bootstrapServers(), topics);
    }

    // ---------------------------------------------------------------- report

    void report() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Fault suite report\n\n");
        md.append(String.format("%d archives per scenario, 3 environments (dev, qa, prod): distinct = archives found, total = records"
                + " (duplicates included). Parquet: rows in the scenario's hour / rows expected (each archive once). "
                + "Run took %.0f s.%n%n", PER_SCENARIO, (System.nanoTime() - t0) / 1e9));
        md.append("| scenario | fault | sent | synced distinct/total | rules-results distinct/total | features distinct/total"
                + " | parquet rows/expected | DLT | SQS left | settled (s) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Scenario s : scenarios) {
            md.append(String.format("| %s | %s | %d | %s | %s | %s | %s | %d | %d | %s |%n", s.name, s.fault, s.uploads.size(),
                    pair(s.counts.get("synced")), pair(s.counts.get("rules-results")), pair(s.counts.get("features")),
                    s.parquetRows < 0 ? "-" : s.parquetRows + "/" + s.parquetExpected, s.deadLetters, s.sqsLeft,
                    s.settled ? String.format("%.1f", s.seconds) : "NO"));
        }
        shape2024.report(md);
        md.append("\n## Notes\n\n");
        for (Scenario s : scenarios) {
            s.notes.forEach(n -> md.append("- ").append(s.name).append(": ").append(n).append('\n'));
        }
        shape2024.notes(md);
        Reports.finish(md, problems, "fault-suite-report.md");
    }

    static String pair(int[] v) {
        return v == null ? "-" : v[0] + "/" + v[1];
    }

    // ---------------------------------------------------------------- helpers

    long logLines(String text) {
        return logLines(pipeline.log(), text);
    }

    static long logLines(Path log, String text) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (IOException e) {
            return 0;
        }
    }

    boolean ledgerHasDoneHours() throws IOException {
        Path ledger = Path.of(config.getProperty("ccx.thanos.ledger-file"));
        return Files.exists(ledger) && Files.readString(ledger).contains(":00:00Z");
    }

    /** True once {@code condition} holds; false if it still does not after {@code timeout} (the caller reports it). */
    static boolean waitFor(Duration timeout, BooleanSupplier condition) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).pollInSameThread().until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException timedOut) {
            return condition.getAsBoolean();
        }
    }

    void say(String format, Object... args) {
        System.out.printf("[fault-suite %6.1f s] %s%n", (System.nanoTime() - t0) / 1e9, String.format(format, args));
    }

}

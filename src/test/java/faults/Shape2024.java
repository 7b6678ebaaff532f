package faults;

import app.TopicNames;
import app.Topology;
import config.SqsConnection;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.FreePort;
import devservers.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import model.Json;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import testing.GeneratedUploads;
import testing.PipelineProcess;
import testing.TopicTail;

/**
 * The fault suite's 2024 shape (issue 17, contract §14): a second pipeline JVM with
 * {@code ccx.topology=2024} and all its stages on (SQS listener, multiplexor, archive-sync,
 * archive-sync-ols, rules, rules uploader, Parquet factory, Thanos poll) in qa and prod, on the
 * suite's servers, with its own topics ({@value #PREFIX}-{env}-{channel}, so nothing of another
 * test on the shared broker is read or written), queue, consumer groups and buckets. It runs
 * alongside the baseline JVM and takes the same faults (the suite kills both, stops Ceph under
 * both), fed a mix of OpenShift (Insights Operator) and OpenShift Lightspeed archives.
 * <p>
 * After a fault every archive of the batch must be, in qa and prod, on the multiplexor output of
 * its kind and never on the other; each OpenShift archive on archive-synced and rules-results, its
 * rules JSON in the Ceph bucket under {@code insights/}; each OLS archive, byte for byte, in the
 * OLS bucket and nowhere else; SQS empty; nothing dead-lettered; and at the end the rule_hits and
 * archives rows of each OpenShift archive in Parquet exactly once. Duplicates on topics are allowed
 * and counted.
 */
final class Shape2024 implements AutoCloseable {
    static final int PER_SCENARIO = 8; // indices 1, 4, 7 are OLS: 5 OpenShift + 3 OLS, both kinds in each half
    static final int OLS_PER_SCENARIO = (PER_SCENARIO + 1) / 3;
    static final String PREFIX = "faults24";
    /** The shape's environments: the suite leaves ccx.envs empty, so the pipeline must pick these itself. */
    static final List<String> ENVS = Arrays.asList(Topology.Y2024.envs().split(","));
    /** The archive's Ceph path after its cluster id (contract §3.3). */
    private static final DateTimeFormatter CEPH_TIME = DateTimeFormatter.ofPattern("uuuuMM/dd/HHmmss", Locale.ROOT);

    private final FaultSuiteIT suite;
    private final Path work;
    private final LocalDateTime firstHour;
    final Properties config;
    final TopicNames names;
    final PipelineProcess pipeline;
    private final GeneratedUploads ingress;
    private final TopicTail tail;
    private final Admin admin;
    private final SqsClient sqs;
    private final String queueUrl;
    private final S3Client ceph;
    private final String datahub;
    private final String olsBucket;
    private final String tablesBucket;
    private final String deadLetter;
    final List<Scenario> scenarios = new ArrayList<>();
    private int allDeadLetters = -1;
    private int thanosHours = -1;
    private String uploaderOutcomes = "-";

    /** One 2024 scenario: the baseline scenario's fault, its own batch (own hour) and what was counted after it. */
    final class Scenario {
        final String name;
        final String fault;
        final LocalDateTime hour;
        final List<GeneratedUploads.Upload> uploads = new ArrayList<>();
        final Set<String> ols = new HashSet<>();
        final List<String> notes = new ArrayList<>();
        final Map<String, int[]> counts = new LinkedHashMap<>(); // channel -> {distinct over qa+prod, total}
        int misrouted = -1;
        int olsStored = -1;
        int rulesJson = -1;
        int deadLetters = -1;
        long sqsLeft = -1;
        Map<String, Long> uncommitted = Map.of();
        long parquetRows = -1;
        long parquetExpected = -1;
        long ruleHits = -1;
        boolean settled;
        double seconds;

        Scenario(String name, String fault) {
            this.name = name + " (2024)";
            this.fault = fault;
            this.hour = firstHour.minusHours(scenarios.size()); // before the baseline's hours, each its own
            scenarios.add(this);
        }

        void create() throws IOException {
            for (int i = 0; i < PER_SCENARIO; i++) {
                LocalDateTime at = hour.plusMinutes(3L * i).plusSeconds(i);
                GeneratedUploads.Upload u = i % 3 == 1 ? ingress.createOls(name, i, at) : ingress.create(name, i, at);
                if (i % 3 == 1) {
                    ols.add(u.clusterId());
                }
                uploads.add(u);
            }
        }

        Set<String> ids() {
            return uploads.stream().map(GeneratedUploads.Upload::clusterId).collect(Collectors.toSet());
        }

        Set<String> openshift() {
            return uploads.stream().map(GeneratedUploads.Upload::clusterId).filter(id -> !ols.contains(id)).collect(Collectors.toSet());
        }

        /** Uploads and announces archives [from, to), as the baseline's feed. */
        void feed(int from, int to) throws InterruptedException {
            ingress.feed(uploads, from, to, 150);
        }

        void note(String format, Object... args) {
            String note = String.format(format, args);
            notes.add(note);
            suite.say("[%s] %s", name, note);
        }
    }

    Shape2024(FaultSuiteIT suite, Properties baseline, EmbeddedKafka kafka, EmbeddedSqs sqsServer, S3ProxyServer aws,
              S3Client ceph, Path work, LocalDateTime firstHour) throws Exception {
        this.suite = suite;
        this.work = work;
        this.firstHour = firstHour;
        this.ceph = ceph;
        config = new Properties();
        config.putAll(baseline); // the same servers, retries, visibility timeout, Parquet and Thanos timings
        config.setProperty("ccx.topology", "2024");
        config.remove("ccx.envs"); // the shape's own: qa, prod
        config.setProperty("ccx.topic.pattern", PREFIX + "-{env}-{channel}");
        config.setProperty("ccx.kafka.group-prefix", PREFIX);
        config.setProperty("ccx.topic.dead-letter", PREFIX + "-dead-letter");
        config.setProperty("ccx.analysis.idempotency-topic", PREFIX + "-analysed-archives");
        config.setProperty("ccx.sqs.queue", PREFIX + "-queue");
        config.setProperty("ccx.ceph.bucket", PREFIX + "-datahub");
        config.setProperty("ccx.ceph-ols.bucket", PREFIX + "-ols");
        config.setProperty("ccx.parquet.s3.bucket", PREFIX + "-tables");
        config.setProperty("ccx.parquet.state-dir", work.resolve("parquet-state-2024").toString());
        config.setProperty("ccx.thanos.ledger-file", work.resolve("thanos-hours-2024.json").toString());
        config.setProperty("ccx.http.port", Integer.toString(FreePort.pick()));
        for (String stage : List.of("sqs-listener", "multiplexor", "archive-sync", "archive-sync-ols", "rules", "rules-uploader",
                "parquet-factory", "thanos-poll")) {
            config.setProperty("ccx.stages." + stage, "true");
        }
        names = TopicNames.of(Topology.Y2024, config.getProperty("ccx.topic.pattern"), null);
        datahub = config.getProperty("ccx.ceph.bucket");
        olsBucket = config.getProperty("ccx.ceph-ols.bucket");
        tablesBucket = config.getProperty("ccx.parquet.s3.bucket");
        deadLetter = config.getProperty("ccx.topic.dead-letter");

        for (String bucket : List.of(datahub, olsBucket, tablesBucket)) {
            ceph.createBucket(b -> b.bucket(bucket));
        }
        sqs = SqsConnection.client(sqsServer.endpoint(), "us-east-1", "test", "test");
        queueUrl = sqs.createQueue(b -> b.queueName(config.getProperty("ccx.sqs.queue"))).queueUrl();
        ingress = new GeneratedUploads(aws.credentials().client(), config.getProperty("ccx.aws-s3.bucket"), sqs, queueUrl);
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        admin = Admin.create(p);
        List<String> topics = new ArrayList<>();
        for (String channel : List.of(TopicNames.ARCHIVE_NEW, TopicNames.IO_ARCHIVE_NEW, TopicNames.OLS_ARCHIVE_NEW,
                TopicNames.ARCHIVE_SYNCED, TopicNames.RULES_RESULTS)) {
            topics.addAll(names.topics(channel));
        }
        topics.add(deadLetter);
        admin.createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
        tail = new TopicTail(kafka.bootstrapServers(), topics);
        pipeline = new PipelineProcess(config, work.resolve("pipeline-2024.log"));
    }

    Scenario scenario(String name, String fault) {
        return new Scenario(name, fault);
    }

    // ---------------------------------------------------------------- counting

    /** Records of the batch on archive-synced (qa + prod), for "archives are flowing". */
    int syncedRecords(Scenario s) {
        tail.refresh();
        Set<String> ids = s.ids();
        return ENVS.stream().mapToInt(env -> (int) tail.records(names.topic(env, TopicNames.ARCHIVE_SYNCED)).stream()
                .filter(r -> ids.contains(r.key())).count()).sum();
    }

    /** Counts the batch on every topic; true when every archive is on the topics of its kind in qa and prod. */
    boolean countTopics(Scenario s) {
        tail.refresh();
        Set<String> io = s.openshift();
        Set<String> all = s.ids();
        boolean complete = true;
        int misrouted = 0;
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        expected.put(TopicNames.IO_ARCHIVE_NEW, io);
        expected.put(TopicNames.OLS_ARCHIVE_NEW, s.ols);
        expected.put(TopicNames.ARCHIVE_SYNCED, io);
        expected.put(TopicNames.RULES_RESULTS, io);
        for (var e : expected.entrySet()) {
            int distinct = 0;
            int total = 0;
            for (String env : ENVS) {
                List<ConsumerRecord<String, String>> mine = tail.records(names.topic(env, e.getKey())).stream()
                        .filter(r -> all.contains(r.key())).toList();
                // an archive of the other kind here: on the wrong multiplexor output, or an OLS archive synced/analysed
                misrouted += (int) mine.stream().filter(r -> !e.getValue().contains(r.key())).count();
                List<ConsumerRecord<String, String>> right = mine.stream().filter(r -> e.getValue().contains(r.key())).toList();
                int d = (int) right.stream().map(ConsumerRecord::key).distinct().count();
                total += right.size();
                distinct += d;
                complete &= d == e.getValue().size();
            }
            s.counts.put(e.getKey(), new int[] {distinct, total});
        }
        s.misrouted = misrouted;
        s.deadLetters = (int) tail.records(deadLetter).stream()
                .filter(r -> all.stream().anyMatch(id -> String.valueOf(r.value()).contains(id) || id.equals(r.key()))).count();
        s.sqsLeft = FaultSuiteIT.sqsLeft(sqs, queueUrl);
        return complete;
    }

    /** The archive's Ceph key (contract §3.3), derived here from its S3 key: same cluster, the upload time. */
    static String cephKey(GeneratedUploads.Upload u) {
        String id = u.clusterId();
        return "archives/compressed/" + id.substring(0, 2) + "/" + id + "/" + CEPH_TIME.format(u.key().uploadedAt()) + ".tar.gz";
    }

    /** The rules JSON's key: the archive's Ceph path, archives/compressed → insights, .tar.gz → /insights.json. */
    static String rulesJsonKey(String cephPath) {
        return "insights/" + cephPath.substring("archives/compressed/".length(), cephPath.length() - ".tar.gz".length())
                + "/insights.json";
    }

    /** Counts the batch's files in Ceph: OLS archives in the OLS bucket, rules JSON files under insights/. */
    boolean countStores(Scenario s) {
        try {
            Set<String> olsKeys = keys(olsBucket, "archives/");
            Set<String> jsonKeys = keys(datahub, "insights/");
            s.olsStored = (int) s.uploads.stream().filter(u -> s.ols.contains(u.clusterId()) && olsKeys.contains(cephKey(u))).count();
            s.rulesJson = (int) s.uploads.stream().filter(u -> !s.ols.contains(u.clusterId())
                    && jsonKeys.contains(rulesJsonKey(cephKey(u)))).count();
            return s.olsStored == s.ols.size() && s.rulesJson == s.openshift().size();
        } catch (RuntimeException e) { // Ceph down: not yet
            return false;
        }
    }

    private Set<String> keys(String bucket, String prefix) {
        return ceph.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key)
                .collect(Collectors.toSet());
    }

    /**
     * Each consumer group of the 2024 JVM and the topics it reads (group {@code <group-prefix>-<stage>};
     * analysis is {@code -rules} when features are off, as in this shape).
     */
    private Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put(PREFIX + "-multiplexor", names.topics(TopicNames.ARCHIVE_NEW));
        groups.put(PREFIX + "-archive-sync", names.topics(TopicNames.IO_ARCHIVE_NEW));
        groups.put(PREFIX + "-archive-sync-ols", names.topics(TopicNames.OLS_ARCHIVE_NEW));
        groups.put(PREFIX + "-rules", names.topics(TopicNames.ARCHIVE_SYNCED));
        groups.put(PREFIX + "-rules-uploader", names.topics(TopicNames.RULES_RESULTS));
        groups.put(PREFIX + "-parquet-factory", List.of(names.topic("prod", TopicNames.RULES_RESULTS)));
        return groups;
    }

    /**
     * Records each group has not committed yet (end offsets minus committed offsets; -1: Kafka did not
     * answer). A stage that loops on a poll it cannot finish never commits, whatever reached Ceph.
     */
    Map<String, Long> uncommitted() {
        Map<String, Long> lags = new LinkedHashMap<>();
        try {
            List<TopicPartition> all = groups().values().stream().flatMap(List::stream).distinct()
                    .map(t -> new TopicPartition(t, 0)).toList();
            Map<TopicPartition, Long> ends = new java.util.HashMap<>();
            admin.listOffsets(all.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all()
                    .get(10, java.util.concurrent.TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            for (var group : groups().entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                        .partitionsToOffsetAndMetadata().get(10, java.util.concurrent.TimeUnit.SECONDS);
                long lag = 0;
                for (String topic : group.getValue()) {
                    TopicPartition tp = new TopicPartition(topic, 0);
                    OffsetAndMetadata c = committed.get(tp);
                    lag += ends.get(tp) - (c == null ? 0 : c.offset());
                }
                lags.put(group.getKey().substring(PREFIX.length() + 1), lag);
            }
        } catch (Exception e) {
            groups().keySet().forEach(g -> lags.putIfAbsent(g.substring(PREFIX.length() + 1), -1L));
        }
        return lags;
    }

    /** The settle condition: every archive everywhere it belongs, SQS empty, every stage's input committed to its end. */
    boolean settled(Scenario s) {
        if (!(countTopics(s) && s.sqsLeft == 0)) {
            return false;
        }
        s.uncommitted = uncommitted();
        return s.uncommitted.values().stream().allMatch(lag -> lag == 0) && countStores(s);
    }

    String progress(Scenario s) {
        countStores(s);
        return String.format("io %s, ols %s, synced %s, rules-results %s, OLS bucket %d/%d, rules JSON %d/%d, SQS %d, DLT %d,"
                        + " uncommitted %s",
                FaultSuiteIT.pair(s.counts.get(TopicNames.IO_ARCHIVE_NEW)), FaultSuiteIT.pair(s.counts.get(TopicNames.OLS_ARCHIVE_NEW)),
                FaultSuiteIT.pair(s.counts.get(TopicNames.ARCHIVE_SYNCED)), FaultSuiteIT.pair(s.counts.get(TopicNames.RULES_RESULTS)),
                s.olsStored, s.ols.size(), s.rulesJson, s.openshift().size(), s.sqsLeft, s.deadLetters, uncommitted());
    }

    /** After the settle wait: the final counts and every check of the batch, problems to the suite. */
    void conclude(Scenario s, boolean settled, double seconds) throws IOException {
        s.settled = settled;
        s.seconds = seconds;
        countTopics(s);
        countStores(s);
        s.uncommitted = uncommitted();
        s.note("%s in %.1f s after the fault", settled ? "settled" : "NOT settled", seconds);
        List<String> problems = suite.problems;
        Map<String, Integer> want = Map.of(TopicNames.IO_ARCHIVE_NEW, s.openshift().size(), TopicNames.OLS_ARCHIVE_NEW, s.ols.size(),
                TopicNames.ARCHIVE_SYNCED, s.openshift().size(), TopicNames.RULES_RESULTS, s.openshift().size());
        for (var e : s.counts.entrySet()) {
            int expected = ENVS.size() * want.get(e.getKey());
            if (e.getValue()[0] != expected) {
                problems.add(String.format("%s: %s has %d of %d archives (distinct, %s)", s.name, e.getKey(), e.getValue()[0],
                        expected, String.join("+", ENVS)));
            }
        }
        if (s.misrouted != 0) {
            problems.add(s.name + ": " + s.misrouted + " record(s) of an archive on a topic of the other kind");
        }
        if (s.olsStored != s.ols.size()) {
            problems.add(String.format("%s: %d of %d OLS archives in s3://%s", s.name, s.olsStored, s.ols.size(), olsBucket));
        }
        if (s.rulesJson != s.openshift().size()) {
            problems.add(String.format("%s: %d of %d rules JSON files in s3://%s/insights/", s.name, s.rulesJson,
                    s.openshift().size(), datahub));
        }
        s.uncommitted.forEach((group, lag) -> {
            if (lag != 0) {
                problems.add(String.format("%s: consumer group %s-%s has %d record(s) not committed (stuck or behind)", s.name,
                        PREFIX, group, lag));
            }
        });
        checkContent(s, problems);
        if (s.sqsLeft != 0) {
            problems.add(s.name + ": " + s.sqsLeft + " message(s) left on SQS");
        }
        if (s.deadLetters != 0) {
            problems.add(s.name + ": " + s.deadLetters + " dead-lettered record(s) of the batch");
        }
        if (!settled) {
            problems.add(s.name + ": not settled after " + FaultSuiteIT.SETTLE.toSeconds() + " s (" + progress(s) + ")");
        }
    }

    /**
     * What is in Ceph is what should be: OLS archives byte for byte, in the OLS bucket only; each
     * rules JSON one of the archive's rules-results messages, under the path archive-synced gave;
     * nothing of one kind where the other kind goes.
     */
    private void checkContent(Scenario s, List<String> problems) {
        Set<String> olsKeys = keys(olsBucket, "archives/");
        Set<String> jsonKeys = keys(datahub, "insights/");
        Set<String> archiveKeys = keys(datahub, "archives/");
        for (GeneratedUploads.Upload u : s.uploads) {
            String id = u.clusterId();
            String cephKey = cephKey(u);
            if (s.ols.contains(id)) {
                if (olsKeys.contains(cephKey) && !Arrays.equals(ceph.getObjectAsBytes(b -> b.bucket(olsBucket).key(cephKey)).asByteArray(),
                        u.bytes())) {
                    problems.add(s.name + ": OLS archive " + cephKey + " in the OLS bucket differs from the upload");
                }
                if (archiveKeys.stream().anyMatch(k -> k.contains(id)) || jsonKeys.stream().anyMatch(k -> k.contains(id))) {
                    problems.add(s.name + ": OLS archive of " + id + " found in the Insights bucket " + datahub);
                }
                continue;
            }
            if (olsKeys.stream().anyMatch(k -> k.contains(id))) {
                problems.add(s.name + ": OpenShift archive of " + id + " found in the OLS bucket");
            }
            List<String> syncedPaths = ENVS.stream().flatMap(env -> tail.records(names.topic(env, TopicNames.ARCHIVE_SYNCED)).stream())
                    .filter(r -> id.equals(r.key())).map(r -> json(r.value()).path("path").asText()).distinct().toList();
            if (!syncedPaths.isEmpty() && !syncedPaths.equals(List.of(cephKey))) {
                problems.add(s.name + ": archive-synced of " + id + " gives path(s) " + syncedPaths + ", expected " + cephKey);
            }
            List<String> otherJson = jsonKeys.stream().filter(k -> k.contains(id) && !k.equals(rulesJsonKey(cephKey))).toList();
            if (!otherJson.isEmpty()) {
                problems.add(s.name + ": rules JSON of " + id + " under other keys " + otherJson);
            }
            if (jsonKeys.contains(rulesJsonKey(cephKey))) {
                String stored = ceph.getObjectAsBytes(b -> b.bucket(datahub).key(rulesJsonKey(cephKey))).asUtf8String();
                boolean published = ENVS.stream().flatMap(env -> tail.records(names.topic(env, TopicNames.RULES_RESULTS)).stream())
                        .anyMatch(r -> id.equals(r.key()) && r.value().equals(stored));
                if (!published) {
                    problems.add(s.name + ": rules JSON " + rulesJsonKey(cephKey) + " is none of the archive's rules-results messages");
                }
            }
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    /** Lines in the 2024 JVM's log so far (to count what it logged during a fault). */
    long logLinesNow() {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(pipeline.log())) {
            return lines.count();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The failed deliveries (each followed by a redelivery or the dead letter) the 2024 JVM logged
     * after line {@code from}, per stage (the stage's worker threads are named after it): the
     * evidence that a fault reached the stages rather than falling between two archives.
     */
    Map<String, Long> failedDeliveriesSince(long from) {
        java.util.regex.Pattern stage = java.util.regex.Pattern.compile("thread #\\d+ - ([a-z0-9-]+)\\]");
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(pipeline.log())) {
            return lines.skip(from).filter(l -> l.contains("Failed delivery for")).map(stage::matcher)
                    .collect(Collectors.groupingBy(m -> m.find() ? m.group(1) : "other", java.util.TreeMap::new, Collectors.counting()));
        } catch (IOException e) {
            return Map.of();
        }
    }

    // ---------------------------------------------------------------- the end of the 2024 run

    /**
     * Once the last 2024 fault has settled: waits until its hours' Parquet files are written (the
     * hours are over, so the running factory writes them 2 s after their last rows), stops the JVM
     * with SIGTERM, then checks every 2024 hour's rows exactly once and the dead-letter topic empty.
     */
    void finish() throws Exception {
        Path dir = work.resolve("parquet-2024");
        boolean written = FaultSuiteIT.waitFor(Duration.ofSeconds(60), () -> {
            try {
                ParquetTables t = new ParquetTables(prodRules(), List.of(), ceph, tablesBucket, dir);
                return scenarios.stream().allMatch(s -> t.written(s.hour));
            } catch (IOException | RuntimeException e) {
                return false;
            }
        });
        suite.say("[2024] Parquet hours %s within 60 s", written ? "written" : "NOT all written");
        Scenario last = scenarios.get(scenarios.size() - 1);
        suite.gracefulStop(pipeline, last.name + " stop", note -> last.note("%s (the 2024 JVM's end)", note));
        ParquetTables tables = new ParquetTables(prodRules(), List.of(), ceph, tablesBucket, dir);
        suite.say("[2024] parquet: %d file(s) in s3://%s/fleet_aggregations/", tables.files, tablesBucket);
        for (Scenario s : scenarios) {
            long[] rowsAndExpected = tables.checkHour(s.name, s.hour, s.openshift(), suite.problems);
            s.parquetRows = rowsAndExpected[0];
            s.parquetExpected = rowsAndExpected[1];
            s.ruleHits = tables.rows("rule_hits", s.hour);
            if (s.ruleHits == 0) {
                problems().add(s.name + ": no rule_hits rows in its hour");
            }
        }
        thanosHours = tables.checkThanos("2024 thanos", suite.problems);
        // The rules uploader's three ways, over the whole 2024 run (qa and prod analyse each archive at
        // their own time, so the second rules-results of an archive normally replaces the first's file).
        uploaderOutcomes = String.format("written %d, already present %d, replaced %d",
                FaultSuiteIT.logLines(pipeline.log(), "RulesUploader - rules JSON ") - FaultSuiteIT.logLines(pipeline.log(), " already written")
                        - FaultSuiteIT.logLines(pipeline.log(), " replaced by a new analysis"),
                FaultSuiteIT.logLines(pipeline.log(), " already written"), FaultSuiteIT.logLines(pipeline.log(), " replaced by a new analysis"));
        allDeadLetters = tail.records(deadLetter).size();
        if (allDeadLetters != 0) {
            problems().add(allDeadLetters + " record(s) on the 2024 dead-letter topic " + deadLetter);
        }
    }

    private List<String> problems() {
        return suite.problems;
    }

    private List<ConsumerRecord<String, String>> prodRules() {
        tail.refresh();
        return tail.records(names.topic("prod", TopicNames.RULES_RESULTS));
    }

    // ---------------------------------------------------------------- report

    void report(StringBuilder md) {
        md.append("\n## 2024 shape (ccx.topology=2024)\n\n");
        md.append(String.format("A second pipeline JVM, every 2024 stage on, environments %s (the shape's), topics %s, taking the same"
                + " faults as the baseline JVM beside it. %d archives per scenario (%d OpenShift + %d OLS); distinct = archives"
                + " found over %s, total = records (duplicates included); io/ols-archive-new and archive-synced/rules-results count"
                + " only the archives of the topic's kind, misrouted = records of the other kind; uncommitted = records the 2024"
                + " consumer groups (multiplexor, archive-sync, archive-sync-ols, rules, rules-uploader, parquet-factory) had not"
                + " committed at the end of the scenario. Parquet: rows in the scenario's"
                + " hour / expected (each OpenShift archive once), rule_hits rows among them. Thanos hours written: %d."
                + " Dead-letter topic: %d record(s). Rules uploader (log): %s.%n%n",
                String.join(",", ENVS), config.getProperty("ccx.topic.pattern"), PER_SCENARIO, PER_SCENARIO - OLS_PER_SCENARIO,
                OLS_PER_SCENARIO, String.join("+", ENVS), thanosHours, allDeadLetters, uploaderOutcomes));
        md.append("| scenario | fault | sent (OpenShift+OLS) | io-archive-new | ols-archive-new | misrouted | synced | rules-results"
                + " | OLS bucket | rules JSON | parquet rows/expected (rule_hits) | DLT | SQS left | uncommitted | settled (s) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Scenario s : scenarios) {
            md.append(String.format("| %s | %s | %d (%d+%d) | %s | %s | %d | %s | %s | %d/%d | %d/%d | %s | %d | %d | %d | %s |%n",
                    s.name, s.fault, s.uploads.size(), s.openshift().size(), s.ols.size(),
                    FaultSuiteIT.pair(s.counts.get(TopicNames.IO_ARCHIVE_NEW)), FaultSuiteIT.pair(s.counts.get(TopicNames.OLS_ARCHIVE_NEW)),
                    s.misrouted, FaultSuiteIT.pair(s.counts.get(TopicNames.ARCHIVE_SYNCED)),
                    FaultSuiteIT.pair(s.counts.get(TopicNames.RULES_RESULTS)), s.olsStored, s.ols.size(), s.rulesJson,
                    s.openshift().size(), s.parquetRows < 0 ? "-" : s.parquetRows + "/" + s.parquetExpected + " (" + s.ruleHits + ")",
                    s.deadLetters, s.sqsLeft, s.uncommitted.values().stream().mapToLong(Long::longValue).sum(),
                    s.settled ? String.format("%.1f", s.seconds) : "NO"));
        }
    }

    void notes(StringBuilder md) {
        for (Scenario s : scenarios) {
            s.notes.forEach(n -> md.append("- ").append(s.name).append(": ").append(n).append('\n'));
        }
    }

    @Override
    public void close() {
        pipeline.close();
        tail.close();
        admin.close();
        sqs.close();
    }
}

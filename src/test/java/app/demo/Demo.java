package app.demo;

import config.SqsConnection;
import org.apache.commons.io.FileUtils;
import app.PipelineBeans;
import app.PipelineMain;
import app.TopicNames;
import app.Topology;
import contract.Contract;
import contract.ContractValidator;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.S3Credentials;
import devservers.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import model.Json;
import pipeline.Stages;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.stream.Stream;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local demo: embedded Kafka, ElasticMQ and S3Proxy (standing in for the AWS bucket and the
 * Ceph buckets), the whole pipeline in this JVM in either shape ({@code --topology}), archives
 * uploaded the way Ingress does, and everything that happened written under --out.
 */
public final class Demo {
    private static final String KEY = "demo-access-key";
    private static final String SECRET = "demo-secret-key";

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        // The demo prints its own progress; the pipeline's INFO logs would bury it.
        System.setProperty("ccx.log.level", System.getProperty("ccx.log.level", "WARN"));
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options));
    }

    public static int run(DemoOptions options) throws Exception {
        long started = System.nanoTime();
        Topology topology = options.topology();
        List<DemoArchive> archives = new ArrayList<>();
        for (Path file : archives(options)) {
            archives.add(DemoArchive.of(file));
        }
        Path out = options.out().toAbsolutePath();
        resetOutput(out);
        Path work = Files.createTempDirectory("ccx-demo-");
        say("starting embedded Kafka, ElasticMQ (SQS) and S3Proxy (AWS S3 + Ceph stand-in) ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EmbeddedSqs sqsServer = EmbeddedSqs.start();
             S3ProxyServer s3proxy = S3ProxyServer.start(work.resolve("s3proxy"), KEY, SECRET)) {
            S3Credentials s3 = s3proxy.credentials();
            Properties config = pipelineConfig(kafka.bootstrapServers(), sqsServer.endpoint(), s3);
            config.setProperty(Topology.PROPERTY, topology.id());
            TopicNames names = TopicNames.of(topology, "", "");
            config.setProperty("ccx.parquet.state-dir", work.resolve("parquet-state").toString());
            config.setProperty("ccx.thanos.ledger-file", work.resolve("thanos-hours.json").toString());
            say("servers up in %.1f s: kafka %s, sqs %s, s3 %s", seconds(started), kafka.bootstrapServers(),
                    sqsServer.endpoint(), s3.endpoint());

            try (S3Client s3Client = s3.client();
                 SqsClient sqs = SqsConnection.client(sqsServer.endpoint(), "us-east-1", KEY, SECRET)) {
                for (String bucket : buckets(config, topology)) {
                    s3Client.createBucket(b -> b.bucket(bucket));
                }
                String queue = config.getProperty("ccx.sqs.queue");
                String queueUrl = sqs.createQueue(b -> b.queueName(queue)).queueUrl();

                createTopics(kafka.bootstrapServers(), names, config.getProperty("ccx.topic.dead-letter"));
                Main pipeline = PipelineMain.create(config);
                Map<String, Map<String, Long>> rejected = Map.of();
                Map<String, Long> rulesUploads = FlowSummary.rulesUploads(null);
                Set<String> uploadedClusters = Set.of();
                boolean settled;
                pipeline.start();
                try {
                    say("pipeline started in the %s shape with %d route(s)", topology.id(), pipeline.getCamelContext().getRoutes().size());
                    IngressSimulator ingress = new IngressSimulator(s3Client, config.getProperty("ccx.aws-s3.bucket"),
                            sqs, queueUrl, options.organization());
                    List<String> notifications = new ArrayList<>();
                    Set<String> clusters = new TreeSet<>();
                    LocalDateTime at = IngressSimulator.nowUtc();
                    for (int i = 0; i < archives.size(); i++) {
                        // One second apart: each upload gets its own S3 key and Ceph path.
                        var upload = ingress.upload(archives.get(i), at.minusSeconds(archives.size() - i));
                        notifications.add(upload.notification());
                        clusters.add(upload.key().clusterId());
                        say("uploaded %d/%d %s (%s) -> s3://%s/%s", i + 1, archives.size(), archives.get(i).file().getFileName(),
                                archives.get(i).kind(), config.getProperty("ccx.aws-s3.bucket"), upload.key());
                    }
                    Files.createDirectories(out.resolve("sqs"));
                    Files.write(out.resolve("sqs").resolve(queue + ".jsonl"), notifications, StandardCharsets.UTF_8);
                    say("sent %d S3 event notification(s) to SQS queue %s", notifications.size(), queue);

                    settled = new Quiescence(pipeline.getCamelContext(), kafka.bootstrapServers(), sqs, queueUrl)
                            .await(options.timeout());
                    if (!settled) {
                        say("WARNING: pipeline still busy after %d s; writing what is there", options.timeout().toSeconds());
                    }
                    if (pipeline.getCamelContext().getRoute("parquet-flush-all") != null) {
                        // The demo's hours are not over yet: write what the factory holds now.
                        pipeline.getCamelContext().createProducerTemplate().sendBody("direct:parquet-flush-all", null);
                    }
                    MeterRegistry meters = pipeline.getCamelContext().getRegistry()
                            .lookupByNameAndType("metricsRegistry", MeterRegistry.class);
                    rejected = TableSummary.rejectedRows(meters);
                    rulesUploads = FlowSummary.rulesUploads(meters);
                    uploadedClusters = clusters;
                } finally {
                    pipeline.stop();
                }
                Map<String, Integer> topics = OutputDump.topics(kafka.bootstrapServers(), out);
                Map<String, Integer> buckets = OutputDump.buckets(s3Client, out);
                ContractValidator contracts = new ContractValidator();
                int invalidMessages = 0;
                say("topics:");
                for (var topic : topics.entrySet()) {
                    Contract contract = names.channelOf(topic.getKey()).map(CONTRACTS::get).orElse(null);
                    int bad = contract == null ? 0 : invalidLines(out.resolve("topics").resolve(topic.getKey() + ".jsonl"), contracts, contract);
                    invalidMessages += bad;
                    say("  %-60s %5d message(s)%s", topic.getKey(), topic.getValue(),
                            contract == null || topic.getValue() == 0 ? "" : bad == 0 ? ", all valid " + contract.schemaName() : ", " + bad + " INVALID");
                }
                say("buckets:");
                buckets.forEach((b, n) -> say("  %-60s %5d object(s)", b, n));
                Path ceph = out.resolve("buckets").resolve(config.getProperty("ccx.ceph.bucket"));
                List<Path> rulesJson = files(ceph.resolve("insights"), ".json");
                int invalidRulesJson = 0;
                for (Path file : rulesJson) {
                    // The uploaded file is the rules-results message as consumed: the same contract.
                    List<String> violations = contracts.violations(Contract.RULES_RESULTS, Files.readString(file));
                    if (!violations.isEmpty()) {
                        invalidRulesJson++;
                        say("  INVALID rules JSON %s: %s", out.relativize(file), violations);
                    }
                }
                String dlq = config.getProperty("ccx.topic.dead-letter");
                List<OutputDump.DeadLettered> deadLetters = OutputDump.deadLetters(kafka.bootstrapServers(), dlq);
                Map<String, Integer> copies = new LinkedHashMap<>();
                copies.put("archives", files(ceph.resolve("archives/compressed"), ".tar.gz").size());
                copies.put("ols_archives", files(out.resolve("buckets").resolve(config.getProperty("ccx.ceph-ols.bucket")), "").size());
                copies.put("rules_json", rulesJson.size());
                Map<String, Integer> invalid = new LinkedHashMap<>();
                invalid.put("messages", invalidMessages);
                invalid.put("rules_json", invalidRulesJson);
                FlowSummary flow = new FlowSummary(topology.id(), settled, FlowSummary.archives(archives),
                        FlowSummary.channels(names, topics), copies, rulesUploads,
                        FlowSummary.countBy(deadLetters, OutputDump.DeadLettered::route),
                        FlowSummary.countBy(deadLetters, OutputDump.DeadLettered::reason), invalid);
                flow.print();
                TableSummary tables = TableSummary.of(out.resolve("buckets"), rejected, uploadedClusters,
                        topology.has(Stages.FEATURES));
                tables.print();
                Map<String, Object> summary = new LinkedHashMap<>(flow.json());
                summary.putAll(tables.json());
                Files.writeString(out.resolve("summary.json"), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary));
                say("done in %.1f s; output in %s", seconds(started), out);
                return flow.invalidTotal() == 0 ? 0 : 1;
            }
        } finally {
            FileUtils.deleteDirectory(work.toFile());
        }
    }

    /** Each channel's contract; the multiplexor's outputs carry the archive-new message as consumed. */
    private static final Map<String, Contract> CONTRACTS = Map.of(
            TopicNames.ARCHIVE_NEW, Contract.ARCHIVE_NEW,
            TopicNames.IO_ARCHIVE_NEW, Contract.ARCHIVE_NEW,
            TopicNames.OLS_ARCHIVE_NEW, Contract.ARCHIVE_NEW,
            TopicNames.ARCHIVE_SYNCED, Contract.ARCHIVE_SYNCED,
            TopicNames.RULES_RESULTS, Contract.RULES_RESULTS,
            TopicNames.FEATURES, Contract.FEATURES);

    /** OpenShift Lightspeed archives the demo adds to its bundled input in the 2024 shape. */
    static final int OLS_ARCHIVES = 3;

    /** The shape's channels: the multiplexor's two outputs in 2024, features in the baseline. */
    static List<String> channels(Topology topology) {
        List<String> channels = new ArrayList<>(List.of(TopicNames.ARCHIVE_NEW));
        if (topology.has(Stages.MULTIPLEXOR)) {
            channels.addAll(List.of(TopicNames.IO_ARCHIVE_NEW, TopicNames.OLS_ARCHIVE_NEW));
        }
        channels.addAll(List.of(TopicNames.ARCHIVE_SYNCED, TopicNames.RULES_RESULTS));
        if (topology.has(Stages.FEATURES)) {
            channels.add(TopicNames.FEATURES);
        }
        return channels;
    }

    /** The S3Proxy buckets: AWS S3, Ceph, Parquet, and the OLS bucket in the 2024 shape. */
    private static List<String> buckets(Properties config, Topology topology) {
        List<String> buckets = new ArrayList<>(List.of(config.getProperty("ccx.aws-s3.bucket"), config.getProperty("ccx.ceph.bucket"),
                config.getProperty("ccx.parquet.s3.bucket")));
        if (topology.has(Stages.ARCHIVE_SYNC_OLS)) {
            buckets.add(config.getProperty("ccx.ceph-ols.bucket"));
        }
        return buckets;
    }

    /** The regular files under {@code dir} whose names end with {@code suffix}; none if it is absent. */
    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static int invalidLines(Path jsonl, ContractValidator contracts, Contract contract) throws IOException {
        int bad = 0;
        for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            List<String> violations = contracts.violations(contract, line);
            if (!violations.isEmpty()) {
                bad++;
                say("  INVALID %s message: %s", contract.schemaName(), violations);
            }
        }
        return bad;
    }

    static Properties pipelineConfig(String bootstrap, String sqsEndpoint, S3Credentials s3) {
        Properties p = new Properties();
        p.setProperty("ccx.kafka.brokers", bootstrap);
        p.setProperty("ccx.sqs.endpoint", sqsEndpoint);
        p.setProperty("ccx.sqs.access-key", KEY);
        p.setProperty("ccx.sqs.secret-key", SECRET);
        p.setProperty("ccx.sqs.queue", "ccx-insights-archives");
        // Short long-polls: stopping the pipeline waits for the one in flight.
        p.setProperty("ccx.sqs.wait-seconds", "1");
        p.setProperty("ccx.http.port", Integer.toString(devservers.FreePort.pick()));
        p.setProperty("ccx.parquet.s3.bucket", "ccx-parquet");
        for (String store : List.of("aws-s3", "ceph", "ceph-ols")) {
            p.setProperty("ccx." + store + ".endpoint", s3.endpoint());
            p.setProperty("ccx." + store + ".access-key", s3.accessKey());
            p.setProperty("ccx." + store + ".secret-key", s3.secretKey());
            p.setProperty("ccx." + store + ".region", s3.region());
        }
        p.setProperty("ccx.aws-s3.bucket", "insights-ingress");
        p.setProperty("ccx.ceph.bucket", "ccx-datahub");
        p.setProperty("ccx.ceph-ols.bucket", "ccx-datahub-ols");
        p.setProperty("ccx.topic.dead-letter", "ccx-pipeline-dead-letter");
        return p;
    }

    /**
     * The shape's topics exist before the first send, as in a managed cluster (no auto-creation
     * warnings); a topic of the other shape (features in 2024) appears only if something sends to it.
     */
    private static void createTopics(String bootstrap, TopicNames names, String deadLetter) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String channel : channels(names.topology())) {
            names.topics(channel).forEach(t -> topics.add(new NewTopic(t, 1, (short) 1)));
        }
        topics.add(new NewTopic(deadLetter, 1, (short) 1));
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(topics).all().get();
        }
    }

    /** The demo's input: the directory as is, or the bundled sample (or its fleet variants) plus OLS archives in 2024. */
    private static List<Path> archives(DemoOptions options) throws IOException {
        if (options.archives() != null) {
            return directory(options.archives());
        }
        List<Path> archives = new ArrayList<>();
        if (options.fleetVariants()) {
            List<Path> variants = archive.FleetVariants.write(Files.createTempDirectory("ccx-fleet-variants-"));
            say("--fleet-variants: %d archives made from the bundled sample (newer platforms, no channel, no MTU, ...)",
                    variants.size());
            archives.addAll(variants);
        } else {
            Path sample = Files.createTempDirectory("ccx-sample-").resolve("insights-archive-sample.tar.gz");
            try (InputStream in = Demo.class.getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
                if (in == null) {
                    throw new IOException("bundled sample archive missing from the classpath");
                }
                Files.copy(in, sample);
            }
            say("no --archives given: using the bundled sample %s", sample.getFileName());
            archives.add(sample);
        }
        if (options.topology().has(Stages.ARCHIVE_SYNC_OLS)) {
            archives.addAll(olsArchives(Files.createTempDirectory("ccx-ols-")));
            say("2024 shape: %d OpenShift Lightspeed archive(s) added (testing.OlsArchives, each its own cluster)", OLS_ARCHIVES);
        }
        return archives;
    }

    /**
     * {@link #OLS_ARCHIVES} OpenShift Lightspeed archives, each of its own cluster (a UUID named after
     * it, stable across runs), the marker at the root as {@code openshift_lightspeed.json} and, for
     * the last, as {@code ./openshift_lightspeed.json}. The id is in the marker, where
     * {@link DemoArchive} finds it for the S3 key (an OLS archive has no {@code config/id}).
     */
    static List<Path> olsArchives(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= OLS_ARCHIVES; i++) {
            String cluster = UUID.nameUUIDFromBytes(("ccx-demo-ols-" + i).getBytes(StandardCharsets.UTF_8)).toString();
            files.add(Files.write(dir.resolve("ols-" + i + ".tar.gz"), testing.OlsArchives.of(cluster, i == OLS_ARCHIVES ? "./" : "")));
        }
        return files;
    }

    private static List<Path> directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("--archives " + dir + " is not a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(".tar.gz")).sorted().toList();
            if (found.isEmpty()) {
                throw new IOException("no *.tar.gz archives in " + dir);
            }
            say("found %d archive(s) in %s", found.size(), dir);
            return found;
        }
    }

    private static void resetOutput(Path out) throws IOException {
        for (String part : List.of("topics", "buckets", "sqs")) {
            FileUtils.deleteDirectory(out.resolve(part).toFile());
        }
        Files.createDirectories(out);
    }


    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static void say(String format, Object... args) {
        System.out.println("[demo] " + String.format(format, args));
    }
}

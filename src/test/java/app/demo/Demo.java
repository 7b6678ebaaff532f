package app.demo;

import config.SqsConnection;
import org.apache.commons.io.FileUtils;
import app.PipelineBeans;
import app.PipelineMain;
import app.TopicNames;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.stream.Stream;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local demo: embedded Kafka, ElasticMQ and S3Proxy (standing in for both the AWS bucket
 * and the Ceph bucket), the whole pipeline in this JVM, archives uploaded the way Ingress does,
 * and everything that happened written under --out.
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
        List<Path> archives = archives(options);
        Path out = options.out().toAbsolutePath();
        resetOutput(out);
        Path work = Files.createTempDirectory("ccx-demo-");
        say("starting embedded Kafka, ElasticMQ (SQS) and S3Proxy (AWS S3 + Ceph stand-in) ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EmbeddedSqs sqsServer = EmbeddedSqs.start();
             S3ProxyServer s3proxy = S3ProxyServer.start(work.resolve("s3proxy"), KEY, SECRET)) {
            S3Credentials s3 = s3proxy.credentials();
            Properties config = pipelineConfig(kafka.bootstrapServers(), sqsServer.endpoint(), s3);
            config.setProperty("ccx.parquet.state-dir", work.resolve("parquet-state").toString());
            config.setProperty("ccx.thanos.ledger-file", work.resolve("thanos-hours.json").toString());
            say("servers up in %.1f s: kafka %s, sqs %s, s3 %s", seconds(started), kafka.bootstrapServers(),
                    sqsServer.endpoint(), s3.endpoint());

            try (S3Client s3Client = s3.client();
                 SqsClient sqs = SqsConnection.client(sqsServer.endpoint(), "us-east-1", KEY, SECRET)) {
                for (String bucket : List.of(config.getProperty("ccx.aws-s3.bucket"), config.getProperty("ccx.ceph.bucket"),
                        config.getProperty("ccx.parquet.s3.bucket"))) {
                    s3Client.createBucket(b -> b.bucket(bucket));
                }
                String queue = config.getProperty("ccx.sqs.queue");
                String queueUrl = sqs.createQueue(b -> b.queueName(queue)).queueUrl();

                createTopics(kafka.bootstrapServers());
                Main pipeline = PipelineMain.create(config);
                Map<String, Map<String, Long>> rejected = Map.of();
                Set<String> uploadedClusters = Set.of();
                pipeline.start();
                try {
                    say("pipeline started with %d route(s)", pipeline.getCamelContext().getRoutes().size());
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
                        say("uploaded %d/%d %s -> s3://%s/%s", i + 1, archives.size(), archives.get(i).getFileName(),
                                config.getProperty("ccx.aws-s3.bucket"), upload.key());
                    }
                    Files.createDirectories(out.resolve("sqs"));
                    Files.write(out.resolve("sqs").resolve(queue + ".jsonl"), notifications, StandardCharsets.UTF_8);
                    say("sent %d S3 event notification(s) to SQS queue %s", notifications.size(), queue);

                    boolean settled = new Quiescence(pipeline.getCamelContext(), kafka.bootstrapServers(), sqs, queueUrl)
                            .await(options.timeout());
                    if (!settled) {
                        say("WARNING: pipeline still busy after %d s; writing what is there", options.timeout().toSeconds());
                    }
                    if (pipeline.getCamelContext().getRoute("parquet-flush-all") != null) {
                        // The demo's hours are not over yet: write what the factory holds now.
                        pipeline.getCamelContext().createProducerTemplate().sendBody("direct:parquet-flush-all", null);
                    }
                    rejected = TableSummary.rejectedRows(pipeline.getCamelContext().getRegistry()
                            .lookupByNameAndType("metricsRegistry", MeterRegistry.class));
                    uploadedClusters = clusters;
                } finally {
                    pipeline.stop();
                }
                Map<String, Integer> topics = OutputDump.topics(kafka.bootstrapServers(), out);
                Map<String, Integer> buckets = OutputDump.buckets(s3Client, out);
                TopicNames names = new TopicNames(DEFAULT_TOPIC_PATTERN, "dev,qa,prod");
                ContractValidator contracts = new ContractValidator();
                int invalid = 0;
                say("topics:");
                for (var topic : topics.entrySet()) {
                    Contract contract = names.channelOf(topic.getKey()).map(CONTRACTS::get).orElse(null);
                    int bad = contract == null ? 0 : invalidMessages(out.resolve("topics").resolve(topic.getKey() + ".jsonl"), contracts, contract);
                    invalid += bad;
                    say("  %-60s %5d message(s)%s", topic.getKey(), topic.getValue(),
                            contract == null || topic.getValue() == 0 ? "" : bad == 0 ? ", all valid " + contract.schemaName() : ", " + bad + " INVALID");
                }
                say("buckets:");
                buckets.forEach((b, n) -> say("  %-60s %5d object(s)", b, n));
                TableSummary tables = TableSummary.of(out.resolve("buckets"), rejected, uploadedClusters);
                tables.print();
                tables.write(out.resolve("summary.json"));
                say("done in %.1f s; output in %s", seconds(started), out);
                return invalid == 0 ? 0 : 1;
            }
        } finally {
            FileUtils.deleteDirectory(work.toFile());
        }
    }

    private static final String DEFAULT_TOPIC_PATTERN = "ccx-{env}-insights-operator-{channel}";
    private static final Map<String, Contract> CONTRACTS = Map.of(
            TopicNames.ARCHIVE_NEW, Contract.ARCHIVE_NEW,
            TopicNames.ARCHIVE_SYNCED, Contract.ARCHIVE_SYNCED,
            TopicNames.RULES_RESULTS, Contract.RULES_RESULTS,
            TopicNames.FEATURES, Contract.FEATURES);

    private static int invalidMessages(Path jsonl, ContractValidator contracts, Contract contract) throws IOException {
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
        for (String store : List.of("aws-s3", "ceph")) {
            p.setProperty("ccx." + store + ".endpoint", s3.endpoint());
            p.setProperty("ccx." + store + ".access-key", s3.accessKey());
            p.setProperty("ccx." + store + ".secret-key", s3.secretKey());
            p.setProperty("ccx." + store + ".region", s3.region());
        }
        p.setProperty("ccx.aws-s3.bucket", "insights-ingress");
        p.setProperty("ccx.ceph.bucket", "ccx-datahub");
        return p;
    }

    /** Topics exist before the first send, as in a managed cluster (no auto-creation warnings). */
    private static void createTopics(String bootstrap) throws Exception {
        TopicNames names = new TopicNames(DEFAULT_TOPIC_PATTERN, "dev,qa,prod");
        List<NewTopic> topics = new ArrayList<>();
        for (String channel : CONTRACTS.keySet()) {
            names.topics(channel).forEach(t -> topics.add(new NewTopic(t, 1, (short) 1)));
        }
        topics.add(new NewTopic("ccx-pipeline-dead-letter", 1, (short) 1));
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(topics).all().get();
        }
    }

    private static List<Path> archives(DemoOptions options) throws IOException {
        if (options.fleetVariants()) {
            List<Path> variants = archive.FleetVariants.write(Files.createTempDirectory("ccx-fleet-variants-"));
            say("--fleet-variants: %d archives made from the bundled sample (newer platforms, no channel, no MTU, ...)",
                    variants.size());
            return variants;
        }
        if (options.archives() == null) {
            Path sample = Files.createTempDirectory("ccx-sample-").resolve("insights-archive-sample.tar.gz");
            try (InputStream in = Demo.class.getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
                if (in == null) {
                    throw new IOException("bundled sample archive missing from the classpath");
                }
                Files.copy(in, sample);
            }
            say("no --archives given: using the bundled sample %s", sample.getFileName());
            return List.of(sample);
        }
        if (!Files.isDirectory(options.archives())) {
            throw new IOException("--archives " + options.archives() + " is not a directory");
        }
        try (Stream<Path> files = Files.list(options.archives())) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(".tar.gz")).sorted().toList();
            if (found.isEmpty()) {
                throw new IOException("no *.tar.gz archives in " + options.archives());
            }
            say("found %d archive(s) in %s", found.size(), options.archives());
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

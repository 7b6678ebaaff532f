package topology;

import config.SqsConnection;
import org.apache.commons.io.FileUtils;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aggregation.SourceRows;
import app.PipelineBeans;
import app.TopicNames;
import app.Topology;
import devservers.CephRgwServer;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.FreePort;
import devservers.PrometheusServer;
import devservers.ProjectPaths;
import devservers.S3Credentials;
import devservers.S3ProxyServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import model.FeaturesMessage;
import model.Json;
import model.RulesResults;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import storage.CephPath;
import storage.S3Key;
import testing.Reports;
import testing.GeneratedUploads;
import testing.OlsArchives;
import testing.GeneratedUploads.Upload;
import testing.RealServers;
import testing.TopicTail;
import org.awaitility.core.ConditionTimeoutException;
import uploader.RulesJsonKey;

/**
 * The deployed topology as containers (issue 12, item 5; issue 17): the overlays
 * k8s/overlays/{dev,qa,prod} are rendered with the real kustomize, every Camel K Integration (and
 * every Deployment of k8s/plain/{dev,qa,prod}) becomes a container of the project image
 * (target/jib-image.tar, loaded into the local engine, never pulled) with what Camel K or Kubernetes would put into its pod (see
 * {@link Rendered}), and the whole thing is fed S3 events for generated archives.
 *
 * <p><b>What the test changes</b>, because every container shares the host network and the
 * servers are the test rig's, and nothing else:
 * <ul>
 *   <li>in every rendered ConfigMap ccx-pipeline-config (so both the envFrom variables and the
 *       mounted /etc/camel/conf.d files carry them): {@code CCX_KAFKA_BROKERS} = the embedded
 *       broker, {@code CCX_SQS_ENDPOINT} = ElasticMQ, {@code CCX_AWS_S3_ENDPOINT} = S3Proxy,
 *       {@code CCX_CEPH_ENDPOINT} = the Ceph RGW, {@code CCX_THANOS_URL} = Prometheus;</li>
 *   <li>per container: {@code CCX_HTTP_PORT} = a free port of its own (set over the pod's env, as
 *       a last entry of the container's env would be);</li>
 *   <li>the Secret ccx-pipeline-credentials (not rendered: k8s/common/secret.yaml is a template) is
 *       created in each namespace, as an operator would, with the template's keys: SQS, AWS S3,
 *       Ceph and Parquet (= Ceph) keys of the rig, every other key left as in the template;</li>
 *   <li>the token file: the configured CCX_THANOS_TOKEN_FILE / CCX_THANOS_TRUSTSTORE paths are
 *       kept; the test provides what the kubelet mounts there
 *       (/var/run/secrets/kubernetes.io/serviceaccount: a test token, the namespace, and a
 *       self-signed ca.crt / service-ca.crt made with keytool).</li>
 * </ul>
 * Buckets (CCX_AWS_S3_BUCKET on S3Proxy, CCX_CEPH_BUCKET and CCX_PARQUET_S3_BUCKET on Ceph), the SQS
 * queue and the channel topics are read from the rendered ConfigMaps and created before the
 * pods start, as the platform would have them.
 *
 * <p>Run: archives in one hour are announced on SQS; every archive must appear exactly once in
 * each environment's archive-new, archive-synced, archive-rules-results and archive-features; a
 * second batch (the next hour) is sent while one pod is {@code docker kill}ed and restarted over
 * the same claim directory and another is {@code docker stop}ped (SIGTERM) and restarted; an
 * archive two hours later closes both hours, whose Parquet tables must then hold each archive's
 * rows exactly once in each environment's bucket. Also: no consumer group commits offsets of
 * another environment's topic, the SQS queue empties, the dead-letter topic stays empty. Then
 * the Camel K pods are stopped and k8s/plain's Deployments run over the same claims and groups
 * with a third batch. Last, the 2024 shape (issue 17): k8s/overlays/qa-2024 and prod-2024 are
 * rendered and checked and prod-2024's eight pods take over ccx-prod in place (see
 * {@link #prepare2024}) for a batch of OpenShift and OpenShift Lightspeed archives. The table goes to
 * target/topology-report.md and stdout.
 *
 * <p>All 13 Camel K JVMs (4 per environment + prod's SQS listener) run at once: on 2 cores they are
 * all ready about 2-3 minutes after their containers start, and the whole class takes ~6 minutes
 * (the Parquet factories' default 60 s flush timer alone adds one tick). Four of prod-2024's pods
 * start during the plain phase's batch, which mostly waits, so the 2024 phase starts four JVMs.
 * Needs the engine ({@code bash scripts/servers/docker.sh start}) and /usr/bin/kubectl.
 */
@ExtendWith(RealServers.class)
// The longest IT and mostly its pods' time: it runs first, beside the others, which run one after another.
@Execution(ExecutionMode.CONCURRENT)
@Order(1)
@ResourceLock(value = RealServers.RIG, mode = ResourceAccessMode.READ)
class TopologyIT {
    /** The factory's mapping bean, its rejection counter on a registry of its own. */
    private static final aggregation.MessageRows MAPPING =
            new aggregation.MessageRows(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    static final List<String> ENVS = List.of("dev", "qa", "prod");
    static final String CONFIG = "ccx-pipeline-config";
    static final String SECRET = "ccx-pipeline-credentials";
    static final int FIRST = 8;
    static final int SECOND = 6;
    static final int PLAIN = 4;
    static final Duration READY = Duration.ofSeconds(240);
    static final Duration SETTLE = Duration.ofSeconds(150);
    static final String[] CHANNELS = {TopicNames.ARCHIVE_NEW, TopicNames.ARCHIVE_SYNCED, TopicNames.RULES_RESULTS, TopicNames.FEATURES};
    /** The 2024 shape's channels (contract §14): no features; the multiplexor's io / ols outputs. */
    static final String[] CHANNELS_2024 = {TopicNames.ARCHIVE_NEW, TopicNames.IO_ARCHIVE_NEW, TopicNames.OLS_ARCHIVE_NEW,
            TopicNames.ARCHIVE_SYNCED, TopicNames.RULES_RESULTS};
    /** The 2024 batch: OpenShift (Insights Operator) archives and OpenShift Lightspeed ones. */
    static final int OPENSHIFT_2024 = 3;
    static final int OLS_2024 = 2;
    /** prod-2024's workloads with no claim and no consumer group a baseline pod uses (prepare2024 starts them early). */
    static final Set<String> EARLY_2024 = Set.of("ccx-multiplexor", "ccx-archive-sync-ols", "ccx-archive-analysis", "ccx-rules-uploader");
    private EmbeddedKafka kafka; // the rig, the ConfigMap overrides and the Secret, for every deploy
    private Map<String, String> connection;
    private Map<String, String> credentials;

    private final long t0 = System.nanoTime();
    private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>()); // stops run beside starts
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Double> timings = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> envConfig = new LinkedHashMap<>(); // env -> its ConfigMap (after overrides)
    private final List<Pod> camelK = new ArrayList<>();
    private final List<Pod> plain = new ArrayList<>();
    private final List<Pod> y2024 = new ArrayList<>();
    private final Map<String, Map<String, String>> config2024 = new LinkedHashMap<>(); // env -> its 2024 ConfigMap (after overrides)
    private TopicTail tail2024;
    private final List<String> reportRows = new ArrayList<>();
    private Path work;
    private TopicTail tail;
    private Admin admin;
    private SqsClient sqs;
    private String queueUrl;
    private S3Client ingress;
    private S3Client cephS3;
    private GeneratedUploads generator;
    private Rendered.ServiceAccount serviceAccount;

    @Test
    void theRenderedTopologyRunsAsContainers(EmbeddedKafka kafka, EmbeddedSqs sqsServer, S3ProxyServer aws, CephRgwServer ceph,
                                             PrometheusServer prometheus) throws Exception {
        work = ProjectPaths.projectDir().resolve("target/topology");
        FileUtils.deleteDirectory(work.toFile());
        Files.createDirectories(work);
        mark("servers");
        Path tar = testing.ProjectImage.load();
        notes.add("image loaded from " + tar + " (" + Files.size(tar) / (1 << 20) + " MiB)");
        mark("image load");
        serviceAccount = serviceAccount();
        this.kafka = kafka;
        connection = connection(kafka, sqsServer, aws, ceph, prometheus);
        credentials = credentials(sqsServer, aws, ceph);

        Map<String, Rendered> overlays = new LinkedHashMap<>();
        for (String env : ENVS) {
            overlays.put(env, Rendered.kustomize(ProjectPaths.projectDir().resolve("k8s/overlays/" + env)));
        }
        checkShape(overlays);
        List<PodSpec> specs = new ArrayList<>();
        for (var e : overlays.entrySet()) {
            specs.addAll(deploy(e.getKey(), e.getValue(), connection, credentials));
        }
        mark("render");
        setUpPlatform(kafka, aws, ceph, sqsServer);
        try {
            for (PodSpec s : specs) {
                camelK.add(new Pod(s, FreePort.pick(), work.resolve("logs"), work.resolve("pvc")));
            }
            startAll(camelK);
            mark("camel-k pods ready (" + camelK.size() + " JVMs)");
            runCamelK();
            stopAll(camelK, "camel-k");
            mark("camel-k pods stopped");
            runPlain(connection, credentials);
            run2024();
        } catch (Throwable e) {
            problems.add("aborted: " + e);
            throw e;
        } finally {
            camelK.forEach(Pod::close);
            plain.forEach(Pod::close);
            y2024.forEach(Pod::close);
            report();
            if (tail != null) {
                tail.close();
            }
            if (tail2024 != null) {
                tail2024.close();
            }
            if (admin != null) {
                admin.close();
            }
        }
        assertThat(problems).as("topology problems (see target/topology-report.md and target/topology/logs)").isEmpty();
    }

    // ------------------------------------------------------------------ shape and deploy

    /** The target deployed shape: per-environment Integrations, no Pipes, one SQS listener (prod) for every env. */
    void checkShape(Map<String, Rendered> overlays) {
        for (var e : overlays.entrySet()) {
            Rendered r = e.getValue();
            assertThat(r.ofKind("Pipe")).as("Pipes in overlay %s", e.getKey()).isEmpty();
            Set<String> names = r.ofKind("Integration").stream().map(Rendered::name).collect(Collectors.toCollection(java.util.TreeSet::new));
            Set<String> expected = new java.util.TreeSet<>(Set.of("ccx-archive-sync", "ccx-archive-analysis", "ccx-parquet-factory", "ccx-thanos-poll"));
            if (e.getKey().equals("prod")) {
                expected.add("ccx-sqs-listener");
            }
            assertThat(names).as("Integrations of overlay %s", e.getKey()).isEqualTo(expected);
            assertThat(r.namespaces()).as("namespaces of %s", e.getKey()).hasSize(1);
        }
    }

    /** An operator's deploy of one rendered overlay: its ConfigMap pointed at the rig, the Secret created; its pods. */
    List<PodSpec> deploy(String env, Rendered r, Map<String, String> connection, Map<String, String> credentials) {
        return deploy(env, r, connection, credentials, envConfig);
    }

    /** As {@link #deploy(String, Rendered, Map, Map)}, the ConfigMap kept in {@code configs} (one map per shape). */
    List<PodSpec> deploy(String env, Rendered r, Map<String, String> connection, Map<String, String> credentials,
                         Map<String, Map<String, String>> configs) {
        String ns = r.namespaces().iterator().next();
        Map<String, String> config = r.configMap(ns, CONFIG);
        for (var c : connection.entrySet()) {
            assertThat(config).as("ConfigMap %s/%s", ns, CONFIG).containsKey(c.getKey());
            config.put(c.getKey(), c.getValue());
        }
        assertThat(config.get("CCX_ENVS")).as("CCX_ENVS of %s", ns).isEqualTo(env);
        assertThat(config.get("CCX_PARQUET_ENV")).as("CCX_PARQUET_ENV of %s", ns).isEqualTo(env);
        configs.putIfAbsent(env, config);
        r.putSecret(ns, SECRET, credentials);
        return r.pods(serviceAccount);
    }

    Map<String, String> connection(EmbeddedKafka kafka, EmbeddedSqs sqsServer, S3ProxyServer aws, CephRgwServer ceph, PrometheusServer prometheus) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("CCX_KAFKA_BROKERS", kafka.bootstrapServers());
        c.put("CCX_SQS_ENDPOINT", sqsServer.endpoint());
        c.put("CCX_AWS_S3_ENDPOINT", aws.credentials().endpoint());
        c.put("CCX_CEPH_ENDPOINT", ceph.credentials().endpoint());
        c.put("CCX_THANOS_URL", prometheus.url());
        // The test's hours are over: their rows are late rows, written this long after the last of them
        // (60 s by default; shorter here so the run does not wait a minute per hour).
        c.put("CCX_PARQUET_LATE_ROWS_MS", "5000");
        return c;
    }

    /** The Secret as an operator fills it: the template's keys, the rig's credentials where the template has a key for them. */
    Map<String, String> credentials(EmbeddedSqs sqsServer, S3ProxyServer aws, CephRgwServer ceph) {
        Map<String, String> s = Rendered.secretTemplate(ProjectPaths.projectDir().resolve("k8s"), SECRET);
        Map<String, String> real = new LinkedHashMap<>();
        real.put("CCX_SQS_ACCESS_KEY", "test");
        real.put("CCX_SQS_SECRET_KEY", "test");
        real.put("CCX_AWS_S3_ACCESS_KEY", aws.credentials().accessKey());
        real.put("CCX_AWS_S3_SECRET_KEY", aws.credentials().secretKey());
        real.put("CCX_CEPH_ACCESS_KEY", ceph.credentials().accessKey());
        real.put("CCX_CEPH_SECRET_KEY", ceph.credentials().secretKey());
        real.put("CCX_PARQUET_S3_ACCESS_KEY", ceph.credentials().accessKey());
        real.put("CCX_PARQUET_S3_SECRET_KEY", ceph.credentials().secretKey());
        for (var e : real.entrySet()) {
            assertThat(s).as("Secret template %s", SECRET).containsKey(e.getKey());
            s.put(e.getKey(), e.getValue());
        }
        return s;
    }

    /** Buckets, queue and topics the ConfigMaps name, created as the platform would have them. */
    void setUpPlatform(EmbeddedKafka kafka, S3ProxyServer aws, CephRgwServer ceph, EmbeddedSqs sqsServer) throws Exception {
        S3Credentials a = aws.credentials();
        S3Credentials c = ceph.credentials();
        ingress = a.client();
        cephS3 = c.client();
        sqs = SqsConnection.client(sqsServer.endpoint(), "us-east-1", "test", "test");
        Set<String> ingressBuckets = new LinkedHashSet<>();
        Set<String> cephBuckets = new LinkedHashSet<>();
        Set<String> queues = new LinkedHashSet<>();
        Set<String> topics = new LinkedHashSet<>();
        for (var e : envConfig.entrySet()) {
            Map<String, String> cfg = e.getValue();
            ingressBuckets.add(cfg.get("CCX_AWS_S3_BUCKET"));
            cephBuckets.add(cfg.get("CCX_CEPH_BUCKET"));
            cephBuckets.add(cfg.get("CCX_PARQUET_S3_BUCKET"));
            queues.add(cfg.get("CCX_SQS_QUEUE"));
            for (String channel : CHANNELS) {
                topics.add(names(e.getKey()).topic(e.getKey(), channel));
            }
            topics.add(cfg.get("CCX_TOPIC_DEAD_LETTER"));
        }
        assertThat(queues).as("one SQS queue").hasSize(1);
        assertThat(ingressBuckets).as("one ingress bucket").hasSize(1);
        ingressBuckets.forEach(b -> ingress.createBucket(x -> x.bucket(b)));
        cephBuckets.forEach(b -> cephS3.createBucket(x -> x.bucket(b)));
        queueUrl = sqs.createQueue(b -> b.queueName(queues.iterator().next())
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
        generator = new GeneratedUploads(ingress, ingressBuckets.iterator().next(), sqs, queueUrl);
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        admin = Admin.create(p);
        admin.createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
        tail = new TopicTail(kafka.bootstrapServers(), new ArrayList<>(topics));
        notes.add(String.format("platform from the ConfigMaps: ingress bucket %s (S3Proxy), Ceph buckets %s, queue %s, %d topics",
                ingressBuckets, cephBuckets, queues, topics.size()));
    }

    TopicNames names(String env) {
        return topicNames(envConfig.get(env));
    }

    /** The topics as the jar names them from a rendered ConfigMap: its shape (CCX_TOPOLOGY), pattern and environments. */
    static TopicNames topicNames(Map<String, String> cfg) {
        return TopicNames.of(Topology.of(cfg.get("CCX_TOPOLOGY")), cfg.get("CCX_TOPIC_PATTERN"), cfg.get("CCX_ENVS"));
    }

    // ------------------------------------------------------------------ Camel K run

    void runCamelK() throws Exception {
        // Hours already over: each completes (on the wall clock) ccx.parquet.late-rows-ms after its last rows.
        LocalDateTime h1 = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(3);
        List<Upload> first = uploads("first", FIRST, h1);
        send(first, 100);
        settle("first batch", first, ENVS);
        mark("first batch (" + FIRST + " archives) settled");

        // second batch, next hour, with a kill and a stop mid-stream
        List<Upload> second = uploads("second", SECOND, h1.plusHours(1));
        Pod killed = pod(camelK, "ccx-dev", "ccx-parquet-factory");
        Pod stopped = pod(camelK, "ccx-prod", "ccx-sqs-listener");
        send(second.subList(0, 2), 100);
        waitFor(Duration.ofSeconds(60), () -> count(second.subList(0, 1), "prod", TopicNames.ARCHIVE_NEW)[0] == 1);
        killed.kill();
        notes.add("docker kill " + killed.id() + " (SIGKILL) with the second batch in flight; claim dir " + killed.claimDir("ccx-parquet-state"));
        Pod.Exit exit = stopped.stop();
        notes.add(String.format("docker stop %s: exit %d after %.1f s (grace %d s)", stopped.id(), exit.code(),
                exit.took().toMillis() / 1000.0, stopped.spec().stopTimeoutSeconds()));
        if (exit.code() != 143 && exit.code() != 0) {
            problems.add(stopped.id() + ": exit code " + exit.code() + " after docker stop (SIGTERM)");
        }
        if (exit.took().toSeconds() >= stopped.spec().stopTimeoutSeconds()) {
            problems.add(stopped.id() + ": did not stop within its grace period (SIGKILLed)");
        }
        if (stopped.logLines("Timeout occurred during graceful shutdown") + stopped.logLines("Forcing shutdown") > 0) {
            problems.add(stopped.id() + ": graceful shutdown timed out");
        }
        send(second.subList(2, 4), 100); // on SQS while the listener is down
        long t = System.nanoTime();
        killed.start();
        stopped.start();
        killed.waitReady(READY);
        stopped.waitReady(READY);
        notes.add(String.format("both restarted and ready %.1f s later", (System.nanoTime() - t) / 1e9));
        send(second.subList(4, second.size()), 100);
        // an archive of the current hour: that hour stays open (its grace period has not passed)
        List<Upload> closer = uploads("closer", 1, h1.plusHours(3));
        send(closer, 0);
        List<Upload> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(closer);
        settle("second batch + closer", all, ENVS);
        mark("second batch (" + SECOND + " archives + 1 closer, kill + stop) settled");
        checkParquet(Map.of(h1, first, h1.plusHours(1), second));
        mark("parquet written and checked");
        checkGroups("camel-k");
        for (String env : ENVS) {
            tableRows(camelK, env, all);
        }
    }

    // ------------------------------------------------------------------ plain run

    /**
     * The second shape: k8s/plain for qa and prod (the Deployments, prod's with the SQS listener), and
     * for dev the Pipes example (k8s/examples/pipes-dev: archive-sync, rules and features as Pipes
     * through the Kamelets, the factory and the poller as Integrations), so the example's Pipes run as
     * their pods would: the flow Camel K generates, the Kamelet bundle, every image stage off.
     */
    void runPlain(Map<String, String> connection, Map<String, String> credentials) throws Exception {
        Path k8s = ProjectPaths.projectDir().resolve("k8s");
        Map<String, Path> shapes = Map.of("dev", k8s.resolve("examples/pipes-dev"), "qa", k8s.resolve("plain/qa"),
                "prod", k8s.resolve("plain/prod"));
        List<PodSpec> specs = new ArrayList<>();
        Map<String, Map<String, String>> camelKConfig = new LinkedHashMap<>(envConfig);
        for (String env : ENVS) {
            Rendered r = Rendered.kustomize(shapes.get(env));
            assertThat(r.workloads()).as("workloads of %s", shapes.get(env)).isNotEmpty();
            envConfig.remove(env);
            specs.addAll(deploy(env, r, connection, credentials));
            assertThat(envConfig.get(env)).as("%s ConfigMap = overlay's", shapes.get(env)).isEqualTo(camelKConfig.get(env));
        }
        assertThat(specs).filteredOn(s -> s.kind().equals("Pipe")).extracting(PodSpec::workload)
                .containsExactlyInAnyOrder("ccx-archive-sync-pipe", "ccx-rules-pipe", "ccx-features-pipe");
        for (PodSpec s : specs) {
            plain.add(new Pod(s, FreePort.pick(), work.resolve("logs-plain"), work.resolve("pvc")));
        }
        startAll(plain);
        mark("plain pods ready (" + plain.size() + " JVMs)");
        // The 2024 pods that share nothing with these start now: the plain batch and the plain pods'
        // stop mostly wait, so their JVMs' start costs the class little time.
        prepare2024();
        mark("2024 rendered, its platform made, " + EARLY_2024.size() + " of its pods started");
        LocalDateTime h = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).plusHours(5);
        List<Upload> batch = uploads("plain", PLAIN, h);
        send(batch, 100);
        settle("plain batch", batch, ENVS);
        mark("plain batch (" + PLAIN + " archives) settled");
        checkGroups("plain");
        for (String env : ENVS) {
            tableRows(plain, env, batch);
        }
        // the plain pods are stopped by run2024, ccx-prod's first
    }

    // ------------------------------------------------------------------ 2024 shape

    /**
     * The 2024 shape (contract §14, issue 17): k8s/overlays/qa-2024 and prod-2024 rendered and
     * checked, prod-2024's pods run. prod-2024 takes over the namespace ccx-prod in place, as an
     * operator would switch it: the baseline's pods are stopped, its claims (the factory's spill
     * files, the poller's ledger) stay, and its consumer group names are reused on the shape's new
     * topics (no offsets there, so each group starts at their beginning). prod-2024's SQS listener
     * writes qa's archive-new too, which is checked; qa-2024's pods (the same specs in ccx-qa) are
     * built (every ConfigMap key and Secret they need resolves) but not run, to keep the class short.
     * Also to keep it short, the pods that share nothing with the baseline's ({@link #EARLY_2024}: their
     * own input topics and consumer groups, no claim) are started by {@link #prepare2024} when the plain
     * pods are ready (their batch and their stop mostly wait), the others once the baseline's pods are
     * stopped; the 2024 batch is sent when all but the SQS listener are ready (its readiness waits for
     * its first long poll, and SQS keeps the batch meanwhile).
     * A mix of OpenShift (Insights Operator) and OpenShift Lightspeed archives goes in through S3 and
     * SQS; each must reach exactly one of io-archive-new / ols-archive-new, the OLS ones the OLS
     * bucket (byte for byte), each OpenShift one archive-synced, rules results, one insights.json
     * under insights/ in the Ceph bucket (the rules-results message) and its rule_hits / archives
     * Parquet rows; nothing dead-lettered, SQS empty, each stage in its own group.
     */
    void prepare2024() throws Exception {
        Path k8s = ProjectPaths.projectDir().resolve("k8s");
        Map<String, Rendered> overlays = new LinkedHashMap<>();
        Map<String, List<PodSpec>> specs = new LinkedHashMap<>();
        for (String env : Topology.Y2024.envs().split(",")) {
            overlays.put(env, Rendered.kustomize(k8s.resolve("overlays/" + env + "-2024")));
            specs.put(env, deploy(env, overlays.get(env), connection, credentials, config2024));
        }
        checkShape2024(overlays, specs);
        Map<String, String> cfg = config2024.get("prod");
        TopicNames names = topicNames(cfg);
        Set<String> topics = new LinkedHashSet<>();
        for (String env : Topology.Y2024.envs().split(",")) {
            for (String ch : CHANNELS_2024) {
                topics.add(names.topic(env, ch));
            }
        }
        Set<String> existing = admin.listTopics().names().get();
        admin.createTopics(topics.stream().filter(t -> !existing.contains(t)).map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
        String olsBucket = cfg.get("CCX_CEPH_OLS_BUCKET");
        cephS3.createBucket(b -> b.bucket(olsBucket));
        List<String> tailed = new ArrayList<>(topics);
        tailed.add(cfg.get("CCX_TOPIC_DEAD_LETTER"));
        tail2024 = new TopicTail(kafka.bootstrapServers(), tailed);
        notes.add(String.format("2024: platform from the prod-2024 ConfigMap: topics %s, OLS bucket %s", topics, olsBucket));
        // the claims are the baseline's (in place); the mounted files the 2024 pods' own (early ones run beside baseline pods)
        for (PodSpec s : specs.get("prod")) {
            y2024.add(new Pod(s, FreePort.pick(), work.resolve("logs-2024"), work.resolve("pvc"), work.resolve("pods-2024")));
        }
        List<Pod> early = y2024.stream().filter(p -> EARLY_2024.contains(p.spec().workload())).toList();
        for (Pod p : early) {
            // nothing shared with a baseline pod: no claim, and a consumer group of the 2024 shape only
            assertThat(p.spec().volumes()).as(p.id()).isEmpty();
            assertThat(p.spec().stages()).as(p.id()).isSubsetOf("multiplexor", "archive-sync-ols", "rules", "rules-uploader")
                    .doesNotContain("features");
            p.start();
        }
        notes.add("2024: started during the plain batch: " + early.stream().map(Pod::id).toList());
    }

    /** The rest of prod-2024 started (the baseline's pods are stopped by now), the 2024 batch and its checks. */
    void run2024() throws Exception {
        Map<String, String> cfg = config2024.get("prod");
        TopicNames names = topicNames(cfg);
        Pod listener = pod(y2024, "ccx-prod", "ccx-sqs-listener");
        // What prod-2024 takes over from the plain pods: ccx-prod/ccx-pipeline's claim and groups (it stops
        // first, in seconds), ccx-prod/ccx-sqs-listener's queue (its stop waits out a long poll, ~20 s:
        // prod-2024's listener starts once it is gone, the others meanwhile). dev's and qa's stop aside.
        Pod plainListener = pod(plain, "ccx-prod", "ccx-sqs-listener");
        ExecutorService stopper = Executors.newFixedThreadPool(2);
        try {
            Future<?> plainListenerStop = stopper.submit(() -> {
                stopAll(List.of(plainListener), "plain");
                return null;
            });
            Future<?> others = stopper.submit(() -> {
                stopAll(plain.stream().filter(p -> !p.spec().namespace().equals("ccx-prod")).toList(), "plain");
                return null;
            });
            stopAll(List.of(pod(plain, "ccx-prod", "ccx-pipeline")), "plain");
            List<Pod> late = y2024.stream().filter(p -> !EARLY_2024.contains(p.spec().workload()) && p != listener).toList();
            late.forEach(Pod::start);
            plainListenerStop.get();
            listener.start();
            // the SQS listener's readiness waits for its first (long) poll; the batch waits on SQS meanwhile
            startAll(List.of(), y2024.stream().filter(p -> p != listener).toList());
            others.get();
        } finally {
            stopper.shutdownNow();
        }
        mark("plain pods stopped, prod-2024 pods but the SQS listener ready (" + y2024.size() + " JVMs)");

        // an hour already over, none of the baseline's: its rows are written late-rows-ms after the last
        LocalDateTime hour = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(5);
        List<Upload> openshift = uploads("y2024", OPENSHIFT_2024, hour);
        List<Upload> ols = new ArrayList<>();
        for (int i = 0; i < OLS_2024; i++) {
            ols.add(olsUpload(i, hour.plusMinutes(30 + i)));
        }
        List<Upload> all = new ArrayList<>();
        for (int i = 0; i < Math.max(openshift.size(), ols.size()); i++) { // interleaved: the multiplexor sees both kinds in a poll
            if (i < openshift.size()) {
                all.add(openshift.get(i));
            }
            if (i < ols.size()) {
                all.add(ols.get(i));
            }
        }
        ExecutorService background = Executors.newFixedThreadPool(3); // stops beside the checks
        try {
            send(all, 100);
            // the SQS listener's part is done once SQS is empty and every archive is on each environment's
            // archive-new: it stops then, as its stop waits out its current long poll (~20 s)
            Future<?> listenerStop = background.submit(() -> {
                listener.waitReady(READY); // its readiness probe must say so too
                waitFor(SETTLE, () -> {
                    tail2024.refresh();
                    return sqsLeft() == 0 && Stream.of(Topology.Y2024.envs().split(","))
                            .allMatch(env -> count(all, tail2024, names.topic(env, TopicNames.ARCHIVE_NEW))[0] == all.size());
                });
                stopAll(List.of(listener), "2024");
                return null;
            });
            settle2024(names, cfg, openshift, ols);
            mark("2024 batch (" + OPENSHIFT_2024 + " OpenShift + " + OLS_2024 + " OLS archives) settled");
            // the batch is through: every pod but the factory (writing the hour) stops while the Parquet check waits
            Pod factory = pod(y2024, "ccx-prod", "ccx-parquet-factory");
            List<Pod> through = y2024.stream().filter(p -> p != factory && p != listener).toList();
            Future<?> throughStop = background.submit(() -> {
                stopAll(through, "2024");
                return null;
            });
            checkParquet("prod-2024", "prod", cfg, tail2024, Map.of(hour, openshift));
            mark("2024 parquet written and checked");
            // the factory (its files written) stops while the groups and the report are read
            factory.scrape();
            Future<?> factoryStop = background.submit(() -> {
                stopAll(List.of(factory), "2024");
                return null;
            });
            Map<String, Set<String>> groups = checkGroups("2024");
            String prefix = cfg.get("CCX_KAFKA_GROUP_PREFIX") + "-";
            Map<String, String> consumed = new LinkedHashMap<>();
            consumed.put(prefix + "multiplexor", names.topic("prod", TopicNames.ARCHIVE_NEW));
            consumed.put(prefix + "archive-sync", names.topic("prod", TopicNames.IO_ARCHIVE_NEW));
            consumed.put(prefix + "archive-sync-ols", names.topic("prod", TopicNames.OLS_ARCHIVE_NEW));
            consumed.put(prefix + "rules", names.topic("prod", TopicNames.ARCHIVE_SYNCED));
            consumed.put(prefix + "rules-uploader", names.topic("prod", TopicNames.RULES_RESULTS));
            consumed.put(prefix + "parquet-factory", names.topic("prod", TopicNames.RULES_RESULTS));
            consumed.forEach((group, topic) -> {
                if (!groups.getOrDefault(group, Set.of()).contains(topic)) {
                    problems.add("2024: consumer group " + group + " committed no offset on " + topic + " (has " + groups.get(group) + ")");
                }
            });
            listenerStop.get();
            throughStop.get();
            tableRows2024(names, all, openshift, ols); // every pod's exchanges scraped: at its stop, the factory's above
            factoryStop.get();
        } finally {
            background.shutdownNow();
        }
        mark("prod-2024 pods stopped");
    }

    /** The 2024 overlays: their Integrations, the shape in every pod, each 2024 stage in one pod per env, the listener in prod for qa and prod. */
    void checkShape2024(Map<String, Rendered> overlays, Map<String, List<PodSpec>> specs) {
        List<String> stages2024 = List.of("multiplexor", "archive-sync", "archive-sync-ols", "rules", "rules-uploader", "parquet-factory",
                "thanos-poll");
        for (var e : overlays.entrySet()) {
            String env = e.getKey();
            Rendered r = e.getValue();
            assertThat(r.ofKind("Pipe")).as("Pipes in overlay %s-2024", env).isEmpty();
            assertThat(r.namespaces()).as("namespaces of %s-2024", env).containsExactly("ccx-" + env);
            Set<String> expected = new java.util.TreeSet<>(Set.of("ccx-multiplexor", "ccx-archive-sync", "ccx-archive-sync-ols",
                    "ccx-archive-analysis", "ccx-rules-uploader", "ccx-parquet-factory", "ccx-thanos-poll"));
            List<String> expectedStages = new ArrayList<>(stages2024);
            if (env.equals("prod")) {
                expected.add("ccx-sqs-listener");
                expectedStages.add("sqs-listener");
            }
            Set<String> names = r.ofKind("Integration").stream().map(Rendered::name).collect(Collectors.toCollection(java.util.TreeSet::new));
            assertThat(names).as("Integrations of overlay %s-2024", env).isEqualTo(expected);
            for (PodSpec p : specs.get(env)) {
                assertThat(p.env()).as(p.id()).containsEntry("CCX_TOPOLOGY", "2024").doesNotContainKey("CCX_TOPIC_PATTERN");
                assertThat(p.env().get("CCX_ENVS")).as("CCX_ENVS of " + p.id()).isEqualTo(p.stages().equals(List.of("sqs-listener"))
                        ? Topology.Y2024.envs() : env);
            }
            assertThat(specs.get(env).stream().flatMap(p -> p.stages().stream()).toList()).as("stages of %s-2024", env)
                    .containsExactlyInAnyOrderElementsOf(expectedStages);
        }
    }

    /** An OpenShift Lightspeed upload (testing.OlsArchives): marker at the root, alternately as "./". */
    static Upload olsUpload(int i, LocalDateTime at) {
        String clusterId = java.util.UUID.nameUUIDFromBytes(("ols/" + i + "/" + System.nanoTime()).getBytes(StandardCharsets.UTF_8)).toString();
        String requestId = java.util.UUID.nameUUIDFromBytes(clusterId.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
        return new Upload(clusterId, new S3Key(GeneratedUploads.ORG, clusterId, at, requestId), OlsArchives.of(clusterId, i % 2 == 0 ? "" : "./"));
    }

    /**
     * Waits until the 2024 batch is through (every topic, the OLS bucket, the insights.json files,
     * SQS empty), then each archive must be exactly once where it belongs and nowhere else.
     */
    void settle2024(TopicNames names, Map<String, String> cfg, List<Upload> openshift, List<Upload> ols) throws InterruptedException {
        List<Upload> all = new ArrayList<>(openshift);
        all.addAll(ols);
        Map<String, List<Upload>> in = new LinkedHashMap<>();
        Map<String, List<Upload>> notIn = new LinkedHashMap<>();
        for (String env : Topology.Y2024.envs().split(",")) {
            in.put(names.topic(env, TopicNames.ARCHIVE_NEW), all); // the one listener writes every environment
        }
        in.put(names.topic("prod", TopicNames.IO_ARCHIVE_NEW), openshift);
        in.put(names.topic("prod", TopicNames.OLS_ARCHIVE_NEW), ols);
        in.put(names.topic("prod", TopicNames.ARCHIVE_SYNCED), openshift);
        in.put(names.topic("prod", TopicNames.RULES_RESULTS), openshift);
        notIn.put(names.topic("prod", TopicNames.IO_ARCHIVE_NEW), ols);
        notIn.put(names.topic("prod", TopicNames.OLS_ARCHIVE_NEW), openshift);
        notIn.put(names.topic("prod", TopicNames.ARCHIVE_SYNCED), ols);
        notIn.put(names.topic("prod", TopicNames.RULES_RESULTS), ols);
        String ceph = cfg.get("CCX_CEPH_BUCKET");
        String olsBucket = cfg.get("CCX_CEPH_OLS_BUCKET");
        long t = System.nanoTime();
        boolean done = waitFor(SETTLE, () -> {
            tail2024.refresh();
            return in.entrySet().stream().allMatch(e -> count(e.getValue(), tail2024, e.getKey())[0] == e.getValue().size())
                    && sqsLeft() == 0
                    && keys(olsBucket, "archives/").size() >= ols.size()
                    && keys(ceph, "insights/").size() >= openshift.size();
        });
        Thread.sleep(1500); // a duplicate would come right behind
        tail2024.refresh();
        say("[2024 batch] %s in %.1f s", done ? "settled" : "NOT settled", (System.nanoTime() - t) / 1e9);
        for (var e : in.entrySet()) {
            int[] c = count(e.getValue(), tail2024, e.getKey());
            if (c[0] != e.getValue().size() || c[1] != e.getValue().size()) {
                problems.add(String.format("2024: %s has %d distinct / %d records of %d archives (expected each exactly once)",
                        e.getKey(), c[0], c[1], e.getValue().size()));
            }
        }
        for (var e : notIn.entrySet()) {
            int[] c = count(e.getValue(), tail2024, e.getKey());
            if (c[1] != 0) {
                problems.add(String.format("2024: %s has %d record(s) of archives that do not belong there", e.getKey(), c[1]));
            }
        }
        if (sqsLeft() != 0) {
            problems.add("2024: " + sqsLeft() + " message(s) left on SQS");
        }
        String dlt = cfg.get("CCX_TOPIC_DEAD_LETTER");
        if (!tail2024.records(dlt).isEmpty()) {
            problems.add("2024: " + tail2024.records(dlt).size() + " record(s) on the dead-letter topic " + dlt);
        }
        // the OLS bucket: exactly the OLS archives, byte for byte, under the Ceph key layout; none in the Ceph bucket
        Set<String> olsKeys = ols.stream().map(u -> CephPath.of(u.key()).toString()).collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!new java.util.TreeSet<>(keys(olsBucket, "archives/")).equals(olsKeys)) {
            problems.add("2024: s3://" + olsBucket + " holds " + keys(olsBucket, "archives/") + ", expected " + olsKeys);
        }
        for (Upload u : ols) {
            String key = CephPath.of(u.key()).toString();
            if (keys(olsBucket, key).contains(key)
                    && !java.util.Arrays.equals(cephS3.getObjectAsBytes(b -> b.bucket(olsBucket).key(key)).asByteArray(), u.bytes())) {
                problems.add("2024: s3://" + olsBucket + "/" + key + " differs from the upload");
            }
            if (!keys(ceph, key).isEmpty()) {
                problems.add("2024: OLS archive " + key + " also in s3://" + ceph);
            }
        }
        // the rules uploader: one insights.json per OpenShift archive, the rules-results message; none for OLS
        Map<String, String> results = new HashMap<>();
        for (ConsumerRecord<String, String> r : tail2024.records(names.topic("prod", TopicNames.RULES_RESULTS))) {
            results.put(r.key(), r.value());
        }
        Set<String> jsonKeys = openshift.stream().map(u -> RulesJsonKey.of(CephPath.of(u.key()).toString()))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        List<String> uploaded = keys(ceph, "insights/");
        if (!new java.util.TreeSet<>(uploaded).equals(jsonKeys)) {
            problems.add("2024: s3://" + ceph + "/insights/ holds " + uploaded + ", expected " + jsonKeys);
        }
        for (Upload u : openshift) {
            String key = RulesJsonKey.of(CephPath.of(u.key()).toString());
            if (!uploaded.contains(key) || results.get(u.clusterId()) == null) {
                continue;
            }
            try {
                var stored = Json.mapper().readTree(cephS3.getObjectAsBytes(b -> b.bucket(ceph).key(key)).asByteArray());
                if (!stored.equals(Json.mapper().readTree(results.get(u.clusterId())))) {
                    problems.add("2024: s3://" + ceph + "/" + key + " is not the rules-results message of " + u.clusterId());
                }
            } catch (IOException e) {
                problems.add("2024: s3://" + ceph + "/" + key + " is not JSON: " + e.getMessage());
            }
        }
        notes.add(String.format("2024: s3://%s holds %d OLS archive(s), s3://%s/insights/ %d insights.json", olsBucket,
                keys(olsBucket, "archives/").size(), ceph, uploaded.size()));
    }

    /** Every key under a prefix of a Ceph bucket. */
    List<String> keys(String bucket, String prefix) {
        return cephS3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(o -> o.key()).sorted().toList();
    }

    /** The 2024 pods' rows of the report: stage, records in / out of the batch, exchanges of the stage's route. */
    void tableRows2024(TopicNames names, List<Upload> all, List<Upload> openshift, List<Upload> ols) {
        tail2024.refresh();
        java.util.function.BiFunction<List<Upload>, String, String> c = (uploads, channel) ->
                pair(count(uploads, tail2024, names.topic("prod", channel)));
        for (Pod p : y2024) { // every pod's exchanges are scraped (at its stop; the factory's before it)
            for (String stage : p.spec().stages()) {
                String[] io = switch (stage) {
                    case "sqs-listener" -> new String[] {all.size() + " S3 events", Stream.of(Topology.Y2024.envs().split(","))
                            .map(e -> e + " new " + pair(count(all, tail2024, names.topic(e, TopicNames.ARCHIVE_NEW)))).collect(Collectors.joining(", "))};
                    case "multiplexor" -> new String[] {"new " + c.apply(all, TopicNames.ARCHIVE_NEW),
                            "io " + c.apply(openshift, TopicNames.IO_ARCHIVE_NEW) + ", ols " + c.apply(ols, TopicNames.OLS_ARCHIVE_NEW)};
                    case "archive-sync" -> new String[] {"io " + c.apply(openshift, TopicNames.IO_ARCHIVE_NEW),
                            "synced " + c.apply(openshift, TopicNames.ARCHIVE_SYNCED)};
                    case "archive-sync-ols" -> new String[] {"ols " + c.apply(ols, TopicNames.OLS_ARCHIVE_NEW),
                            keys(config2024.get("prod").get("CCX_CEPH_OLS_BUCKET"), "archives/").size() + " objects in the OLS bucket"};
                    case "rules" -> new String[] {"synced " + c.apply(openshift, TopicNames.ARCHIVE_SYNCED),
                            "rules-results " + c.apply(openshift, TopicNames.RULES_RESULTS)};
                    case "rules-uploader" -> new String[] {"rules-results " + c.apply(openshift, TopicNames.RULES_RESULTS),
                            keys(config2024.get("prod").get("CCX_CEPH_BUCKET"), "insights/").size() + " insights.json"};
                    case "parquet-factory" -> new String[] {"rules-results " + c.apply(openshift, TopicNames.RULES_RESULTS),
                            parquetHourRows.getOrDefault("prod-2024", -1L) + " rows of the batch's hour (rule_hits, archives)"};
                    case "thanos-poll" -> new String[] {"Thanos hours", thanosRows.getOrDefault("prod-2024", -1L) + " cluster_thanos_info rows"};
                    default -> new String[] {"-", "-"};
                };
                reportRows.add(String.format("| 2024 | %s | %s | prod | %s | %s | %s |", p.id(), stage, io[0], io[1],
                        exchanges(p.exchanges(), stage)));
            }
        }
    }

    // ------------------------------------------------------------------ pods

    void startAll(List<Pod> pods) throws Exception {
        startAll(pods, pods);
    }

    /** Starts {@code toStart}, then waits until every pod of {@code pods} (started now or before) is ready. */
    void startAll(List<Pod> toStart, List<Pod> pods) throws Exception {
        long t = System.nanoTime();
        for (Pod p : toStart) {
            p.start();
        }
        say("%d containers created and started in %.1f s; waiting for the readiness of %d", toStart.size(),
                (System.nanoTime() - t) / 1e9, pods.size());
        ExecutorService pool = Executors.newFixedThreadPool(pods.size());
        try {
            List<Future<Double>> ready = new ArrayList<>();
            for (Pod p : pods) {
                ready.add(pool.submit(() -> {
                    p.waitReady(READY);
                    return (System.nanoTime() - t) / 1e9;
                }));
            }
            for (int i = 0; i < pods.size(); i++) {
                say("  %s ready after %.1f s", pods.get(i).id(), ready.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    void stopAll(List<Pod> pods, String what) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(pods.size());
        try {
            List<Future<Pod.Exit>> exits = new ArrayList<>();
            for (Pod p : pods) {
                exits.add(pool.submit(p::stop));
            }
            for (int i = 0; i < pods.size(); i++) {
                Pod.Exit e = exits.get(i).get();
                if (e.code() != 143 && e.code() != 0) {
                    problems.add(what + " " + pods.get(i).id() + ": exit " + e.code() + " after docker stop");
                }
                if (e.took().toSeconds() >= pods.get(i).spec().stopTimeoutSeconds()) {
                    problems.add(what + " " + pods.get(i).id() + ": not stopped within its grace period");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static Pod pod(List<Pod> pods, String namespace, String workload) {
        return pods.stream().filter(p -> p.spec().namespace().equals(namespace) && p.spec().workload().equals(workload)).findFirst()
                .orElseThrow(() -> new AssertionError("no pod " + namespace + "/" + workload));
    }

    // ------------------------------------------------------------------ archives

    List<Upload> uploads(String batch, int n, LocalDateTime hour) throws IOException {
        List<Upload> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(generator.create(batch, i, hour.plusMinutes(3L * i).plusSeconds(i)));
        }
        return out;
    }

    /** Stores each archive in the ingress bucket and puts the S3 event AWS would send on SQS. */
    void send(List<Upload> batch, long gapMs) throws Exception {
        for (Upload u : batch) {
            generator.upload(u);
            generator.notify(u);
            Thread.sleep(gapMs);
        }
    }

    // ------------------------------------------------------------------ checks

    /** {distinct archives, records} of the uploads in one environment's channel topic. */
    int[] count(List<Upload> uploads, String env, String channel) {
        tail.refresh();
        return count(uploads, tail, names(env).topic(env, channel));
    }

    /** {distinct archives, records} of the uploads in a topic the tail reads (refreshed by the caller). */
    static int[] count(List<Upload> uploads, TopicTail tail, String topic) {
        Set<String> ids = uploads.stream().map(Upload::clusterId).collect(Collectors.toSet());
        List<String> found = new ArrayList<>();
        for (ConsumerRecord<String, String> r : tail.records(topic)) {
            String id = ids.contains(r.key()) ? r.key() : ids.stream().filter(x -> r.value() != null && r.value().contains(x)).findFirst().orElse(null);
            if (id != null) {
                found.add(id);
            }
        }
        return new int[] {(int) found.stream().distinct().count(), found.size()};
    }

    /** Waits until every upload is in every channel of every env; then each must be there exactly once, SQS empty, DLT empty. */
    void settle(String what, List<Upload> uploads, List<String> envs) throws InterruptedException {
        long t = System.nanoTime();
        long[] said = {System.nanoTime()};
        boolean done = waitFor(SETTLE, () -> {
            boolean all = envs.stream().allMatch(env -> Stream.of(CHANNELS).allMatch(ch -> count(uploads, env, ch)[0] == uploads.size()))
                    && sqsLeft() == 0;
            if (!all && System.nanoTime() - said[0] > 20e9) {
                said[0] = System.nanoTime();
                say("[%s] settling: %s, SQS %d", what, counts(uploads, envs), sqsLeft());
            }
            return all;
        });
        Thread.sleep(1500); // a duplicate would come right behind
        say("[%s] %s in %.1f s: %s, SQS %d", what, done ? "settled" : "NOT settled", (System.nanoTime() - t) / 1e9, counts(uploads, envs), sqsLeft());
        for (String env : envs) {
            for (String ch : CHANNELS) {
                int[] c = count(uploads, env, ch);
                if (c[0] != uploads.size() || c[1] != uploads.size()) {
                    problems.add(String.format("%s: %s %s has %d distinct / %d records of %d archives (expected each exactly once)",
                            what, env, ch, c[0], c[1], uploads.size()));
                }
            }
        }
        long left = sqsLeft();
        if (left != 0) {
            problems.add(what + ": " + left + " message(s) left on SQS");
        }
        Set<String> dlts = envConfig.values().stream().map(c -> c.get("CCX_TOPIC_DEAD_LETTER")).collect(Collectors.toSet());
        for (String dlt : dlts) {
            if (!tail.records(dlt).isEmpty()) {
                problems.add(what + ": " + tail.records(dlt).size() + " record(s) on the dead-letter topic " + dlt);
            }
        }
    }

    String counts(List<Upload> uploads, List<String> envs) {
        StringBuilder s = new StringBuilder();
        for (String env : envs) {
            s.append(env).append(' ');
            for (String ch : CHANNELS) {
                int[] c = count(uploads, env, ch);
                s.append(ch.replace("archive-", "")).append('=').append(c[0]).append('/').append(c[1]).append(' ');
            }
        }
        return s.toString().trim();
    }

    long sqsLeft() {
        try {
            var attrs = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return Long.parseLong(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Long.parseLong(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** No consumer group commits offsets of a topic of another environment (groups named by CCX_KAFKA_GROUP_PREFIX). */
    Map<String, Set<String>> checkGroups(String phase) throws Exception {
        Map<String, String> topicEnv = new HashMap<>();
        Map<String, String> prefixEnv = new HashMap<>();
        for (var e : envConfig.entrySet()) {
            for (String ch : CHANNELS) {
                topicEnv.put(names(e.getKey()).topic(e.getKey(), ch), e.getKey());
            }
            topicEnv.put(e.getValue().get("CCX_ANALYSIS_IDEMPOTENCY_TOPIC"), e.getKey());
            prefixEnv.put(e.getValue().get("CCX_KAFKA_GROUP_PREFIX") + "-", e.getKey());
        }
        for (var e : config2024.entrySet()) { // the 2024 shape's topics, once deployed
            for (String ch : CHANNELS_2024) {
                topicEnv.put(topicNames(e.getValue()).topic(e.getKey(), ch), e.getKey());
            }
            topicEnv.put(e.getValue().get("CCX_ANALYSIS_IDEMPOTENCY_TOPIC"), e.getKey());
            prefixEnv.put(e.getValue().get("CCX_KAFKA_GROUP_PREFIX") + "-", e.getKey());
        }
        Map<String, Set<String>> committed = new TreeMap<>();
        List<String> seen = new ArrayList<>();
        long started = System.nanoTime();
        // every group's offsets in one request (one per group would take seconds with ~25 groups)
        Map<String, ListConsumerGroupOffsetsSpec> specs = new TreeMap<>();
        for (ConsumerGroupListing g : admin.listConsumerGroups().all().get()) {
            if (!g.groupId().startsWith("topology-")) {
                specs.put(g.groupId(), new ListConsumerGroupOffsetsSpec());
            }
        }
        var offsets = admin.listConsumerGroupOffsets(specs);
        for (String group : specs.keySet()) {
            Set<String> topics = offsets.partitionsToOffsetAndMetadata(group).get().keySet().stream()
                    .map(TopicPartition::topic).collect(Collectors.toCollection(java.util.TreeSet::new));
            Set<String> envs = topics.stream().map(t -> topicEnv.getOrDefault(t, "?")).collect(Collectors.toSet());
            String groupEnv = prefixEnv.entrySet().stream().filter(p -> group.startsWith(p.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
            seen.add(group + " -> " + topics);
            committed.put(group, topics);
            if (envs.size() > 1 || (groupEnv != null && !topics.isEmpty() && !envs.equals(Set.of(groupEnv)))) {
                problems.add("consumer group " + group + " (env " + groupEnv + ") has offsets on " + topics);
            }
        }
        notes.add(phase + ": consumer groups and their committed topics: " + seen);
        say("%s: %d consumer groups read in %.1f s", phase, specs.size(), (System.nanoTime() - started) / 1e9);
        return committed;
    }

    /** Each hour's Parquet tables hold each archive's rows exactly once, in each environment's own bucket. */
    void checkParquet(Map<LocalDateTime, List<Upload>> hours) throws Exception {
        for (String env : ENVS) {
            checkParquet(env, env, envConfig.get(env), tail, hours);
        }
    }

    /**
     * One environment's Parquet tables ({@code label} names it in problems and notes): each hour's
     * tables hold the rows of each distinct rules-results (and features, if the shape has them)
     * message of the environment exactly once, and its archives table the archives of {@code hours}.
     */
    void checkParquet(String label, String env, Map<String, String> cfg, TopicTail tail, Map<LocalDateTime, List<Upload>> hours)
            throws Exception {
        TopicNames names = topicNames(cfg);
        {
            String bucket = cfg.get("CCX_PARQUET_S3_BUCKET");
            String prefix = cfg.get("CCX_PARQUET_PREFIX");
            // expected: the env's distinct analysis outputs mapped by the factory's own mapper
            Map<String, Long> expected = new TreeMap<>();
            Set<String> seenKeys = new HashSet<>();
            for (ConsumerRecord<String, String> r : tail.records(names.topic(env, TopicNames.RULES_RESULTS))) {
                if (seenKeys.add("r|" + r.key())) {
                    for (SourceRows b : MAPPING.fromRules(Json.mapper().readValue(r.value(), RulesResults.class))) {
                        expected.merge(b.partition().table().tableName() + "|" + b.hour().toEpochMilli(), (long) b.rows().size(), Long::sum);
                    }
                }
            }
            List<ConsumerRecord<String, String>> features = names.topology().has(pipeline.Stages.FEATURES)
                    ? tail.records(names.topic(env, TopicNames.FEATURES)) : List.of();
            for (ConsumerRecord<String, String> r : features) {
                if (seenKeys.add("f|" + r.key())) {
                    for (SourceRows b : MAPPING.fromFeatures(Json.mapper().readValue(r.value(), FeaturesMessage.class))) {
                        expected.merge(b.partition().table().tableName() + "|" + b.hour().toEpochMilli(), (long) b.rows().size(), Long::sum);
                    }
                }
            }
            Set<Long> hourMs = hours.keySet().stream().map(h -> h.toInstant(ZoneOffset.UTC).toEpochMilli()).collect(Collectors.toSet());
            Map<String, Long> wanted = expected.entrySet().stream().filter(e -> hourMs.contains(hourOf(e.getKey())))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
            Map<String, Long> actual = new TreeMap<>();
            Map<Long, Set<String>> archives = new HashMap<>();
            Set<String> thanosSeen = new HashSet<>();
            boolean complete = waitFor(Duration.ofSeconds(150), () -> {
                try {
                    // every row there: an hour's rows may come in more than one file (rows after a restart)
                    Map<String, Long> sofar = new TreeMap<>();
                    readParquet(bucket, prefix, label, sofar, new HashMap<>(), null, hourMs);
                    return wanted.entrySet().stream().allMatch(w -> sofar.getOrDefault(w.getKey(), 0L) >= w.getValue());
                } catch (IOException e) {
                    return false;
                }
            });
            List<String> thanos = new ArrayList<>();
            Map<String, Long> files = readParquet(bucket, prefix, label, actual, archives, thanos);
            for (String t : thanos) {
                if (!thanosSeen.add(t)) {
                    problems.add(label + ": cluster_thanos_info row " + t + " written twice");
                }
            }
            for (var e : wanted.entrySet()) {
                long got = actual.getOrDefault(e.getKey(), 0L);
                if (got != e.getValue()) {
                    problems.add(String.format("%s: parquet %s has %d row(s), expected %d", label, e.getKey(), got, e.getValue()));
                }
            }
            for (var h : hours.entrySet()) {
                long ms = h.getKey().toInstant(ZoneOffset.UTC).toEpochMilli();
                Set<String> ids = h.getValue().stream().map(Upload::clusterId).collect(Collectors.toSet());
                if (!ids.equals(archives.getOrDefault(ms, Set.of()))) {
                    problems.add(String.format("%s: parquet archives table of hour %s holds %s, expected the %d archives sent", label,
                            h.getKey(), archives.getOrDefault(ms, Set.of()).size(), ids.size()));
                }
            }
            notes.add(String.format("%s: s3://%s/%s: %d file(s); hours %s: %d table(s), %d row(s) expected, %s; cluster_thanos_info %d row(s), none twice",
                    label, bucket, prefix, files.size(), hours.keySet(), wanted.size(), wanted.values().stream().mapToLong(x -> x).sum(),
                    complete ? "all written" : "NOT all written", thanos.size()));
            parquetRows.put(label, actual.values().stream().mapToLong(x -> x).sum());
            parquetHourRows.put(label, wanted.keySet().stream().mapToLong(k -> actual.getOrDefault(k, 0L)).sum());
            parquetFiles.put(label, (long) files.size());
            thanosRows.put(label, (long) thanos.size());
        }
    }

    private final Map<String, Long> parquetRows = new HashMap<>();
    private final Map<String, Long> parquetHourRows = new HashMap<>(); // rows of the checked hours only
    private final Map<String, Long> parquetFiles = new HashMap<>();
    private final Map<String, Long> thanosRows = new HashMap<>();

    static long hourOf(String tableHour) {
        return Long.parseLong(tableHour.substring(tableHour.indexOf('|') + 1));
    }

    /** Reads every Parquet file of the bucket: rows per table|hour; archive cluster ids per hour; thanos (hour,cluster) rows. */
    Map<String, Long> readParquet(String bucket, String prefix, String env, Map<String, Long> rows, Map<Long, Set<String>> archives,
                                  List<String> thanos) throws IOException {
        return readParquet(bucket, prefix, env, rows, archives, thanos, null);
    }

    /** As above, only the files of {@code onlyHours} (epoch ms; null: every file): the wait polls only what it waits for. */
    Map<String, Long> readParquet(String bucket, String prefix, String env, Map<String, Long> rows, Map<Long, Set<String>> archives,
                                  List<String> thanos, Set<Long> onlyHours) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        Path dir = Files.createDirectories(work.resolve("parquet").resolve(env));
        List<String> keys = cephS3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + "/")).contents().stream()
                .map(o -> o.key()).filter(k -> k.endsWith(".parquet")).sorted().toList();
        for (String key : keys) {
            // <prefix>/<table>/hourly/date=YYYY-MM-DD/hour=HH/<table>-<n>.parquet
            String[] parts = key.substring(prefix.length() + 1).split("/");
            String table = parts[0];
            long hourMs = LocalDate.parse(parts[2].substring(5)).atTime(Integer.parseInt(parts[3].substring(5)), 0)
                    .toInstant(ZoneOffset.UTC).toEpochMilli();
            if (onlyHours != null && !onlyHours.contains(hourMs)) {
                continue;
            }
            Path file = dir.resolve(key.replace('/', '_'));
            Files.write(file, cephS3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
            List<GenericRecord> records = read(file);
            files.put(key, (long) records.size());
            rows.merge(table + "|" + hourMs, (long) records.size(), Long::sum);
            if (table.equals("archives")) {
                records.forEach(r -> archives.computeIfAbsent(hourMs, h -> new HashSet<>()).add(r.get("cluster_id").toString()));
            }
            if (table.equals("cluster_thanos_info") && thanos != null) {
                records.forEach(r -> thanos.add(hourMs + "|" + r.get("cluster_id")));
            }
        }
        Map<String, Long> byTableHour = new TreeMap<>(rows);
        return byTableHour;
    }

    static List<GenericRecord> read(Path file) throws IOException {
        List<GenericRecord> out = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file),
                new PlainParquetConfiguration()).withDataModel(GenericData.get()).build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                out.add(r);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ report

    /** One row per pod of the environment: stage, records in / out (topic counts of the phase's archives), exchanges. */
    void tableRows(List<Pod> pods, String env, List<Upload> uploads) {
        for (Pod p : pods) {
            boolean pipe = p.spec().kind().equals("Pipe");
            String phase = pods == camelK ? "camel-k" : p.spec().kind().equals("Deployment") ? "plain" : "pipes example";
            Map<String, String> podEnv = p.env();
            // a Pipe pod runs no stage of the image: its environment is its namespace, its stage its Kamelet's
            String podEnvName = pipe ? p.spec().namespace().substring("ccx-".length()) : podEnv.get("CCX_PARQUET_ENV");
            List<String> podEnvs = pipe ? List.of(podEnvName) : List.of(podEnv.get("CCX_ENVS").split(","));
            List<String> stages = pipe ? List.of(p.spec().workload().replaceFirst("^ccx-", "").replaceFirst("-pipe$", ""))
                    : p.spec().stages();
            if (!podEnvName.equals(env) && !(stages.equals(List.of("sqs-listener")) && env.equals("prod"))) {
                continue;
            }
            p.scrape();
            List<String> cells = new ArrayList<>();
            for (String stage : stages) {
                String in;
                String out;
                switch (stage) {
                    case "sqs-listener" -> {
                        in = uploads.size() + " S3 events";
                        out = podEnvs.stream().map(e -> e + " new " + pair(count(uploads, e, TopicNames.ARCHIVE_NEW))).collect(Collectors.joining(", "));
                    }
                    case "archive-sync" -> {
                        in = "new " + pair(count(uploads, env, TopicNames.ARCHIVE_NEW));
                        out = "synced " + pair(count(uploads, env, TopicNames.ARCHIVE_SYNCED));
                    }
                    case "rules" -> {
                        in = "synced " + pair(count(uploads, env, TopicNames.ARCHIVE_SYNCED));
                        out = "rules-results " + pair(count(uploads, env, TopicNames.RULES_RESULTS));
                    }
                    case "features" -> {
                        in = "synced " + pair(count(uploads, env, TopicNames.ARCHIVE_SYNCED));
                        out = "features " + pair(count(uploads, env, TopicNames.FEATURES));
                    }
                    case "parquet-factory" -> {
                        in = "rules-results " + pair(count(uploads, env, TopicNames.RULES_RESULTS)) + " + features "
                                + pair(count(uploads, env, TopicNames.FEATURES));
                        out = phase.equals("camel-k") ? parquetRows.getOrDefault(env, -1L) + " rows in " + parquetFiles.getOrDefault(env, -1L) + " files" : "(hour open)";
                    }
                    case "thanos-poll" -> {
                        in = "Thanos hours";
                        out = phase.equals("camel-k") ? thanosRows.getOrDefault(env, -1L) + " cluster_thanos_info rows" : "-";
                    }
                    default -> {
                        in = "-";
                        out = "-";
                    }
                }
                cells.add(String.format("| %s | %s | %s | %s | %s | %s | %s |", phase, p.id(), stage, env, in, out,
                        exchanges(p.exchanges(), pipe ? "binding" : stage)));
            }
            reportRows.addAll(cells);
        }
    }

    /** camel_exchanges_total of the stage's consuming route (routeId), summed over the pod's containers. */
    static String exchanges(Map<String, Double> ex, String stage) {
        String route = switch (stage) {
            case "rules", "features" -> "archive-analysis";
            case "binding" -> "binding"; // the route Camel K generates for a Pipe
            case "parquet-factory" -> "parquet-input";
            default -> stage;
        };
        return String.format("%.0f (%s)", ex.getOrDefault(route, 0.0), route);
    }

    static String pair(int[] c) {
        return c[0] + "/" + c[1];
    }

    void report() throws IOException {
        StringBuilder md = new StringBuilder("# Topology report\n\n");
        md.append(String.format("Rendered k8s/overlays/{dev,qa,prod}, then k8s/plain/{qa,prod} with k8s/examples/pipes-dev, then"
                + " k8s/overlays/prod-2024 (kubectl kustomize), run as"
                + " containers of target/jib-image.tar on the local engine. Archives: %d + %d (+1 closer) through Camel K, %d through"
                + " plain and the Pipes example, %d OpenShift + %d OpenShift Lightspeed through prod-2024."
                + " in/out: distinct archives / records of the phase's archives in the topic; exchanges: camel_exchanges_total of the"
                + " stage's routes, summed over the pod's containers. Run took %.0f s.%n%n", FIRST, SECOND, PLAIN, OPENSHIFT_2024, OLS_2024,
                (System.nanoTime() - t0) / 1e9));
        md.append("| phase | workload | stage | env | records in | records out | exchanges |\n|---|---|---|---|---|---|---|\n");
        reportRows.forEach(r -> md.append(r).append('\n'));
        md.append("\n## Timings\n\n");
        timings.forEach((k, v) -> md.append(String.format("- %s: %.1f s%n", k, v)));
        // wall times depend on what else the machine runs; the JVMs' own CPU time does not
        md.append(String.format("%nCPU time of the pods' JVMs (process_cpu_time, scraped before each stop): camel-k %.0f s (%d pods),"
                        + " plain %.0f s (%d), prod-2024 %.0f s (%d); load average at the end %s%n",
                camelK.stream().mapToDouble(Pod::cpuSeconds).sum(), camelK.size(), plain.stream().mapToDouble(Pod::cpuSeconds).sum(),
                plain.size(), y2024.stream().mapToDouble(Pod::cpuSeconds).sum(), y2024.size(), loadAverage()));
        Map<String, List<Pod>> phases = new LinkedHashMap<>();
        phases.put("camel-k", camelK);
        phases.put("plain", plain);
        phases.put("prod-2024", y2024);
        phases.forEach((phase, pods) -> md.append(String.format("%nCPU seconds per pod, %s: %s%n", phase, pods.stream()
                .map(p -> String.format("%s %.1f", p.id(), p.cpuSeconds())).collect(Collectors.joining(", ")))));
        md.append("\n## Notes\n\n");
        notes.forEach(n -> md.append("- ").append(n).append('\n'));
        Reports.finish(md, problems, "topology-report.md");
    }

    // ------------------------------------------------------------------ engine, image, helpers

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** A self-signed CA certificate (keytool) for the service-account mount's ca.crt / service-ca.crt. */
    Rendered.ServiceAccount serviceAccount() throws Exception {
        Path store = work.resolve("sa-ca.p12");
        String keytool = Path.of(ProjectPaths.javaBinary()).resolveSibling("keytool").toString();
        run(List.of(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=ccx-topology-test-ca",
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"));
        String pem = run(List.of(keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-storepass", "changeit"));
        return new Rendered.ServiceAccount("topology-test-token", pem, pem);
    }

    static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    void mark(String what) {
        double now = (System.nanoTime() - t0) / 1e9;
        double prev = timings.values().stream().mapToDouble(x -> x).sum();
        timings.put(what, now - prev);
        say("%s (%.1f s; load average %s)", what, now - prev, loadAverage());
    }

    void say(String format, Object... args) {
        System.out.printf("[topology %6.1f s] %s%n", (System.nanoTime() - t0) / 1e9, String.format(format, args));
    }

    /** True once {@code condition} holds; false if it still does not after {@code timeout} (the caller reports it). */
    static boolean waitFor(Duration timeout, BooleanSupplier condition) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(1000)).pollInSameThread().until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException timedOut) {
            return condition.getAsBoolean();
        }
    }

}

package k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.TopicNames;
import app.Topology;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import topology.PodSpec;
import topology.Rendered;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the deployment manifests without a cluster: every YAML document under kamelets/ and
 * k8s/ (project directory from -Dccx.project.dir, else the working directory), every rendered
 * kustomization (base, the dev/qa/prod overlays, the 2024 shape's qa/prod overlays, plain; see
 * {@link Kustomize} for the subset of kustomize used), every Integration, Pipe and Kamelet against
 * the Camel K CRD schema ({@link CrdSchemas}), the Kamelets against the catalog's rules ({@link KameletRules}), and the
 * deployment rules of the pipeline (single replicas, no cron, ConfigMap/Secret, no secret values).
 * Negative cases prove each validator rejects what it must.
 */
class ManifestValidationTest {
    private static final Path PROJECT = Manifests.projectDir();
    private static final Path KAMELETS = PROJECT.resolve("kamelets");
    private static final Path K8S = PROJECT.resolve("k8s");
    private static final List<String> ENVS = List.of("dev", "qa", "prod");
    private static final Set<String> SINGLE = Set.of("ccx-parquet-factory", "ccx-thanos-poll");
    /** camel.management's port in the pods (CCX_HTTP_PORT of the ConfigMap, the container trait's port). */
    private static final int HTTP_PORT = 8080;
    /** The jar's own stage switches (application.properties), for workloads that leave one out. */
    private static final Map<String, String> JAR_DEFAULTS = jarStageDefaults();
    /** The stage switches of app.PipelineMain, as environment variables (CCX_STAGES_*), both shapes'. */
    private static final List<String> STAGES = List.of("SQS_LISTENER", "UPLOAD_LISTENER", "ARCHIVE_SYNC", "RULES",
            "FEATURES", "PARQUET_FACTORY", "THANOS_POLL", "MULTIPLEXOR", "ARCHIVE_SYNC_OLS", "RULES_UPLOADER");
    /** Every kustomization that deploys the pipeline (the Pipes example aside), both shapes. */
    /** The Pipes examples: the baseline's in dev, the 2024 shape's in qa. */
    private static final List<String> PIPES_EXAMPLES = List.of("examples/pipes-dev", "examples/pipes-2024");
    private static final List<String> DEPLOYED = List.of("overlays/dev", "overlays/qa", "overlays/prod", "plain/dev", "plain/qa",
            "plain/prod", "overlays/qa-2024", "overlays/prod-2024", "plain/qa-2024", "plain/prod-2024");

    // ---- every YAML document -------------------------------------------------------------

    @Test
    void everyYamlDocumentIsAKubernetesObject() {
        List<Path> files = new ArrayList<>(Manifests.yamlFiles(KAMELETS));
        files.addAll(Manifests.yamlFiles(K8S));
        assertThat(files).hasSizeGreaterThanOrEqualTo(20);
        List<String> problems = new ArrayList<>();
        int objects = 0;
        for (Path f : files) {
            for (Manifests.Doc d : Manifests.load(f)) {
                objects++;
                if ("Kustomization".equals(d.kind()) || "Component".equals(d.kind())) {
                    // kustomize's own files: apiVersion and kind, but no metadata
                    String api = "Kustomization".equals(d.kind()) ? "v1beta1" : "v1alpha1";
                    if (!("kustomize.config.k8s.io/" + api).equals(d.node().path("apiVersion").asText())) {
                        problems.add(d + ": " + d.kind() + " apiVersion");
                    }
                    continue;
                }
                Manifests.requiredFieldProblems(d.node()).forEach(p -> problems.add(d + ": " + p));
                if (CrdSchemas.covers(d.node())) {
                    CrdSchemas.validate(d.node()).forEach(p -> problems.add(d + ": " + p));
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(objects).isGreaterThanOrEqualTo(24);
    }

    // ---- Kamelets ---------------------------------------------------------------------------

    @Test
    void kameletsFollowTheCrdAndTheCatalogRules() {
        List<Path> files = Manifests.yamlFiles(KAMELETS);
        Set<String> names = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            assertThat(f.getFileName().toString()).endsWith(".kamelet.yaml");
            List<Manifests.Doc> docs = Manifests.load(f);
            assertThat(docs).as(f.toString()).hasSize(1);
            JsonNode k = docs.get(0).node();
            names.add(docs.get(0).name());
            CrdSchemas.validate(k).forEach(p -> problems.add(f.getFileName() + ": " + p));
            KameletRules.check(f.getFileName().toString(), k).forEach(p -> problems.add(f.getFileName() + ": " + p));
        }
        assertThat(problems).isEmpty();
        assertThat(names).contains("ccx-archive-sync-action", "ccx-rules-action", "ccx-features-action",
                "ccx-thanos-query-source", "ccx-multiplexor-action", "ccx-rules-uploader-sink");
    }

    /**
     * Issue 12: a Kamelet carries its own configuration. No ccx.* placeholder or global registry
     * bean, no Maven artifact that is published nowhere; every bean is the template's own and its
     * class exists (the image provides it); the actions check the contract on both sides and
     * dead-letter bad input; the Thanos source marks an hour done only after kamelet:sink.
     */
    @Test
    void kameletsAreSelfContained() throws Exception {
        for (Path f : Manifests.yamlFiles(KAMELETS)) {
            JsonNode spec = Manifests.load(f).get(0).node().path("spec");
            String template = spec.path("template").toString();
            assertThat(template).as(f.toString()).doesNotContain("{{ccx.", "archiveSyncService", "archiveAnalysis\"", "thanosPoll");
            for (JsonNode d : spec.path("dependencies")) {
                assertThat(d.asText()).as(f + " dependency").startsWith("camel:");
            }
            assertThat(spec.path("template").path("beans")).as(f.toString()).isNotEmpty();
            for (JsonNode bean : spec.path("template").path("beans")) {
                String type = bean.path("type").asText();
                assertThat(type).as(f + " bean " + bean.path("name")).startsWith("#class:");
                Class.forName(type.substring("#class:".length())); // on the image's classpath
            }
            assertThat(spec.path("definition").path("description").asText()).as(f.toString()).contains("ccx-pipeline image");
        }
        for (String name : List.of("ccx-archive-sync-action", "ccx-rules-action", "ccx-features-action", "ccx-multiplexor-action",
                "ccx-rules-uploader-sink")) {
            String template = kamelet(name).path("spec").path("template").toString();
            assertThat(template).as(name).contains("pipeline.ContractCheck", "pipeline.DeadLetter", "doCatch",
                    "errors.BadInputException", "contract.ContractViolation", "kafka:{{deadLetterTopic}}", "{{bootstrapServers}}");
            assertThat(kamelet(name).path("spec").path("definition").path("required").toString()).contains("bootstrapServers");
        }
        String thanos = kamelet("ccx-thanos-query-source").path("spec").path("template").toString();
        assertThat(thanos.indexOf("markDone")).as("the hour is done after the sink took it")
                .isGreaterThan(thanos.indexOf("kamelet:sink"));
    }

    @Test
    void theBuildPutsTheKameletsOnTheClasspath() throws IOException {
        // pom.xml copies kamelets/*.kamelet.yaml to target/classes/kamelets (classpath:kamelets)
        for (Path f : Manifests.yamlFiles(KAMELETS)) {
            try (InputStream in = getClass().getResourceAsStream("/kamelets/" + f.getFileName())) {
                assertThat(in).as("classpath:kamelets/" + f.getFileName()).isNotNull();
            }
        }
        assertThat(PROJECT.resolve("src/main/resources/kamelets")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws-sqs-source.kamelet.yaml", "ceph-sink.kamelet.yaml"})
    void catalogExamplesAreValid(String file) throws IOException {
        JsonNode k = resource("/k8s-crds/examples/" + file);
        assertThat(CrdSchemas.validate(k)).isEmpty();
        assertThat(KameletRules.check(file, k)).isEmpty();
        assertThat(Manifests.requiredFieldProblems(k)).isEmpty();
    }

    // ---- kustomize (the real one): base, overlays, plain, example ----------------------------

    @Test
    void baseRendersValidCamelKObjects() {
        List<Manifests.Doc> base = Kustomize.render(K8S.resolve("base"));
        assertValid(base);
        Map<String, Long> kinds = base.stream().collect(Collectors.groupingBy(Manifests.Doc::kind, Collectors.counting()));
        // the app serves /observe on CCX_HTTP_PORT; the probes and the PodMonitor must look there
        Manifests.Doc cm = base.stream().filter(d -> d.kind().equals("ConfigMap")).findFirst().orElseThrow();
        assertThat(cm.node().path("data").path("CCX_HTTP_PORT").asInt()).isEqualTo(HTTP_PORT);
        List<String> monitored = assertMonitored(base);
        assertThat(monitored).contains("ccx-sqs-listener", "ccx-upload-listener", "ccx-archive-sync-pipe", "ccx-rules-pipe", "ccx-features-pipe");
        assertThat(kinds).containsEntry("Integration", 4L).containsEntry("ConfigMap", 1L).containsEntry("PodMonitor", 1L)
                .doesNotContainKey("Pipe")
                .doesNotContainKey("Secret"); // the template must never overwrite the real Secret
        assertIntegrationStyle(base);
    }

    /**
     * The 2024 overlays: the environment's baseline Integrations plus one per new stage, each in the
     * base's style (image, mount, health, probes on 8080, no prometheus trait) and scraped by the
     * PodMonitor; no Pipe, no Secret; the ConfigMap carries the shape, the shape's own topic
     * pattern and the OLS bucket.
     */
    @ParameterizedTest
    @ValueSource(strings = {"qa", "prod"})
    void overlays2024AddTheNewStagesInTheBaseStyle(String env) {
        List<Manifests.Doc> docs = Kustomize.render(K8S.resolve("overlays/" + env + "-2024"));
        assertValid(docs);
        Set<String> baseline = Kustomize.render(K8S.resolve("overlays/" + env)).stream().filter(d -> d.kind().equals("Integration"))
                .map(Manifests.Doc::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>(baseline);
        expected.addAll(List.of("ccx-multiplexor", "ccx-archive-sync-ols", "ccx-rules-uploader"));
        assertThat(docs.stream().filter(d -> d.kind().equals("Integration")).map(Manifests.Doc::name))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(docs).extracting(Manifests.Doc::kind).doesNotContain("Pipe", "Secret");
        assertIntegrationStyle(docs);
        assertMonitored(docs);
        Map<String, String> cm = configMapData(docs);
        assertThat(cm).containsEntry("CCX_TOPOLOGY", "2024").doesNotContainKey("CCX_TOPIC_PATTERN");
        assertThat(cm.get("CCX_CEPH_OLS_BUCKET")).isNotBlank().isNotEqualTo(cm.get("CCX_CEPH_BUCKET"));
        // the shape's topics from the rendered configuration, as the jar names them
        TopicNames topics = TopicNames.of(Topology.of(cm.get("CCX_TOPOLOGY")), cm.get("CCX_TOPIC_PATTERN"), cm.get("CCX_ENVS"));
        assertThat(topics.topics(TopicNames.ARCHIVE_NEW)).containsExactly(env + "-archive-new");
        assertThat(topics.topic(env, TopicNames.RULES_RESULTS)).isEqualTo(env + "-insights-rules-results");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/qa", "overlays/prod", "plain/dev", "plain/qa", "plain/prod",
            "overlays/qa-2024", "overlays/prod-2024", "plain/qa-2024", "plain/prod-2024"})
    void overlayRendersItsEnvironment(String dir) {
        boolean y2024 = dir.endsWith("-2024");
        String env = dir.substring(dir.indexOf('/') + 1).replace("-2024", "");
        List<Manifests.Doc> docs = Kustomize.render(K8S.resolve(dir));
        assertValid(docs);
        for (Manifests.Doc d : docs) {
            assertThat(d.node().path("metadata").path("namespace").asText()).as(d.toString()).isEqualTo("ccx-" + env);
            assertThat(d.node().toString()).as(d + " keeps the base placeholder")
                    .doesNotContain("ccx-env-").doesNotContain("-env\"").doesNotContain("-env-");
            if (d.kind().equals("ConfigMap")) {
                assertThat(d.node().path("data").path("CCX_ENVS").asText()).isEqualTo(env);
                assertThat(d.node().path("data").path("CCX_PARQUET_ENV").asText()).isEqualTo(env);
                assertThat(d.node().path("data").path("CCX_KAFKA_GROUP_PREFIX").asText()).isEqualTo("ccx-pipeline-" + env);
                // the shape: 2024 by CCX_TOPOLOGY with the shape's own topic pattern; baseline the jar's default
                assertThat(d.node().path("data").path("CCX_TOPOLOGY").asText("baseline")).isEqualTo(y2024 ? "2024" : "baseline");
                assertThat(d.node().path("data").has("CCX_TOPIC_PATTERN")).as("CCX_TOPIC_PATTERN in " + dir).isEqualTo(!y2024);
                assertThat(d.node().path("data").has("CCX_CEPH_OLS_BUCKET")).as("CCX_CEPH_OLS_BUCKET in " + dir).isEqualTo(y2024);
            }
        }
        Set<String> claimed = new TreeSet<>();
        for (PodSpec w : pods(Rendered.kustomize(K8S.resolve(dir)))) {
            if (!runs(w, "SQS_LISTENER") && !runs(w, "UPLOAD_LISTENER")) {
                assertThat(envs(w)).as(w.workload() + " serves only its own environment").containsExactly(env);
            }
            w.volumes().forEach(v -> claimed.add(v.claim()));
        }
        // every claim a pod mounts exists, and no claim is left unused
        assertThat(claimed).as("claims mounted in " + dir).containsExactlyInAnyOrderElementsOf(docs.stream()
                .filter(d -> d.kind().equals("PersistentVolumeClaim")).map(Manifests.Doc::name).toList());
    }

    /**
     * Every workload sets every stage switch of the jar (ccx.stages.* of application.properties)
     * itself: the jar's defaults turn stages on (the 2024 ones too), so a pod that left one out
     * would run a stage it was not made for.
     */
    @Test
    void everyWorkloadSetsEveryStageSwitch() {
        assertThat(JAR_DEFAULTS.keySet()).as("the jar's switches, as STAGES lists them")
                .containsExactlyInAnyOrderElementsOf(STAGES.stream().map(s -> "CCX_STAGES_" + s).toList());
        List<String> dirs = new ArrayList<>(DEPLOYED);
        dirs.addAll(PIPES_EXAMPLES);
        for (String dir : dirs) {
            for (PodSpec w : pods(Rendered.kustomize(K8S.resolve(dir)))) {
                for (String stage : STAGES) {
                    assertThat(w.env()).as(dir + ": " + w.workload() + " sets CCX_STAGES_" + stage).containsKey("CCX_STAGES_" + stage);
                }
            }
        }
    }

    /**
     * The deployed shape (spec: one SQS listener, in prod, feeding every environment of the shape):
     * over the shape's rendered overlays (baseline dev, qa, prod; 2024 qa-2024, prod-2024), exactly
     * one workload runs the SQS listener and it writes every environment; in every environment each
     * other stage of the shape runs in exactly one workload (the upload listener in none: it is
     * optional), no workload switches on a stage the shape lacks (2024: features, the upload
     * listener), and the consumer groups (CCX_KAFKA_GROUP_PREFIX + stage) are one per
     * (environment, stage). Both variants: Camel K and plain.
     */
    @ParameterizedTest
    @CsvSource({"overlays,baseline", "plain,baseline", "overlays,2024", "plain,2024"})
    void everyStageRunsOncePerEnvironmentAndTheSqsListenerOnce(String variant, String shape) {
        Topology topology = Topology.of(shape);
        Map<String, List<PodSpec>> pods = new java.util.LinkedHashMap<>();
        for (String env : topology.envs().split(",")) {
            String dir = variant + "/" + env + (topology == Topology.BASELINE ? "" : "-" + topology.id());
            pods.put(env, pods(Rendered.kustomize(K8S.resolve(dir))));
        }
        assertThat(shapeProblems(topology, pods)).isEmpty();
        assertThat(pods.keySet()).containsExactlyElementsOf(topology == Topology.BASELINE ? ENVS : List.of("qa", "prod"));
        // what the shape's overlays run, written out (shapeProblems derives it from app.Topology)
        assertThat(STAGES.stream().filter(s -> topology.has(stageName(s))).toList()).containsExactlyInAnyOrderElementsOf(
                topology == Topology.BASELINE
                        ? List.of("SQS_LISTENER", "UPLOAD_LISTENER", "ARCHIVE_SYNC", "RULES", "FEATURES", "PARQUET_FACTORY", "THANOS_POLL")
                        : List.of("SQS_LISTENER", "MULTIPLEXOR", "ARCHIVE_SYNC", "ARCHIVE_SYNC_OLS", "RULES", "RULES_UPLOADER",
                                "PARQUET_FACTORY", "THANOS_POLL"));
    }

    /** The shape check fails a 2024 overlay whose analysis switches features on and that lacks the rules uploader. */
    @Test
    void shapeCheckRejectsAMisdeployed2024Overlay(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "namespace: ccx-qa\nresources:\n- " + dir.relativize(K8S.resolve("overlays/qa-2024"))
                + "\npatches:\n- target:\n    kind: Integration\n    name: ccx-archive-analysis\n  patch: |-\n"
                + "    - op: replace\n      path: /spec/template/spec/containers/0/env/4/value\n      value: \"true\"\n"
                + "- target:\n    kind: Integration\n    name: ccx-rules-uploader\n  patch: |-\n"
                + "    $patch: delete\n    apiVersion: camel.apache.org/v1\n    kind: Integration\n    metadata:\n      name: ccx-rules-uploader\n");
        Map<String, List<PodSpec>> pods = new java.util.LinkedHashMap<>();
        pods.put("qa", pods(Rendered.kustomize(dir)));
        pods.put("prod", pods(Rendered.kustomize(K8S.resolve("overlays/prod-2024"))));
        assertThat(shapeProblems(Topology.Y2024, pods))
                .anyMatch(p -> p.contains("ccx-archive-analysis") && p.contains("FEATURES"))
                .anyMatch(p -> p.contains("qa RULES_UPLOADER runs in []"));
        assertThat(shapeProblems(Topology.Y2024, Map.of("qa", pods.get("qa")))).anyMatch(p -> p.contains("SQS listeners"));
    }

    /** The optional upload listener component, added to the prod overlay: one more workload, feeding every environment. */
    @Test
    void uploadListenerComponentFeedsEveryEnvironment(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "namespace: ccx-prod\nresources:\n- " + dir.relativize(K8S.resolve("overlays/prod"))
                + "\ncomponents:\n- " + dir.relativize(K8S.resolve("components/upload-listener")) + "\n");
        List<PodSpec> ws = pods(Rendered.kustomize(dir)).stream().filter(p -> p.workload().equals("ccx-upload-listener")).toList();
        assertThat(ws).hasSize(1);
        assertThat(runs(ws.get(0), "UPLOAD_LISTENER")).isTrue();
        assertThat(envs(ws.get(0))).containsExactly("dev", "qa", "prod");
        for (String stage : STAGES) {
            assertThat(runs(ws.get(0), stage)).as(stage).isEqualTo(stage.equals("UPLOAD_LISTENER"));
        }
    }

    /**
     * The Pipes examples: the Pipes replace the Integrations that would do the same work, and no Pipe
     * pod starts a stage of the image (every stage switch off, so only the mounted flow runs); every
     * Kamelet a Pipe names (step or sink) is in kamelets/ and gets its required properties, and no
     * other; Kafka ends read and write the example environment's topics.
     */
    @ParameterizedTest
    @ValueSource(strings = {"examples/pipes-dev", "examples/pipes-2024"})
    void pipesExampleReplacesTheIntegrationsAndStartsNoImageStage(String dir) {
        boolean y2024 = dir.endsWith("2024");
        List<Manifests.Doc> docs = Kustomize.render(K8S.resolve(dir));
        assertValid(docs);
        List<String> names = docs.stream().map(d -> d.kind() + "/" + d.name()).toList();
        if (y2024) {
            assertThat(names).contains("Pipe/ccx-multiplexor-pipe", "Pipe/ccx-archive-sync-pipe", "Pipe/ccx-rules-pipe",
                    "Pipe/ccx-rules-uploader-pipe", "Integration/ccx-archive-sync-ols", "Integration/ccx-parquet-factory",
                    "Integration/ccx-thanos-poll")
                    .doesNotContain("Integration/ccx-multiplexor", "Integration/ccx-archive-sync", "Integration/ccx-archive-analysis",
                            "Integration/ccx-rules-uploader");
        } else {
            assertThat(names).contains("Pipe/ccx-archive-sync-pipe", "Pipe/ccx-rules-pipe", "Pipe/ccx-features-pipe",
                    "Integration/ccx-parquet-factory", "Integration/ccx-thanos-poll")
                    .doesNotContain("Integration/ccx-archive-sync", "Integration/ccx-archive-analysis");
        }
        String topicPrefix = y2024 ? "kafka:qa-" : "kafka:ccx-dev-";
        Rendered rendered = Rendered.kustomize(K8S.resolve(dir));
        for (PodSpec w : pods(rendered)) {
            if (!w.kind().equals("Pipe")) {
                continue;
            }
            JsonNode pipe = rendered.workloads().stream().filter(o -> o.path("metadata").path("name").asText().equals(w.workload()))
                    .findFirst().orElseThrow();
            for (String stage : STAGES) {
                assertThat(w.env()).as(w.workload() + " sets CCX_STAGES_" + stage).containsKey("CCX_STAGES_" + stage);
                assertThat(runs(w, stage)).as(w.workload() + " starts " + stage).isFalse();
            }
            List<JsonNode> kamelets = new ArrayList<>();
            pipe.path("spec").path("steps").forEach(kamelets::add);
            for (String end : List.of("source", "sink")) {
                JsonNode e = pipe.path("spec").path(end);
                if (e.has("ref")) {
                    kamelets.add(e);
                } else {
                    assertThat(e.path("uri").asText()).as(w.workload() + " " + end).startsWith(topicPrefix);
                }
            }
            assertThat(kamelets).as(w.workload() + " uses a ccx Kamelet").isNotEmpty();
            for (JsonNode step : kamelets) {
                String ref = step.path("ref").path("name").asText();
                assertThat(Files.exists(KAMELETS.resolve(ref + ".kamelet.yaml"))).as(w.workload() + " step " + ref).isTrue();
                JsonNode definition = kamelet(ref).path("spec").path("definition");
                for (JsonNode required : definition.path("required")) {
                    assertThat(step.path("properties").has(required.asText()))
                            .as(w.workload() + " passes " + ref + "'s required " + required.asText()).isTrue();
                }
                step.path("properties").fieldNames().forEachRemaining(prop ->
                        assertThat(definition.path("properties").has(prop)).as(w.workload() + ": " + ref + " has no property " + prop).isTrue());
                // every {{env:VAR}} the step reads is set on the pod
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\{env:([A-Z_]+)}}").matcher(step.toString());
                while (m.find()) {
                    assertThat(w.env()).as(w.workload() + " sets " + m.group(1)).containsKey(m.group(1));
                }
            }
        }
    }

    /**
     * The 2024 Pipes example reads and writes the shape's own topics (as the jar names them from the
     * rendered ConfigMap) with the consumer groups of the Integrations it replaces, and the
     * multiplexor Pipe's Kamelet routes to the shape's io and ols topics.
     */
    @Test
    void pipes2024ExampleUsesTheShapesTopicsAndGroups() {
        List<Manifests.Doc> docs = Kustomize.render(K8S.resolve("examples/pipes-2024"));
        Map<String, String> cm = configMapData(docs);
        assertThat(cm).containsEntry("CCX_TOPOLOGY", "2024");
        TopicNames topics = TopicNames.of(Topology.of(cm.get("CCX_TOPOLOGY")), cm.get("CCX_TOPIC_PATTERN"), cm.get("CCX_ENVS"));
        String env = cm.get("CCX_ENVS");
        String prefix = cm.get("CCX_KAFKA_GROUP_PREFIX");
        Map<String, JsonNode> pipes = docs.stream().filter(d -> d.kind().equals("Pipe"))
                .collect(Collectors.toMap(Manifests.Doc::name, Manifests.Doc::node));
        Map<String, List<String>> expected = Map.of(
                "ccx-multiplexor-pipe", List.of(TopicNames.ARCHIVE_NEW, "multiplexor"),
                "ccx-archive-sync-pipe", List.of(TopicNames.IO_ARCHIVE_NEW, "archive-sync"),
                "ccx-rules-pipe", List.of(TopicNames.ARCHIVE_SYNCED, "rules"),
                "ccx-rules-uploader-pipe", List.of(TopicNames.RULES_RESULTS, "rules-uploader"));
        assertThat(pipes.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, sourceAndStage) -> {
            JsonNode source = pipes.get(name).path("spec").path("source");
            assertThat(source.path("uri").asText()).as(name).isEqualTo("kafka:" + topics.topic(env, sourceAndStage.get(0)));
            assertThat(source.path("properties").path("groupId").asText()).as(name).isEqualTo(prefix + "-" + sourceAndStage.get(1));
        });
        assertThat(pipes.get("ccx-archive-sync-pipe").path("spec").path("sink").path("uri").asText())
                .isEqualTo("kafka:" + topics.topic(env, TopicNames.ARCHIVE_SYNCED));
        assertThat(pipes.get("ccx-rules-pipe").path("spec").path("sink").path("uri").asText())
                .isEqualTo("kafka:" + topics.topic(env, TopicNames.RULES_RESULTS));
        JsonNode multiplexor = pipes.get("ccx-multiplexor-pipe").path("spec");
        assertThat(multiplexor.path("steps").get(0).path("properties").path("ioTopic").asText())
                .isEqualTo(topics.topic(env, TopicNames.IO_ARCHIVE_NEW));
        assertThat(multiplexor.path("steps").get(0).path("properties").path("olsTopic").asText())
                .isEqualTo(topics.topic(env, TopicNames.OLS_ARCHIVE_NEW));
        // one Kafka sink: the Kamelet's kafka.OVERRIDE_TOPIC picks the topic; a plain kafka: URI honours it
        assertThat(multiplexor.path("sink").path("uri").asText()).startsWith("kafka:");
        assertThat(pipes.get("ccx-rules-uploader-pipe").path("spec").path("sink").path("ref").path("name").asText())
                .isEqualTo("ccx-rules-uploader-sink");
    }

    @Test
    void kustomizeRefusesABrokenOverlay(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n- ../no-such-dir\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("kubectl kustomize");
    }

    @Test
    void plainVariantRunsTheJarWithProbesAndMetrics() {
        List<Manifests.Doc> docs = Kustomize.render(K8S.resolve("plain/prod"));
        assertValid(docs);
        List<Manifests.Doc> deployments = docs.stream().filter(d -> d.kind().equals("Deployment")).toList();
        assertThat(deployments).extracting(Manifests.Doc::name).containsExactlyInAnyOrder("ccx-pipeline", "ccx-sqs-listener");
        for (Manifests.Doc deployment : deployments) {
            JsonNode pod = deployment.node().path("spec").path("template");
            JsonNode c = pod.path("spec").path("containers").get(0);
            assertThat(c.has("command")).as("the image's entrypoint runs the pipeline").isFalse();
            assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/observe/health/live");
            assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/observe/health/ready");
            assertThat(c.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
            assertThat(c.path("envFrom").toString()).contains("ccx-pipeline-config", "ccx-pipeline-credentials");
            assertThat(pod.path("metadata").path("annotations").path("prometheus.io/path").asText()).isEqualTo("/observe/metrics");
            assertThat(deployment.node().path("spec").path("replicas").asInt()).isEqualTo(1);
            assertThat(deployment.node().path("spec").path("selector").path("matchLabels"))
                    .isEqualTo(pod.path("metadata").path("labels"));
        }
        Manifests.Doc service = docs.stream().filter(d -> d.kind().equals("Service")).findFirst().orElseThrow();
        assertThat(service.node().path("spec").path("selector"))
                .isEqualTo(deployments.stream().filter(d -> d.name().equals("ccx-pipeline")).findFirst().orElseThrow()
                        .node().path("spec").path("template").path("metadata").path("labels"));
    }

    @Test
    void secretTemplateHoldsNoValuesAndConfigMapNoCredentials() {
        List<Manifests.Doc> docs = new ArrayList<>(Kustomize.render(K8S.resolve("base")));
        PIPES_EXAMPLES.forEach(dir -> docs.addAll(Kustomize.render(K8S.resolve(dir))));
        Manifests.Doc secret = Manifests.load(K8S.resolve("common/secret.yaml")).get(0);
        assertThat(secret.kind()).isEqualTo("Secret");
        assertThat(secret.name()).isEqualTo("ccx-pipeline-credentials");
        assertThat(secret.node().has("data")).isFalse();
        secret.node().path("stringData").forEach(v -> assertThat(v.asText()).isEmpty());
        Manifests.Doc cm = docs.stream().filter(d -> d.kind().equals("ConfigMap")).findFirst().orElseThrow();
        cm.node().path("data").fieldNames().forEachRemaining(k ->
                assertThat(k).doesNotContainIgnoringCase("ACCESS_KEY").doesNotContainIgnoringCase("SECRET")
                        .doesNotContainIgnoringCase("PASSWORD"));
        // every key the Pipes take from the Secret or the ConfigMap exists there
        for (Manifests.Doc d : docs) {
            for (JsonNode v : d.node().path("spec").path("traits").path("environment").path("vars")) {
                String var = v.asText();
                if (var.contains("=secret:ccx-pipeline-credentials/")) {
                    assertThat(secret.node().path("stringData").has(var.substring(var.lastIndexOf('/') + 1))).as(var).isTrue();
                } else if (var.contains("=configmap:ccx-pipeline-config/")) {
                    assertThat(cm.node().path("data").has(var.substring(var.lastIndexOf('/') + 1))).as(var).isTrue();
                }
            }
        }
    }

    // ---- the validators can fail -------------------------------------------------------------

    @Test
    void schemaRejectsBrokenCamelKObjects() {
        ObjectNode integration = Kustomize.render(K8S.resolve("base")).stream()
                .filter(d -> d.kind().equals("Integration")).findFirst().orElseThrow().node();
        assertThat(CrdSchemas.validate(integration)).isEmpty();

        ObjectNode wrongType = integration.deepCopy();
        wrongType.with("spec").put("replicas", "two");
        assertThat(CrdSchemas.validate(wrongType)).anyMatch(m -> m.contains("replicas"));

        ObjectNode misspeltTrait = integration.deepCopy();
        misspeltTrait.with("spec").with("traits").with("container").put("imag", "x");
        assertThat(CrdSchemas.validate(misspeltTrait)).anyMatch(m -> m.contains("imag"));

        ObjectNode oldApi = integration.deepCopy();
        oldApi.put("apiVersion", "camel.apache.org/v1alpha1");
        assertThat(CrdSchemas.validate(oldApi)).anyMatch(m -> m.contains("v1alpha1"));

        ObjectNode kamelet = kamelet("ccx-archive-sync-action").deepCopy();
        kamelet.with("spec").set("definitions", kamelet.path("spec").path("definition"));
        assertThat(CrdSchemas.validate(kamelet)).anyMatch(m -> m.contains("definitions"));

        ObjectNode pipe = Kustomize.render(K8S.resolve("examples/pipes-dev")).stream()
                .filter(d -> d.kind().equals("Pipe")).findFirst().orElseThrow().node().deepCopy();
        pipe.with("spec").with("source").put("uri", 42);
        assertThat(CrdSchemas.validate(pipe)).anyMatch(m -> m.contains("uri"));
    }

    @Test
    void catalogRulesRejectBrokenKamelets() {
        ObjectNode good = kamelet("ccx-thanos-query-source");
        assertThat(KameletRules.check("ccx-thanos-query-source.kamelet.yaml", good)).isEmpty();

        ObjectNode noTitle = good.deepCopy();
        noTitle.with("spec").with("definition").remove("title");
        assertThat(KameletRules.check(null, noTitle)).contains("missing spec.definition.title");

        assertThat(KameletRules.check("thanos.kamelet.yaml", good)).anyMatch(p -> p.contains("is not named"));

        ObjectNode wrongLabel = good.deepCopy();
        wrongLabel.with("metadata").with("labels").put(KameletRules.TYPE_LABEL, "sink");
        assertThat(KameletRules.check(null, wrongLabel)).anyMatch(p -> p.contains("the name says source"));

        ObjectNode plainPassword = good.deepCopy();
        ObjectNode secret = plainPassword.with("spec").with("definition").with("properties").putObject("secretKey");
        secret.put("title", "Secret Key").put("description", "The secret key.").put("type", "string");
        assertThat(KameletRules.check(null, plainPassword))
                .contains("credential secretKey lacks format: password",
                        "credential secretKey lacks x-descriptors " + KameletRules.CREDENTIALS);

        ObjectNode undefinedRequired = good.deepCopy();
        undefinedRequired.with("spec").with("definition").withArray("required").add("nope");
        assertThat(KameletRules.check(null, undefinedRequired)).contains("required property nope is not defined");

        ObjectNode undefinedPlaceholder = good.deepCopy();
        undefinedPlaceholder.with("spec").with("template").with("from").with("parameters").put("delay", "{{startDelay}}");
        assertThat(KameletRules.check(null, undefinedPlaceholder)).anyMatch(p -> p.contains("{{startDelay}}"));
    }

    @Test
    void requiredFieldsRejectMistakes() {
        assertThat(Manifests.requiredFieldProblems(Manifests.parse("kind: ConfigMap\nmetadata:\n  name: Bad_Name\n")
                .get(0).node())).containsExactly("missing apiVersion", "metadata.name 'Bad_Name' is not a DNS-1123 subdomain");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Every Integration in the base's style: the image, the mounts, the health trait on 8080, single writers single. */
    private static void assertIntegrationStyle(List<Manifests.Doc> docs) {
        for (Manifests.Doc d : docs) {
            if (d.kind().equals("Integration")) {
                JsonNode traits = d.node().path("spec").path("traits");
                assertThat(traits.path("container").path("image").asText()).as(d.toString()).isNotBlank();
                assertThat(traits.path("mount").path("configs").toString()).as(d.toString())
                        .contains("configmap:ccx-pipeline-config", "secret:ccx-pipeline-credentials");
                assertThat(d.node().path("spec").path("template").path("spec").path("containers").get(0).path("envFrom").toString())
                        .as(d.toString()).contains("ccx-pipeline-config", "ccx-pipeline-credentials");
                assertThat(traits.path("health").path("enabled").asBoolean()).as(d.toString()).isTrue();
                assertThat(traits.path("health").path("livenessProbe").asText()).as(d.toString()).isEqualTo("/observe/health/live");
                assertThat(traits.path("health").path("readinessProbe").asText()).as(d.toString()).isEqualTo("/observe/health/ready");
                assertThat(traits.path("health").path("livenessPort").asInt()).as(d.toString()).isEqualTo(HTTP_PORT);
                assertThat(traits.path("health").path("readinessPort").asInt()).as(d.toString()).isEqualTo(HTTP_PORT);
                assertThat(traits.path("container").path("port").asInt()).as(d.toString()).isEqualTo(HTTP_PORT);
                assertThat(traits.path("prometheus").path("enabled").asBoolean(true)).as(d + ": the PodMonitor scrapes it").isFalse();
                int replicas = d.node().path("spec").path("replicas").asInt(1);
                if (SINGLE.contains(d.name())) {
                    assertThat(replicas).as(d + " must be single").isEqualTo(1);
                    assertThat(traits.path("cron").path("enabled").isBoolean()
                            && !traits.path("cron").path("enabled").asBoolean()).as(d + ": cron trait off").isTrue();
                    assertThat(traits.path("deployment").path("strategy").asText()).as(d.toString()).isEqualTo("Recreate");
                }
            }
        }
    }

    /** The PodMonitor scrapes /observe/metrics on "http" of every rendered Integration; returns the names it selects. */
    private static List<String> assertMonitored(List<Manifests.Doc> docs) {
        Manifests.Doc monitor = docs.stream().filter(d -> d.kind().equals("PodMonitor")).findFirst().orElseThrow();
        assertThat(monitor.node().path("spec").path("podMetricsEndpoints").get(0).path("path").asText()).isEqualTo("/observe/metrics");
        assertThat(monitor.node().path("spec").path("podMetricsEndpoints").get(0).path("port").asText()).isEqualTo("http");
        List<String> monitored = new ArrayList<>();
        monitor.node().path("spec").path("selector").path("matchExpressions").get(0).path("values").forEach(v -> monitored.add(v.asText()));
        docs.stream().filter(d -> d.kind().equals("Integration")).forEach(d -> assertThat(monitored).as("PodMonitor").contains(d.name()));
        return monitored;
    }

    private static Map<String, String> configMapData(List<Manifests.Doc> docs) {
        Manifests.Doc cm = docs.stream().filter(d -> d.kind().equals("ConfigMap") && d.name().equals("ccx-pipeline-config"))
                .findFirst().orElseThrow();
        Map<String, String> out = new HashMap<>();
        cm.node().path("data").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static void assertValid(List<Manifests.Doc> docs) {
        assertThat(docs).isNotEmpty();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        for (Manifests.Doc d : docs) {
            Manifests.requiredFieldProblems(d.node()).forEach(p -> problems.add(d + ": " + p));
            if (!ids.add(d.node().path("apiVersion").asText() + "/" + d.kind() + "/" + d.name())) {
                problems.add(d + ": duplicate object");
            }
            if (d.kind().equals("Integration") || d.kind().equals("Pipe") || d.kind().equals("Kamelet")) {
                CrdSchemas.validate(d.node()).forEach(p -> problems.add(d + ": " + p));
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Each pod as Kubernetes and the Camel K operator build it, with the credentials template as its Secret. */
    private static List<PodSpec> pods(Rendered rendered) {
        Map<String, String> secret = Rendered.secretTemplate(K8S, "ccx-pipeline-credentials");
        rendered.namespaces().forEach(ns -> rendered.putSecret(ns, "ccx-pipeline-credentials", secret));
        return rendered.pods(new Rendered.ServiceAccount("token", "", ""));
    }

    /**
     * What is wrong with the shape's overlays (environment -> its pods), empty when nothing: every pod
     * of the shape (CCX_TOPOLOGY); one SQS listener over all of them, writing the shape's
     * environments; each other stage of the shape in exactly one workload per environment, the
     * upload listener in none; no stage the shape lacks switched on; one consumer group per
     * (environment, stage), named for the environment.
     */
    static List<String> shapeProblems(Topology shape, Map<String, List<PodSpec>> podsByEnv) {
        List<String> problems = new ArrayList<>();
        List<String> listeners = new ArrayList<>();
        Map<String, List<String>> stageRuns = new HashMap<>();
        Map<String, String> groups = new HashMap<>();
        for (var e : podsByEnv.entrySet()) {
            String env = e.getKey();
            for (PodSpec w : e.getValue()) {
                String where = env + "/" + w.workload();
                if (topology(w) != shape) {
                    problems.add(where + ": CCX_TOPOLOGY " + topology(w).id() + ", not " + shape.id());
                }
                for (String stage : STAGES) {
                    if (switchedOn(w, stage) && !shape.has(stageName(stage))) {
                        problems.add(where + " switches on " + stage + ", which the " + shape.id() + " shape lacks");
                    }
                    if (!runs(w, stage)) {
                        continue;
                    }
                    if (stage.equals("SQS_LISTENER")) {
                        listeners.add(where);
                        if (!envs(w).equals(List.of(shape.envs().split(",")))) {
                            problems.add(where + ": the SQS listener writes " + envs(w) + ", not " + shape.envs());
                        }
                        continue;
                    }
                    stageRuns.computeIfAbsent(env + " " + stage, k -> new ArrayList<>()).add(w.workload());
                    String group = consumerGroup(w, stage);
                    if (group != null) {
                        if (!group.startsWith("ccx-pipeline-" + env + "-")) {
                            problems.add(where + ": consumer group " + group + " is not the environment's");
                        }
                        String owner = groups.putIfAbsent(group, where);
                        if (owner != null && !owner.equals(where)) {
                            problems.add("consumer group " + group + " used by " + owner + " and " + where);
                        }
                    }
                }
            }
        }
        if (!listeners.equals(List.of("prod/ccx-sqs-listener"))) {
            problems.add("SQS listeners " + listeners + ", expected prod/ccx-sqs-listener only");
        }
        for (String env : podsByEnv.keySet()) {
            for (String stage : STAGES) {
                List<String> in = stageRuns.getOrDefault(env + " " + stage, List.of());
                int wanted = stage.equals("SQS_LISTENER") ? in.size() : stage.equals("UPLOAD_LISTENER") || !shape.has(stageName(stage)) ? 0 : 1;
                if (in.size() != wanted) {
                    problems.add(env + " " + stage + " runs in " + in + ", expected " + wanted + " workload(s)");
                }
            }
        }
        return problems;
    }

    /** Whether app.PipelineMain starts this stage in the pod: its switch is on and the pod's shape has it. */
    private static boolean runs(PodSpec pod, String stage) {
        return switchedOn(pod, stage) && topology(pod).has(stageName(stage));
    }

    /** The pod's switch of the stage (a switch left out keeps the jar's default). */
    private static boolean switchedOn(PodSpec pod, String stage) {
        String key = "CCX_STAGES_" + stage;
        return Boolean.parseBoolean(pod.env().getOrDefault(key, JAR_DEFAULTS.getOrDefault(key, "false")));
    }

    /** The pod's shape (CCX_TOPOLOGY, default baseline). */
    private static Topology topology(PodSpec pod) {
        return Topology.of(pod.env().get("CCX_TOPOLOGY"));
    }

    /** SQS_LISTENER -> sqs-listener, the name pipeline.Stages and app.Topology use. */
    private static String stageName(String stage) {
        return stage.toLowerCase().replace('_', '-');
    }

    /** The environments the pod's stages serve (CCX_ENVS). */
    private static List<String> envs(PodSpec pod) {
        return List.of(pod.env().getOrDefault("CCX_ENVS", "").split(","));
    }

    /** The Kafka consumer group a stage's route uses (routes.*Routes: group-prefix + suffix); null: no Kafka consumer. */
    private static String consumerGroup(PodSpec w, String stage) {
        boolean both = runs(w, "RULES") && runs(w, "FEATURES");
        String suffix = switch (stage) {
            case "RULES", "FEATURES" -> both ? "analysis" : stageName(stage);
            case "ARCHIVE_SYNC", "PARQUET_FACTORY", "UPLOAD_LISTENER", "MULTIPLEXOR", "ARCHIVE_SYNC_OLS", "RULES_UPLOADER" -> stageName(stage);
            default -> null;
        };
        return suffix == null ? null : w.env().get("CCX_KAFKA_GROUP_PREFIX") + "-" + suffix;
    }

    private static Map<String, String> jarStageDefaults() {
        java.util.Properties props = new java.util.Properties();
        try (InputStream in = ManifestValidationTest.class.getResourceAsStream("/application.properties")) {
            props.load(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> out = new HashMap<>();
        props.stringPropertyNames().stream().filter(k -> k.startsWith("ccx.stages."))
                .forEach(k -> out.put("CCX_STAGES_" + k.substring("ccx.stages.".length()).toUpperCase().replace('-', '_'),
                        props.getProperty(k).trim()));
        return out;
    }

    private static ObjectNode kamelet(String name) {
        return Manifests.load(KAMELETS.resolve(name + ".kamelet.yaml")).get(0).node();
    }

    private static JsonNode resource(String path) throws IOException {
        try (InputStream in = ManifestValidationTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return Manifests.read(Path.of(path), in).get(0).node();
        }
    }
}

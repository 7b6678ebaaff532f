package k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the deployment manifests without a cluster: every YAML document under kamelets/ and
 * k8s/ (project directory from -Dccx.project.dir, else the working directory), every rendered
 * kustomization (base, the dev/qa/prod overlays, plain; see {@link Kustomize} for the subset of
 * kustomize used), every Integration, Pipe and Kamelet against the Camel K CRD schema
 * ({@link CrdSchemas}), the Kamelets against the catalog's rules ({@link KameletRules}), and the
 * deployment rules of the pipeline (single replicas, no cron, ConfigMap/Secret, no secret values).
 * Negative cases prove each validator rejects what it must.
 */
class ManifestValidationTest {
    private static final Path PROJECT = Manifests.projectDir();
    private static final Path KAMELETS = PROJECT.resolve("kamelets");
    private static final Path K8S = PROJECT.resolve("k8s");
    private static final List<String> ENVS = List.of("dev", "qa", "prod");
    private static final Set<String> SINGLE = Set.of("ccx-parquet-factory", "ccx-thanos-poll");

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
                if ("Kustomization".equals(d.kind())) {
                    // kustomize's own file: apiVersion and kind, but no metadata
                    if (!"kustomize.config.k8s.io/v1beta1".equals(d.node().path("apiVersion").asText())) {
                        problems.add(d + ": Kustomization apiVersion");
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
                "ccx-thanos-query-source");
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
        for (String name : List.of("ccx-archive-sync-action", "ccx-rules-action", "ccx-features-action")) {
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

    // ---- kustomize: base, overlays, plain ------------------------------------------------------

    @Test
    void baseRendersValidCamelKObjects() {
        List<Manifests.Doc> base = Kustomize.render(K8S.resolve("base"));
        assertValid(base);
        Map<String, Long> kinds = base.stream().collect(Collectors.groupingBy(Manifests.Doc::kind, Collectors.counting()));
        assertThat(kinds).containsEntry("Integration", 6L).containsEntry("Pipe", 3L).containsEntry("ConfigMap", 1L)
                .doesNotContainKey("Secret"); // the template must never overwrite the real Secret
        for (Manifests.Doc d : base) {
            if (d.kind().equals("Integration")) {
                JsonNode traits = d.node().path("spec").path("traits");
                assertThat(traits.path("container").path("image").asText()).as(d.toString()).isNotBlank();
                assertThat(traits.path("mount").path("configs").toString()).as(d.toString())
                        .contains("configmap:ccx-pipeline-config", "secret:ccx-pipeline-credentials");
                assertThat(traits.path("health").path("enabled").asBoolean()).as(d.toString()).isTrue();
                assertThat(traits.path("health").path("livenessProbe").asText()).as(d.toString()).isEqualTo("/observe/health/live");
                assertThat(traits.path("health").path("readinessProbe").asText()).as(d.toString()).isEqualTo("/observe/health/ready");
                assertThat(traits.path("prometheus").path("enabled").asBoolean()).as(d.toString()).isTrue();
                int replicas = d.node().path("spec").path("replicas").asInt(1);
                if (SINGLE.contains(d.name())) {
                    assertThat(replicas).as(d + " must be single").isEqualTo(1);
                    assertThat(traits.path("cron").path("enabled").isBoolean()
                            && !traits.path("cron").path("enabled").asBoolean()).as(d + ": cron trait off").isTrue();
                    assertThat(traits.path("deployment").path("strategy").asText()).as(d.toString()).isEqualTo("Recreate");
                }
            }
            if (d.kind().equals("Pipe")) {
                for (JsonNode step : d.node().path("spec").path("steps")) {
                    String ref = step.path("ref").path("name").asText();
                    assertThat(Files.exists(KAMELETS.resolve(ref + ".kamelet.yaml"))).as(d + " step " + ref).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "qa", "prod"})
    void overlayRendersItsEnvironment(String env) {
        List<Manifests.Doc> docs = Kustomize.render(K8S.resolve("overlays").resolve(env));
        assertValid(docs);
        for (Manifests.Doc d : docs) {
            assertThat(d.node().path("metadata").path("namespace").asText()).as(d.toString()).isEqualTo("ccx-" + env);
            assertThat(d.node().toString()).as(d + " keeps the base placeholder").doesNotContain("ccx-env-");
            if (d.kind().equals("Pipe")) {
                assertThat(d.node().path("spec").path("source").path("uri").asText()).startsWith("kafka:ccx-" + env + "-");
                assertThat(d.node().path("spec").path("sink").path("uri").asText()).startsWith("kafka:ccx-" + env + "-");
            }
            if (d.kind().equals("ConfigMap")) {
                assertThat(d.node().path("data").path("CCX_ENVS").asText()).isEqualTo(env);
                assertThat(d.node().path("data").path("CCX_PARQUET_ENV").asText()).isEqualTo(env);
            }
        }
        for (String other : ENVS) {
            if (!other.equals(env)) {
                assertThat(docs.stream().map(d -> d.node().toString()))
                        .noneMatch(s -> s.contains("ccx-" + other + "-insights-operator"));
            }
        }
    }

    @Test
    void plainVariantRunsTheJarWithProbesAndMetrics() {
        List<Manifests.Doc> docs = Kustomize.render(K8S.resolve("plain"));
        assertValid(docs);
        Manifests.Doc deployment = docs.stream().filter(d -> d.kind().equals("Deployment")).findFirst().orElseThrow();
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
        Manifests.Doc service = docs.stream().filter(d -> d.kind().equals("Service")).findFirst().orElseThrow();
        assertThat(service.node().path("spec").path("selector")).isEqualTo(pod.path("metadata").path("labels"));
    }

    @Test
    void secretTemplateHoldsNoValuesAndConfigMapNoCredentials() {
        List<Manifests.Doc> base = Kustomize.render(K8S.resolve("base"));
        Manifests.Doc secret = Manifests.load(K8S.resolve("base/secret.yaml")).get(0);
        assertThat(secret.kind()).isEqualTo("Secret");
        assertThat(secret.name()).isEqualTo("ccx-pipeline-credentials");
        assertThat(secret.node().has("data")).isFalse();
        secret.node().path("stringData").forEach(v -> assertThat(v.asText()).isEmpty());
        Manifests.Doc cm = base.stream().filter(d -> d.kind().equals("ConfigMap")).findFirst().orElseThrow();
        cm.node().path("data").fieldNames().forEachRemaining(k ->
                assertThat(k).doesNotContainIgnoringCase("ACCESS_KEY").doesNotContainIgnoringCase("SECRET")
                        .doesNotContainIgnoringCase("PASSWORD"));
        // every key the Pipes take from the Secret exists in the template
        for (Manifests.Doc d : base) {
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

        ObjectNode pipe = Kustomize.render(K8S.resolve("base")).stream()
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
    void rendererAndRequiredFieldsRejectMistakes() {
        ObjectNode cm = (ObjectNode) Manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  A: b\n")
                .get(0).node();
        assertThatThrownBy(() -> Kustomize.JsonPatch.apply(cm,
                Manifests.parse("op: replace\npath: /data/MISSING\nvalue: x\n").get(0).node()))
                .hasMessageContaining("no such path");
        Kustomize.JsonPatch.apply(cm, Manifests.parse("op: replace\npath: /data/A\nvalue: c\n").get(0).node());
        assertThat(cm.path("data").path("A").asText()).isEqualTo("c");

        assertThat(Manifests.requiredFieldProblems(Manifests.parse("kind: ConfigMap\nmetadata:\n  name: Bad_Name\n")
                .get(0).node())).containsExactly("missing apiVersion", "metadata.name 'Bad_Name' is not a DNS-1123 subdomain");
    }

    // ---- helpers ------------------------------------------------------------------------------

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

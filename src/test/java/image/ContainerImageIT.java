package image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import model.Json;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The image tar the build makes (Jib, no registry): its config is what OpenShift runs, and it holds
 * production code only. {@code topology.TopologyIT} runs it in a container engine as the manifests'
 * pods (user, entrypoint, SIGTERM).
 */
class ContainerImageIT {
    static final Path PROJECT = Path.of(System.getProperty("ccx.project.dir", "."));
    static final Path TAR = PROJECT.resolve("target/jib-image.tar");

    @Test
    void theImageConfigRunsThePipelineAsANonRootUserOnPort8080() throws Exception {
        JsonNode manifest = Json.mapper().readTree(run(List.of("tar", "-xOf", TAR.toString(), "manifest.json"))).get(0);
        assertThat(manifest.path("RepoTags").get(0).asText()).isEqualTo("quay.io/ccx/ccx-pipeline:0.1.0");
        assertThat(manifest.path("Layers")).hasSizeGreaterThanOrEqualTo(4);
        JsonNode config = Json.mapper().readTree(run(List.of("tar", "-xOf", TAR.toString(), "config.json"))).path("config");
        assertThat(config.path("Entrypoint").get(0).asText()).isEqualTo("/opt/java/bin/java");
        assertThat(config.path("Entrypoint").get(config.path("Entrypoint").size() - 1).asText()).isEqualTo("app.PipelineMain");
        assertThat(config.path("User").asText()).isEqualTo("1001:0");
        assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
    }

    /** Test and demo tooling (embedded servers, JUnit, the demo) never ships: not in the jar, its lib/, or the image. */
    static final List<String> NOT_PRODUCTION = List.of("kafka_2.13", "kafka-server-", "elasticmq", "pekko", "scala-library",
            "scala-reflect", "junit", "s3proxy", "camel-mock", "camel-test", "assertj", "testcontainers");

    @Test
    void theProductionJarLibAndImageHoldProductionCodeOnly() throws Exception {
        List<String> lib = new ArrayList<>();
        try (var files = Files.list(PROJECT.resolve("target/lib"))) {
            files.forEach(f -> lib.add(f.getFileName().toString()));
        }
        assertThat(lib).anyMatch(n -> n.startsWith("camel-main")).anyMatch(n -> n.startsWith("kafka-clients"))
                .noneMatch(n -> NOT_PRODUCTION.stream().anyMatch(n::contains));
        String jarEntries = run(List.of("unzip", "-Z1", PROJECT.resolve("target/ccx-pipeline.jar").toString()));
        assertThat(jarEntries).contains("app/PipelineMain.class").doesNotContain("devservers/").doesNotContain("app/demo/")
                .doesNotContain("samples/insights-archive-sample");
        // the image's classpath file names exactly its libraries
        Path tmp = Files.createTempDirectory("image-classpath");
        run(List.of("tar", "-xf", TAR.toString(), "-C", tmp.toString()));
        JsonNode manifest = Json.mapper().readTree(tmp.resolve("manifest.json").toFile()).get(0);
        StringBuilder names = new StringBuilder();
        for (JsonNode layer : manifest.path("Layers")) {
            names.append(run(List.of("tar", "-tzf", tmp.resolve(layer.asText()).toString())));
        }
        assertThat(names.toString()).as("the image's layers (no app/cds/ccx-pipeline.jsa: see the build's app-cds line,"
                        + " scripts/image/app-cds.sh needs user namespaces)")
                .contains("app/libs/camel-main", "app/classpath/ccx-pipeline.jar", "app/cds/ccx-pipeline.jsa")
                .satisfies(all -> NOT_PRODUCTION.forEach(bad -> assertThat(all).as("image holds " + bad).doesNotContain("app/libs/" + bad)))
                .doesNotContain("app/classes/"); // packaged: the checked jar is the image's only code of ours
    }

    /**
     * The image's class-data sharing archive (scripts/image/app-cds.sh) matches the image: a JVM started by
     * the entrypoint with -Xshare:on (which refuses to start on a mismatched archive, where the default
     * silently loads every class) takes the pipeline's classes from its top (dynamic) layer.
     */
    @Test
    void theEntrypointStartsFromTheImagesClassDataSharingArchive() throws Exception {
        testing.ProjectImage.load();
        try (GenericContainer<?> pod = new GenericContainer<>(DockerImageName.parse(testing.ProjectImage.TAG))
                .withEnv("JAVA_TOOL_OPTIONS", "-Xshare:on -Xlog:class+load=info")
                .withEnv("CCX_KAFKA_BROKERS", "127.0.0.1:9")
                .withEnv("CCX_STAGES_SQS_LISTENER", "false")
                .withEnv("CCX_STAGES_PARQUET_FACTORY", "false")
                .withEnv("CCX_STAGES_THANOS_POLL", "false")
                .withEnv("CCX_STAGES_UPLOAD_LISTENER", "false")
                .waitingFor(Wait.forLogMessage(".*MeterBinders.*", 1).withStartupTimeout(Duration.ofSeconds(90)))) {
            pod.start();
            String log = pod.getLogs();
            assertThat(log).doesNotContain("shared archive file").contains("app.PipelineMain source: shared objects file (top)");
            // Camel's and the libraries' classes (not the JDK's, which come from the runtime's base archive)
            long fromArchive = log.lines().filter(l -> l.contains(" org.apache.") && l.contains("source: shared objects file (top)")).count();
            long fromJars = log.lines().filter(l -> l.contains(" org.apache.") && l.contains("source: jar:")).count();
            System.out.printf("image: org.apache classes loaded from the AppCDS archive %d, from jars %d%n", fromArchive, fromJars);
            assertThat(fromArchive).as("classes from the archive").isGreaterThan(1000).isGreaterThan(10 * fromJars);
        }
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
        return out;
    }
}

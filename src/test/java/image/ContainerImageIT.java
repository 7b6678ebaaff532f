package image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import devservers.FreePort;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import model.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image tar the build makes (Jib, no Docker engine): its config is what OpenShift runs, and
 * its layers, unpacked into a root file system, start the pipeline under the image's own Java
 * runtime, user and entrypoint (a chroot with its own /proc stands in for the container runtime).
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
        assertThat(names.toString()).contains("app/libs/camel-main")
                .satisfies(all -> NOT_PRODUCTION.forEach(bad -> assertThat(all).as("image holds " + bad).doesNotContain("app/libs/" + bad)))
                .doesNotContain("app/classes/devservers/").doesNotContain("app/classes/app/demo/");
    }

    @Test
    void theUnpackedImageStartsThePipelineAndStopsOnSigterm(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("rootfs");
        Files.createDirectories(root);
        run(List.of("tar", "-xf", TAR.toString(), "-C", tmp.toString()));
        JsonNode manifest = Json.mapper().readTree(tmp.resolve("manifest.json").toFile()).get(0);
        for (JsonNode layer : manifest.path("Layers")) {
            run(List.of("tar", "-xzf", tmp.resolve(layer.asText()).toString(), "-C", root.toString()));
        }
        List<String> classpath = List.of(Files.readString(root.resolve("app/jib-classpath-file")).trim().split(":"));
        assertThat(classpath).anyMatch(e -> e.contains("camel-main")).anyMatch(e -> e.equals("/app/classes"));
        for (String entry : classpath) {
            assertThat(root.resolve(entry.substring(1))).as(entry).exists();
        }
        JsonNode config = Json.mapper().readTree(tmp.resolve("config.json").toFile()).path("config");
        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(a -> entrypoint.add(a.asText()));

        int port = FreePort.pick();
        Files.createDirectories(root.resolve("proc"));
        // Every stage off, Kafka nowhere: the process must still start, answer liveness and go
        // not-ready, since the readiness check cannot reach Kafka.
        String env = "env -i JAVA_HOME=/opt/java PATH=/opt/java/bin CCX_HTTP_PORT=" + port
                + " CCX_KAFKA_BROKERS=127.0.0.1:1 CCX_STAGES_SQS_LISTENER=false CCX_STAGES_ARCHIVE_SYNC=false"
                + " CCX_STAGES_RULES=false CCX_STAGES_FEATURES=false CCX_STAGES_PARQUET_FACTORY=false CCX_STAGES_THANOS_POLL=false ";
        String container = "mount -t proc proc " + root + "/proc && cd " + root + "/tmp && exec " + env + "/usr/sbin/chroot --userspec="
                + config.path("User").asText() + " " + root + " " + String.join(" ", entrypoint);
        Path log = tmp.resolve("container.log");
        Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "--fork", "--kill-child=SIGTERM",
                "sh", "-c", container).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> live = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && p.isAlive()) {
                try {
                    live = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/live"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    break;
                } catch (java.io.IOException notYet) {
                    Thread.sleep(500);
                }
            }
            assertThat(live).as(Files.readString(log)).isNotNull();
            assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("server-kafka unreachable");
        } finally {
            // SIGTERM to the JVM (unshare's only descendant once sh and chroot have exec'd), as the kubelet sends it
            p.descendants().forEach(ProcessHandle::destroy);
            boolean exited = p.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                p.destroyForcibly();
            }
            assertThat(exited).as("the JVM stops on SIGTERM").isTrue();
        }
        assertThat(Files.readString(log)).contains("Apache Camel").containsPattern("Apache Camel .* shutdown").doesNotContain("Exception in thread \"main\"");
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
        return out;
    }
}

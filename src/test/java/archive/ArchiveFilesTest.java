package archive;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveFilesTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAResourceInTheSingleFileLayout() {
        ArchiveFiles files = SampleArchive.load().read(FileSelector.of("config/version.json", "config/version/*.json"));

        assertThat(files.resourcePath("config/version")).isEqualTo("config/version.json");
        assertThat(files.resource("config/version").orElseThrow().at("/status/desired/version").asText()).isEqualTo("4.7.16");
    }

    @Test
    void readsAResourceInTheDirectoryLayout() {
        ArchiveFiles files = ArchiveFiles.of(Map.of(
                "config/version/version.json", utf8("{\"spec\":{\"channel\":\"fast-4.8\"}}"),
                "config/version/z.json", utf8("{\"spec\":{\"channel\":\"other\"}}")));

        assertThat(files.resource("config/version").orElseThrow().at("/spec/channel").asText()).isEqualTo("fast-4.8");
        assertThat(files.resource("config/proxy")).isEmpty();
    }

    @Test
    void parsesJsonOnceAndCachesIt() {
        ArchiveFiles files = ArchiveFiles.of(Map.of("a.json", utf8("{\"x\":1}")));

        assertThat(files.json("a.json").orElseThrow()).isSameAs(files.json("a.json").orElseThrow());
        assertThat(files.json("missing.json")).isEmpty();
    }

    @Test
    void malformedJsonNamesTheFile() {
        ArchiveFiles files = ArchiveFiles.of(Map.of(
                "config/broken.json", utf8("{\"x\": "),
                "config/empty.json", new byte[0],
                "config/twice.json", utf8("{\"x\":1,\"x\":2}")));

        assertThatThrownBy(() -> files.json("config/broken.json"))
                .isInstanceOf(ArchiveFileException.class).hasMessageStartingWith("config/broken.json: not JSON");
        assertThatThrownBy(() -> files.json("config/empty.json"))
                .isInstanceOf(ArchiveFileException.class).hasMessage("config/empty.json: not JSON: empty file");
        assertThatThrownBy(() -> files.json("config/twice.json"))
                .isInstanceOf(ArchiveFileException.class).hasMessageContaining("Duplicate field");
    }

    @Test
    void parsesOnlyTheWantedPartsOfLargeFiles() {
        String pod = "config/pod/openshift-etcd/etcd-master-0.imeixner20210707.lab.upshift.rdu2.redhat.com.json";
        ArchiveFiles files = SampleArchive.load().read(FileSelector.of(pod));
        JsonParts parts = JsonParts.of("/kind", "/metadata/name", "/metadata/namespace", "/status", "/no/such/part");

        com.fasterxml.jackson.databind.JsonNode partial = files.json(pod, parts).orElseThrow();

        assertThat(partial.has("spec")).isFalse();
        assertThat(partial.path("metadata").size()).isEqualTo(2);
        assertThat(partial.at("/metadata/namespace").asText()).isEqualTo("openshift-etcd");
        assertThat(partial.has("no")).isFalse();
        assertThat(files.json(pod, JsonParts.of("/no/such/part", "/status", "/kind", "/metadata/namespace", "/metadata/name"))
                .orElseThrow() == partial)
                .as("cached by parts").isTrue();
        assertThat(partial.path("status").equals(files.json(pod).orElseThrow().path("status"))).as("status kept whole").isTrue();
        assertThat(files.json(pod, parts).orElseThrow().has("spec")).as("once parsed in full, the full tree serves").isTrue();
    }

    @Test
    void searchesFileBytesForText() {
        ArchiveFiles files = ArchiveFiles.of(Map.of("p.json", utf8("{\"reason\":\"CrashLoopBackOff\",\"note\":\"déjà vu\"}")));

        assertThat(files.contains("p.json", "CrashLoopBackOff")).isTrue();
        assertThat(files.contains("p.json", "déjà")).isTrue();
        assertThat(files.contains("p.json", "OOMKilled")).isFalse();
        assertThat(files.containsAny("p.json", "OOMKilled", "vu")).isTrue();
        assertThat(files.contains("missing.json", "x")).isFalse();
    }

    @Test
    void partialParsingStillRejectsMalformedJson() {
        ArchiveFiles files = ArchiveFiles.of(Map.of(
                "a.json", utf8("{\"spec\": {\"x\": [1, 2}, \"status\": {}}"),
                "b.json", utf8("[1, 2]"),
                "c.json", utf8("{\"status\": 1} {}")));
        JsonParts status = JsonParts.of("/status");

        assertThatThrownBy(() -> files.json("a.json", status)).isInstanceOf(ArchiveFileException.class)
                .hasMessageStartingWith("a.json: not JSON");
        assertThat(files.json("b.json", status).orElseThrow().size()).isEqualTo(2); // not an object: kept whole
        assertThatThrownBy(() -> files.json("c.json", status)).isInstanceOf(ArchiveFileException.class);
    }

    @Test
    void listsPathsByGlobAndCopiesBytes() {
        ArchiveFiles files = SampleArchive.load().read();

        assertThat(files.paths("config/node/*.json")).containsExactly(
                "config/node/master-0.imeixner20210707.lab.upshift.rdu2.redhat.com.json",
                "config/node/worker-0.imeixner20210707.lab.upshift.rdu2.redhat.com.json");
        byte[] copy = files.bytes("config/id").orElseThrow();
        copy[0] = 'X';
        assertThat(files.text("config/id").orElseThrow()).startsWith("d669cb71");
    }

    @Test
    void parsesTheSampleMetrics() {
        ArchiveFiles files = SampleArchive.load().read(FileSelector.of("config/metrics"));

        PrometheusText metrics = files.metrics("config/metrics").orElseThrow();

        assertThat(metrics.samples()).hasSize(125); // 137 lines minus 12 "# TYPE" comments
        PrometheusText.Sample installer = metrics.named("cluster_installer").get(0);
        assertThat(installer.labels()).containsEntry("type", "openshift-install").containsEntry("version", "v4.4.0");
        assertThat(installer.value()).isEqualTo(1.0);
        assertThat(installer.timestampMs()).isEqualTo(1592829361218L);
        assertThat(metrics.named("namespace:container_cpu_usage:sum")).hasSize(51);
    }

    @Test
    void badMetricsNameTheFileAndLine() {
        ArchiveFiles files = ArchiveFiles.of(Map.of("config/metrics", utf8("# TYPE a untyped\na{x=\"1\"} 1\nb{x=1} 2\n")));

        assertThatThrownBy(() -> files.metrics("config/metrics"))
                .isInstanceOf(ArchiveFileException.class)
                .hasMessageStartingWith("config/metrics: not Prometheus text: line 3");
    }
}

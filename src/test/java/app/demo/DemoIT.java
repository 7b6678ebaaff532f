package app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo, end to end on its own embedded servers, over two copies of the sample and the
 * fleet variants (newer platforms, no channel, no MTU, no network config, odd versions).
 */
class DemoIT {

    @Test
    void demoCopiesEveryArchiveAndWritesEveryTopicAndBucket(@TempDir Path tmp) throws Exception {
        Path archives = Files.createDirectories(tmp.resolve("archives"));
        try (var in = getClass().getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
            byte[] sample = in.readAllBytes();
            Files.write(archives.resolve("a.tar.gz"), sample);
            Files.write(archives.resolve("b.tar.gz"), sample);
        }
        List<Path> variants = archive.FleetVariants.write(archives);
        int uploads = 2 + variants.size();
        Path out = tmp.resolve("out");
        int rc = Demo.run(new DemoOptions(archives, out, "42", Duration.ofSeconds(120)));
        assertThat(rc).isZero();

        assertThat(Files.readAllLines(out.resolve("sqs/ccx-insights-archives.jsonl"))).hasSize(uploads)
                .allMatch(l -> l.contains("\"Records\"") && l.contains("ObjectCreated:Put"));
        for (String env : List.of("dev", "qa", "prod")) {
            assertThat(Files.readAllLines(out.resolve("topics/ccx-" + env + "-insights-operator-archive-new.jsonl"))).hasSize(uploads);
            assertThat(Files.readAllLines(out.resolve("topics/ccx-" + env + "-insights-operator-archive-synced.jsonl")))
                    .hasSize(uploads).allMatch(l -> l.contains("\"external_organization\":\"42\""));
        }
        assertThat(archiveFiles(out.resolve("buckets/insights-ingress"))).hasSize(uploads);
        List<Path> copies = archiveFiles(out.resolve("buckets/ccx-datahub/archives/compressed"));
        assertThat(copies).hasSize(uploads).allMatch(p -> p.toString().endsWith(".tar.gz"));
        byte[] sample = Files.readAllBytes(archives.resolve("a.tar.gz"));
        assertThat(copies).anyMatch(p -> java.util.Arrays.equals(readAll(p), sample));

        // Every cluster has its cluster_info row, whatever its platform, channel or MTU, and every
        // table has its rejected-rows figure (zero here: nothing in these archives is unwritable).
        var summary = model.Json.mapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("clusters_uploaded")).hasSize(1 + variants.size());
        assertThat(summary.get("clusters_with_cluster_info")).isEqualTo(summary.get("clusters_uploaded"));
        assertThat(summary.get("tables")).hasSize(parquet.ParquetTable.values().length);
        summary.get("tables").forEach(t -> assertThat(t.get("rejected").asLong()).isZero());
        assertThat(summary.at("/tables/cluster_info/rows").asLong()).isGreaterThanOrEqualTo(2L * (1 + variants.size()) - 2);
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> archiveFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}

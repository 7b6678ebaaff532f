package app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo, end to end on its own embedded servers, over two archives. */
class DemoIT {

    @Test
    void demoCopiesEveryArchiveAndWritesEveryTopicAndBucket(@TempDir Path tmp) throws Exception {
        Path archives = Files.createDirectories(tmp.resolve("archives"));
        try (var in = getClass().getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
            byte[] sample = in.readAllBytes();
            Files.write(archives.resolve("a.tar.gz"), sample);
            Files.write(archives.resolve("b.tar.gz"), sample);
        }
        Path out = tmp.resolve("out");
        int rc = Demo.run(new DemoOptions(archives, out, "42", Duration.ofSeconds(120)));
        assertThat(rc).isZero();

        assertThat(Files.readAllLines(out.resolve("sqs/ccx-insights-archives.jsonl"))).hasSize(2)
                .allMatch(l -> l.contains("\"Records\"") && l.contains("ObjectCreated:Put"));
        for (String env : List.of("dev", "qa", "prod")) {
            assertThat(Files.readAllLines(out.resolve("topics/ccx-" + env + "-insights-operator-archive-new.jsonl"))).hasSize(2);
            assertThat(Files.readAllLines(out.resolve("topics/ccx-" + env + "-insights-operator-archive-synced.jsonl")))
                    .hasSize(2).allMatch(l -> l.contains("\"external_organization\":\"42\""));
        }
        assertThat(archiveFiles(out.resolve("buckets/insights-ingress"))).hasSize(2);
        List<Path> copies = archiveFiles(out.resolve("buckets/ccx-datahub/archives/compressed"));
        assertThat(copies).hasSize(2).allMatch(p -> p.toString().endsWith(".tar.gz"));
        assertThat(Files.mismatch(copies.get(0), archives.resolve("a.tar.gz"))).isEqualTo(-1L);
    }

    private static List<Path> archiveFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}

package app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import app.Topology;
import contract.Contract;
import contract.ContractValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import model.Json;
import storage.CephPath;
import storage.S3Key;
import uploader.RulesJsonKey;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo, end to end on its own embedded servers, over two copies of the sample and the
 * fleet variants (newer platforms, no channel, no MTU, no network config, odd versions); in the
 * 2024 shape over two copies of the sample and three OpenShift Lightspeed archives (issue 17's "done when").
 */
class DemoIT {
    /** summary.json's keys, the same in both shapes. */
    static final List<String> SUMMARY_KEYS = List.of("topology", "settled", "archives", "channels", "copies", "rules_uploads",
            "dead_lettered", "invalid", "tables", "clusters_uploaded", "clusters_with_cluster_info");

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

    @Test
    void demoIn2024ShapeSendsEachArchiveToItsTopicAndBucketAndUploadsRulesJson(@TempDir Path tmp) throws Exception {
        Path archives = Files.createDirectories(tmp.resolve("archives"));
        try (var in = getClass().getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
            byte[] sample = in.readAllBytes();
            Files.write(archives.resolve("a.tar.gz"), sample);
            Files.write(archives.resolve("b.tar.gz"), sample);
        }
        // The fleet variants are the baseline test's: here the mix is what matters (and the test command's time).
        int openshift = 2;
        // OLS archives as a directory holds them: the marker at the root, bare or as ./, each its own cluster.
        Map<String, byte[]> ols = new LinkedHashMap<>();
        for (String root : List.of("", "", "./")) {
            String cluster = UUID.randomUUID().toString();
            ols.put(cluster, testing.OlsArchives.of(cluster, root));
            Files.write(archives.resolve("ols-" + ols.size() + ".tar.gz"), ols.get(cluster));
        }
        Path out = tmp.resolve("out");
        int rc = Demo.run(new DemoOptions(archives, out, "42", Duration.ofSeconds(120), false, Topology.Y2024));
        assertThat(rc).isZero();

        // The uploads, by kind: an OLS archive's S3 key carries the cluster of its marker.
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("sqs/ccx-insights-archives.jsonl"))) {
            keys.add(Json.mapper().readTree(line).at("/Records/0/s3/object/key").asText());
        }
        List<String> olsKeys = keys.stream().filter(k -> ols.containsKey(S3Key.parse(k).clusterId())).toList();
        List<String> ioKeys = keys.stream().filter(k -> !olsKeys.contains(k)).toList();
        assertThat(olsKeys).hasSize(ols.size());
        assertThat(ioKeys).hasSize(openshift);

        // Every archive on exactly one of the multiplexor's topics, in each environment of the shape.
        for (String env : List.of("qa", "prod")) {
            assertThat(paths(out.resolve("topics/" + env + "-archive-new.jsonl"))).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(paths(out.resolve("topics/" + env + "-io-archive-new.jsonl"))).containsExactlyInAnyOrderElementsOf(ioKeys);
            assertThat(paths(out.resolve("topics/" + env + "-ols-archive-new.jsonl"))).containsExactlyInAnyOrderElementsOf(olsKeys);
            assertThat(Files.readAllLines(out.resolve("topics/" + env + "-archive-synced.jsonl"))).hasSize(openshift);
            assertThat(Files.readAllLines(out.resolve("topics/" + env + "-insights-rules-results.jsonl"))).hasSize(openshift);
        }
        try (Stream<Path> topics = Files.list(out.resolve("topics"))) {
            assertThat(topics.map(p -> p.getFileName().toString()))
                    .noneMatch(t -> t.contains("features"))
                    .noneMatch(t -> t.startsWith("dev-") || t.startsWith("ccx-dev-") || t.contains("insights-operator"));
        }
        assertThat(Files.readAllLines(out.resolve("topics/ccx-pipeline-dead-letter.jsonl"))).isEmpty();

        // OLS copies in the OLS bucket, byte for byte the uploaded archives; OpenShift copies in Ceph.
        Path olsBucket = out.resolve("buckets/ccx-datahub-ols");
        Path ceph = out.resolve("buckets/ccx-datahub");
        assertThat(archiveFiles(olsBucket)).hasSize(ols.size());
        for (String key : olsKeys) {
            assertThat(olsBucket.resolve(CephPath.of(S3Key.parse(key)).toString()))
                    .hasBinaryContent(ols.get(S3Key.parse(key).clusterId()));
        }
        assertThat(archiveFiles(ceph.resolve("archives/compressed"))).hasSize(openshift);
        for (String key : ioKeys) {
            assertThat(ceph.resolve(CephPath.of(S3Key.parse(key)).toString()))
                    .hasBinaryContent(Files.readAllBytes(out.resolve("buckets/insights-ingress").resolve(key)));
        }

        // One rules JSON per OpenShift archive, at its archive's key, each valid against the rules-results contract.
        List<Path> rulesJson = archiveFiles(ceph.resolve("insights"));
        assertThat(rulesJson.stream().map(p -> ceph.relativize(p).toString()))
                .containsExactlyInAnyOrderElementsOf(ioKeys.stream().map(k -> RulesJsonKey.of(CephPath.of(S3Key.parse(k)).toString())).toList());
        ContractValidator contracts = new ContractValidator();
        for (Path file : rulesJson) {
            assertThat(contracts.violations(Contract.RULES_RESULTS, Files.readString(file))).as(file.toString()).isEmpty();
        }

        // The summary: the same keys as the baseline's, rule_hits rows, nothing refused anywhere.
        var summary = Json.mapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.fieldNames()).toIterable().containsExactlyElementsOf(SUMMARY_KEYS);
        assertThat(summary.path("topology").asText()).isEqualTo("2024");
        assertThat(summary.path("settled").asBoolean()).isTrue();
        assertThat(summary.at("/archives/openshift").asInt()).isEqualTo(openshift);
        assertThat(summary.at("/archives/ols").asInt()).isEqualTo(ols.size());
        assertThat(summary.at("/copies/ols_archives").asInt()).isEqualTo(ols.size());
        assertThat(summary.at("/copies/rules_json").asInt()).isEqualTo(openshift);
        assertThat(summary.at("/channels/prod/io-archive-new").asInt()).isEqualTo(openshift);
        assertThat(summary.at("/channels/qa/ols-archive-new").asInt()).isEqualTo(ols.size());
        assertThat(summary.at("/channels/prod/features").asInt()).isZero();
        // Each environment's rules results is uploaded (the second one of an archive finds its file).
        assertThat(summary.path("rules_uploads").properties().stream().mapToLong(e -> e.getValue().asLong()).sum())
                .isEqualTo(2L * openshift);
        assertThat(summary.at("/dead_lettered/count").asInt()).isZero();
        assertThat(summary.at("/invalid/messages").asInt()).isZero();
        assertThat(summary.at("/invalid/rules_json").asInt()).isZero();
        assertThat(summary.at("/tables/rule_hits/rows").asLong()).isPositive();
        summary.get("tables").forEach(t -> assertThat(t.get("rejected").asLong()).isZero());
    }

    /** The {@code path} (S3 key) of each archive-new message of a dumped topic. */
    private static List<String> paths(Path jsonl) throws Exception {
        List<String> paths = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            paths.add(Json.mapper().readTree(line).path("path").asText());
        }
        return paths;
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

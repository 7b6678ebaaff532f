package app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import archive.ClusterIdReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testing.OlsArchives;
import testing.TarGz;

/** The cluster an upload is made as, and its kind, for each sort of archive the demo may be given. */
class DemoArchiveTest {
    @TempDir
    Path dir;

    @Test
    void anInsightsOperatorArchiveIsItsConfigIdsCluster() throws Exception {
        Path sample = dir.resolve("sample.tar.gz");
        try (var in = getClass().getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
            Files.write(sample, in.readAllBytes());
        }
        DemoArchive archive = DemoArchive.of(sample);
        assertThat(archive.kind()).isEqualTo(DemoArchive.OPENSHIFT);
        assertThat(archive.clusterId()).isEqualTo(ClusterIdReader.clusterId(sample).orElseThrow());
    }

    @Test
    void anOpenShiftLightspeedArchiveIsTheClusterOfItsMarker() throws Exception {
        String cluster = UUID.randomUUID().toString();
        for (String root : new String[] {"", "./"}) {
            Path file = Files.write(dir.resolve("ols" + root.length() + ".tar.gz"), OlsArchives.of(cluster.toUpperCase(), root));
            assertThat(DemoArchive.of(file)).extracting(DemoArchive::kind, DemoArchive::clusterId)
                    .containsExactly(DemoArchive.OLS, cluster);
        }
    }

    @Test
    void withoutAnIdTheClusterIsNamedAfterTheFile() throws Exception {
        Path olsWithoutId = Files.write(dir.resolve("ols.tar.gz"),
                new TarGz().file("openshift_lightspeed.json", "{\"ols_version\":\"0.3.1\"}").bytes());
        assertThat(DemoArchive.of(olsWithoutId)).extracting(DemoArchive::kind, DemoArchive::clusterId)
                .containsExactly(DemoArchive.OLS, nameBased("ols.tar.gz"));
        Path neither = Files.write(dir.resolve("other.tar.gz"), new TarGz().file("data.json", "{}").bytes());
        assertThat(DemoArchive.of(neither)).extracting(DemoArchive::kind, DemoArchive::clusterId)
                .containsExactly(DemoArchive.NEITHER, nameBased("other.tar.gz"));
        // Uploaded all the same, so the multiplexor's dead-lettering of it shows in the summary.
        Path broken = Files.write(dir.resolve("broken.tar.gz"), "not gzip".getBytes(StandardCharsets.UTF_8));
        assertThat(DemoArchive.of(broken).kind()).isEqualTo(DemoArchive.NEITHER);
    }

    private static String nameBased(String fileName) {
        return UUID.nameUUIDFromBytes(fileName.getBytes(StandardCharsets.UTF_8)).toString();
    }
}

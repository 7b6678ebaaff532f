package multiplex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import archive.ArchiveLimits;
import archive.ArchiveReader;
import archive.ArchiveRejectedException;
import archive.SampleArchive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import testing.OlsArchives;
import testing.TarGz;

class ArchiveClassifierTest {
    static final String CLUSTER = "5d5892d3-1f74-4ccf-91af-548dfc9767aa";
    final ArchiveClassifier classifier = new ArchiveClassifier(new ArchiveReader(ArchiveLimits.defaults()));

    ArchiveKind classify(byte[] archive) throws IOException {
        return classifier.classify(new ByteArrayInputStream(archive));
    }

    @Test
    void theInsightsOperatorSampleIsAnOpenShiftArchive() throws IOException {
        assertThat(classify(SampleArchive.originalBytes())).isEqualTo(ArchiveKind.OPENSHIFT);
    }

    @Test
    void aRootLightspeedMarkerMakesAnOlsArchiveWithOrWithoutDotSlash() throws IOException {
        assertThat(classify(OlsArchives.of(CLUSTER, ""))).isEqualTo(ArchiveKind.OLS);
        assertThat(classify(OlsArchives.of(CLUSTER, "./"))).isEqualTo(ArchiveKind.OLS);
    }

    @Test
    void theMarkerWinsOverConfigId() throws IOException {
        Map<String, byte[]> sample = TarGz.regularFiles(SampleArchive.originalBytes(), name -> name);
        var both = new java.util.TreeMap<>(sample);
        both.put("openshift_lightspeed.json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(classify(TarGz.of(both))).isEqualTo(ArchiveKind.OLS);
    }

    @Test
    void aMarkerBelowTheRootIsNotOne() {
        byte[] nested = new TarGz().file("data/openshift_lightspeed.json", "{}").file("data/x.json", "{}").bytes();
        assertThatThrownBy(() -> classify(nested)).isInstanceOf(ArchiveRejectedException.class)
                .hasMessageContaining("neither openshift_lightspeed.json at the archive root nor config/id");
    }

    @Test
    void brokenArchivesAreRejectedWithTheReadersReason() {
        assertThatThrownBy(() -> classify("not an archive".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ArchiveRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ArchiveRejectedException.Reason.NOT_GZIP));
        assertThatThrownBy(() -> classify(TarGz.truncated(OlsArchives.of(CLUSTER, ""))))
                .isInstanceOf(ArchiveRejectedException.class);
        assertThatThrownBy(() -> classify(new TarGz().bytes())).isInstanceOfSatisfying(ArchiveRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(ArchiveRejectedException.Reason.CORRUPT));
    }

    @Test
    void theReadStopsAtTheMarkerSoWhatFollowsIsNeverRead() throws IOException {
        // The marker first, then a large entry cut short: read to the end this would be TRUNCATED.
        byte[] cut = TarGz.truncated(new TarGz().file("openshift_lightspeed.json", "{}")
                .file("conversations/big.json", noise()).bytes());
        assertThat(classify(cut)).isEqualTo(ArchiveKind.OLS);
        // The same cut after config/id: an Insights Operator archive is read to its end, so the cut is seen.
        byte[] cutOpenShift = TarGz.truncated(new TarGz().file("config/id", CLUSTER)
                .file("config/big.json", noise()).bytes());
        assertThatThrownBy(() -> classify(cutOpenShift)).isInstanceOf(ArchiveRejectedException.class);
    }

    /** Incompressible bytes: the cut in half lands inside them, not in the headers before. */
    static byte[] noise() {
        byte[] bytes = new byte[1024 * 1024];
        new java.util.Random(1).nextBytes(bytes);
        return bytes;
    }
}

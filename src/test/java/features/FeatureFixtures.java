package features;

import static org.assertj.core.api.Assertions.assertThat;

import archive.ArchiveFiles;
import archive.ArchiveLimits;
import archive.ArchiveReader;
import contract.Contract;
import contract.ContractValidator;
import model.ArchiveMetadata;
import model.FeaturesMessage;
import model.FeaturesMessage.FeatureResult;
import model.Json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The sample archive, a fixed message context and the checks every feature test makes. */
final class FeatureFixtures {

    /** {@code config/id} of the sample archive. */
    static final String CLUSTER_ID = "d669cb71-8256-4e8b-a8df-333a5e2dd753";
    static final String CEPH_PATH = "archives/compressed/d6/" + CLUSTER_ID + "/202402/22/103000.tar.gz";
    static final ArchiveMetadata METADATA = new ArchiveMetadata(CLUSTER_ID, "1234567");
    /** Fractions must be cut: TS-NAIVE has whole seconds. */
    static final Instant NOW = Instant.parse("2024-02-22T11:15:42.750Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String ANALYSIS_TIME = "2024-02-22T11:15:42";
    /** The time in {@link #CEPH_PATH}: the fallback of missing transition times. */
    static final String ARCHIVE_TIME = "2024-02-22T10:30:00";

    private static final ContractValidator VALIDATOR = new ContractValidator();
    private static byte[] sample;

    private FeatureFixtures() {
    }

    static synchronized byte[] sample() {
        if (sample == null) {
            try (InputStream in = FeatureFixtures.class.getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
                assertThat(in).as("sample archive on the classpath").isNotNull();
                sample = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sample.clone();
    }

    static ArchiveEdit editSample() {
        return ArchiveEdit.of(sample());
    }

    static ArchiveFiles read(byte[] tarGz, FeatureExtractor extractor) {
        try {
            return new ArchiveReader(ArchiveLimits.defaults()).read(new ByteArrayInputStream(tarGz), extractor.requiredFiles());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The extractor's rows for {@code tarGz}, produced through {@link FeaturesService} so that every
     * test also checks the message against the contract and the rows against the schema.
     */
    static List<Map<String, Object>> rows(FeatureExtractor extractor, byte[] tarGz) {
        FeaturesMessage message = new FeaturesService(List.of(extractor), CLOCK)
                .extract(read(tarGz, extractor), CEPH_PATH, METADATA);
        assertValid(message);
        assertThat(message.report()).hasSize(1);
        FeatureResult result = message.report().get(0);
        assertThat(result.metadata().featureId()).isEqualTo(extractor.featureId());
        return result.data();
    }

    /** The contract check the route makes, plus the row checks the validator leaves out (§12.2). */
    static void assertValid(FeaturesMessage message) {
        VALIDATOR.check(Contract.FEATURES, Json.mapper().valueToTree(message));
        for (FeatureResult result : message.report()) {
            RowChecks.assertRowsMatchSchema(result);
        }
    }
}

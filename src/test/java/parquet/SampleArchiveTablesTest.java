package parquet;

import archive.ArchiveLimits;
import archive.ArchiveReader;
import features.FeaturesService;
import model.ArchiveMetadata;
import model.FeaturesMessage;
import model.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled sample archive through the features service, the Kafka JSON and the mappers: every
 * feature table the sample has data for gets rows, and nothing is rejected.
 */
class SampleArchiveTablesTest {

    static final String CLUSTER = "d669cb71-8256-4e8b-a8df-333a5e2dd753";
    static final String PATH = "archives/compressed/d6/" + CLUSTER + "/202402/22/103000.tar.gz";

    static FeaturesMessage sampleFeatures() throws IOException {
        FeaturesService service = new FeaturesService(features.FeatureExtractors.standard(),
                Clock.fixed(Instant.parse("2024-02-22T11:15:42Z"), ZoneOffset.UTC));
        try (InputStream in = SampleArchiveTablesTest.class.getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
            FeaturesMessage message = service.extract(new ArchiveReader(ArchiveLimits.defaults()).read(in, service.requiredFiles()),
                    PATH, new ArchiveMetadata(CLUSTER, "1234567"));
            return Json.mapper().readValue(Json.mapper().writeValueAsBytes(message), FeaturesMessage.class);
        }
    }

    @Test
    void theSampleArchiveFillsTheFeatureTables() throws IOException {
        MappedRows rows = TableRows.fromFeatures(sampleFeatures());

        Map<ParquetTable, Integer> counts = new EnumMap<>(ParquetTable.class);
        rows.byTable().forEach((table, list) -> counts.put(table, list.size()));
        System.out.println("[sample archive] rows per table: " + counts + ", rejected: " + rows.rejected());

        assertThat(rows.rejected()).isEmpty();
        // What the sample holds (no conditional updates); a change here means the features changed.
        assertThat(counts).isEqualTo(Map.of(ParquetTable.CLUSTER_INFO, 2,
                ParquetTable.FAILING_OPERATOR_CONDITIONS, 3, ParquetTable.ALERTS, 9, ParquetTable.GATHERERS_INFO, 64,
                ParquetTable.WORKLOAD_CONTAINERS, 100, ParquetTable.WORKLOAD_IMAGE_LAYERS, 14,
                ParquetTable.AVAILABLE_UPDATES, 1));
        assertThat(rows.all()).allSatisfy(r -> {
            assertThat(r.hour()).isEqualTo(Instant.parse("2024-02-22T10:00:00Z"));
            assertThat(r.record().get("cluster_id")).isEqualTo(CLUSTER);
            assertThat(r.archivePath()).isEqualTo(PATH);
        });
    }
}

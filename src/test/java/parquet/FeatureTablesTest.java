package parquet;

import features.AlertsExtractor;
import features.ClusterInfoExtractor;
import features.ClusterVersionUpdatesExtractor;
import features.FailingOperatorConditionsExtractor;
import features.FeatureExtractors;
import features.GatherersExtractor;
import features.WorkloadInfoImagesExtractor;
import features.WorkloadInfoNamespacesExtractor;
import features.FeatureExtractor;
import model.FeaturesMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static parquet.Messages.values;

/** {@code cluster_info}, {@code failing_operator_conditions}, {@code alerts}, {@code gatherers_info}. */
class FeatureTablesTest {

    @Test
    void theSpecExampleMessagesHaveNoFeatureThatFeedsATable() {
        for (String example : List.of("09_features/test_fixture_valid_message.converted.json",
                "09_features/doc_example_three_fields.json")) {
            MappedRows rows = TableRows.fromFeatures(Messages.example(example, FeaturesMessage.class));
            assertThat(rows.byTable()).as(example).isEmpty(); // feature_id "feature_name"
            assertThat(rows.rejected()).as(example).isEmpty();
        }
    }

    @Test
    void theMappersReadTheFeaturesTheFeaturesServiceWrites() {
        assertThat(TableRows.featureIds()).containsExactlyInAnyOrderElementsOf(
                FeatureExtractors.standard().stream().map(FeatureExtractor::featureId).toList());
        assertThat(TableRows.featureIds()).contains(new ClusterInfoExtractor().featureId(),
                new FailingOperatorConditionsExtractor().featureId(), new AlertsExtractor().featureId(),
                new GatherersExtractor().featureId(), new WorkloadInfoImagesExtractor().featureId(),
                new WorkloadInfoNamespacesExtractor().featureId(), new ClusterVersionUpdatesExtractor().featureId());
    }

    @Test
    void theClusterInfoExampleTable() {
        List<TableRow> rows = SpecTables.clusterInfoMessages().stream()
                .flatMap(m -> TableRows.fromFeatures(m).rows(ParquetTable.CLUSTER_INFO).stream()).toList();
        assertThat(values(rows)).isEqualTo(SpecTables.CLUSTER_INFO);
        assertThat(rows).allSatisfy(r -> assertThat(r.hour()).isEqualTo(Instant.parse("2021-03-18T11:00:00Z")));
    }

    @Test
    void theFailingOperatorConditionsExampleTable() {
        MappedRows rows = TableRows.fromFeatures(SpecTables.focMessage());
        assertThat(values(rows.rows(ParquetTable.FAILING_OPERATOR_CONDITIONS))).isEqualTo(SpecTables.FAILING_OPERATOR_CONDITIONS);
        assertThat(rows.byTable()).containsOnlyKeys(ParquetTable.FAILING_OPERATOR_CONDITIONS);
    }

    @Test
    void theAlertsExampleTable() {
        List<TableRow> rows = SpecTables.alertsMessages().stream()
                .flatMap(m -> TableRows.fromFeatures(m).rows(ParquetTable.ALERTS).stream()).toList();
        assertThat(values(rows)).isEqualTo(SpecTables.ALERTS);
        // No collected_at column, but the row still knows its archive's hour.
        assertThat(rows).allSatisfy(r -> assertThat(r.hour()).isEqualTo(Instant.parse("2021-06-05T12:00:00Z")));
    }

    @Test
    void theGatherersInfoExampleTable() {
        MappedRows rows = TableRows.fromFeatures(SpecTables.gatherersMessage());
        assertThat(values(rows.rows(ParquetTable.GATHERERS_INFO))).isEqualTo(SpecTables.gatherersInfo());
    }

    @Test
    void oneMessageFeedsEveryTableOfItsFeaturesAtOnce() {
        FeaturesMessage foc = SpecTables.focMessage();
        FeaturesMessage gatherers = SpecTables.gatherersMessage();
        FeaturesMessage both = new FeaturesMessage(SpecTables.FOC_PATH, foc.metadata(),
                List.of(foc.report().get(0), gatherers.report().get(0)));
        MappedRows rows = TableRows.fromFeatures(both);
        assertThat(rows.byTable()).containsOnlyKeys(ParquetTable.FAILING_OPERATOR_CONDITIONS, ParquetTable.GATHERERS_INFO);
        // The message's path and cluster, not the rows' own path column.
        assertThat(rows.rows(ParquetTable.GATHERERS_INFO)).allSatisfy(r -> assertThat(r.archivePath()).isEqualTo(SpecTables.FOC_PATH));
        assertThat(rows.byPartition()).containsOnlyKeys(
                new TablePartition(ParquetTable.FAILING_OPERATOR_CONDITIONS, Instant.parse("2021-04-28T07:00:00Z")),
                new TablePartition(ParquetTable.GATHERERS_INFO, Instant.parse("2021-04-28T07:00:00Z")));
    }

    @Test
    void networkSizeIsTheMaskWithTwoDigitsAtLeast() {
        assertThat(ClusterInfoRows.networkSize("172.30.0.0/16")).isEqualTo("/16");
        assertThat(ClusterInfoRows.networkSize("172.30.0.0/4")).isEqualTo("/04");
        assertThat(ClusterInfoRows.networkSize("fd02::/112")).isEqualTo("/112");
    }
}

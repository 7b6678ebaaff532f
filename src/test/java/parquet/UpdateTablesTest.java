package parquet;

import features.ClusterVersionUpdatesExtractor;
import model.FeaturesMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static parquet.Messages.feature;
import static parquet.Messages.features;
import static parquet.Messages.path;
import static parquet.Messages.row;
import static parquet.Messages.ts;
import static parquet.Messages.values;

/** {@code available_updates}, {@code conditional_update_conditions}, {@code conditional_update_risks}. */
class UpdateTablesTest {

    static final String CLUSTER = "2f22800c-52fb-459e-9ba8-2bfd0602ee97";
    static final String PATH = path(CLUSTER, "20220422101500");
    static final String RECOMMENDED = "The update is recommended, because none of the conditional update risks apply to this cluster.";

    static FeaturesMessage updatesMessage() {
        return features(PATH, feature(new ClusterVersionUpdatesExtractor(), PATH,
                row("current_version", "4.8.12", "kind", "available", "release", "4.8.13", "risks", List.of()),
                row("current_version", "4.8.12", "kind", "available", "release", "4.9.0", "risks", List.of()),
                row("current_version", "4.8.12", "kind", "conditional", "release", "4.10.0-fc.4", "recommended", "True",
                        "reason", "AsExpected", "message", RECOMMENDED,
                        "risks", List.of("AlibabaStorageDriverDemo", "ARM64SecCompError524")),
                row("current_version", "4.8.12", "kind", "conditional", "release", "4.10.1", "recommended", "Unknown",
                        "risks", List.of("OVNNetworkPolicyLongName"))));
    }

    @Test
    void availableConditionalAndRiskRows() {
        long at = ts("2022-04-22 10:15:00");
        MappedRows rows = TableRows.fromFeatures(updatesMessage());

        assertThat(values(rows.rows(ParquetTable.AVAILABLE_UPDATES))).containsExactly(
                List.of(CLUSTER, "4.8.12", "4.8.13", at, PATH),
                List.of(CLUSTER, "4.8.12", "4.9.0", at, PATH));
        // The update without a Recommended condition still has its conditions row, reason "".
        assertThat(values(rows.rows(ParquetTable.CONDITIONAL_UPDATE_CONDITIONS))).containsExactly(
                List.of(CLUSTER, "4.8.12", "4.10.0-fc.4", "True", "AsExpected", RECOMMENDED, at, PATH),
                List.of(CLUSTER, "4.8.12", "4.10.1", "Unknown", "", "", at, PATH));
        assertThat(values(rows.rows(ParquetTable.CONDITIONAL_UPDATE_RISKS))).containsExactly(
                List.of(CLUSTER, "4.8.12", "4.10.0-fc.4", "AlibabaStorageDriverDemo", at, PATH),
                List.of(CLUSTER, "4.8.12", "4.10.0-fc.4", "ARM64SecCompError524", at, PATH),
                List.of(CLUSTER, "4.8.12", "4.10.1", "OVNNetworkPolicyLongName", at, PATH));
        assertThat(rows.rejected()).isEmpty();
    }

    @Test
    void oddVersionsAndRecommendationsAreWrittenAsTheyAre() {
        FeaturesMessage message = features(PATH, feature(new ClusterVersionUpdatesExtractor(), PATH,
                row("current_version", null, "kind", "available", "release", "4.8.13", "risks", List.of()),
                row("current_version", "v4.16", "kind", "conditional", "release", null, "recommended", "Maybe",
                        "risks", java.util.Arrays.asList("Risky", null))));
        MappedRows rows = TableRows.fromFeatures(message);
        long at = ts("2022-04-22 10:15:00");
        assertThat(rows.rejected()).isEmpty();
        assertThat(values(rows.rows(ParquetTable.AVAILABLE_UPDATES))).containsExactly(List.of(CLUSTER, "", "4.8.13", at, PATH));
        assertThat(values(rows.rows(ParquetTable.CONDITIONAL_UPDATE_CONDITIONS)))
                .containsExactly(List.of(CLUSTER, "v4.16", "", "Maybe", "", "", at, PATH));
        assertThat(values(rows.rows(ParquetTable.CONDITIONAL_UPDATE_RISKS))).containsExactly(
                List.of(CLUSTER, "v4.16", "", "Risky", at, PATH), List.of(CLUSTER, "v4.16", "", "", at, PATH));
    }

    @Test
    void anUnknownKindIsRejectedAndSaysWhy() {
        MappedRows rows = TableRows.fromFeatures(features(PATH, feature(new ClusterVersionUpdatesExtractor(), PATH,
                row("current_version", "4.8.12", "kind", "withdrawn", "release", "4.8.13", "risks", List.of()))));
        assertThat(rows.byTable()).isEmpty();
        assertThat(rows.rejected()).containsExactly(new RejectedRow(ParquetTable.AVAILABLE_UPDATES, PATH,
                "kind: neither available nor conditional", "kind: neither available nor conditional ('withdrawn')"));
    }
}

package parquet;

import features.AlertsExtractor;
import features.ClusterInfoExtractor;
import features.FailingOperatorConditionsExtractor;
import features.GatherersExtractor;
import features.WorkloadInfoImagesExtractor;
import features.WorkloadInfoNamespacesExtractor;
import model.FeaturesMessage;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thanos.ThanosRow;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static parquet.Messages.feature;
import static parquet.Messages.features;
import static parquet.Messages.path;
import static parquet.Messages.row;

/**
 * Values a real fleet sends that the 2021 validators did not know reach the Parquet file, table by
 * table (docs/parquet-values.md): texts as they are, absent texts as "", absent counts as 0. Only
 * a value its column cannot hold rejects a row, and the rejection says which column and why.
 */
class OddValuesTest {

    static final String PATH = path("735c7c4d-1234-438f-a494-225f664c72a4", "20210318113846");

    @TempDir
    Path dir;

    /** The rows of {@code table} as they read back from a Parquet file written by the factory's writer. */
    private List<GenericRecord> inFile(MappedRows rows, ParquetTable table) throws IOException {
        Path file = dir.resolve(table.tableName() + "-" + System.nanoTime() + ".parquet");
        List<GenericRecord> records = new ArrayList<>();
        rows.rows(table).forEach(r -> records.add(r.record()));
        new ParquetFileWriter().write(table, records.iterator(), file);
        return ParquetFiles.read(file);
    }

    private static List<Object> column(List<GenericRecord> records, String column) {
        return records.stream().map(r -> r.get(column) == null ? null : (Object) r.get(column).toString()).toList();
    }

    private static Map<String, Object> clusterInfo(Object... overrides) {
        Map<String, Object> row = row("platform", "AWS", "network_type", "OVNKubernetes", "network_mtu", 8901,
                "networks", row("service", List.of(row("cidr", "172.30.0.0/16")),
                        "cluster", List.of(row("cidr", "10.128.0.0/14", "host_prefix", 23))),
                "channel", "stable-4.14", "initial_version", "4.12.0", "current_version", "4.14.8",
                "desired_version", "4.14.8");
        row.putAll(row(overrides));
        return row;
    }

    private static MappedRows clusterInfoRows(Object... overrides) {
        return TableRows.fromFeatures(features(PATH, feature(new ClusterInfoExtractor(), PATH, clusterInfo(overrides))));
    }

    @Test
    void clusterInfoNewerPlatformsNoChannelNoMtuOddVersionsAllReachTheFile() throws IOException {
        for (String platform : List.of("Nutanix", "External", "IBMCloud", "PowerVS", "AlibabaCloud", "EquinixMetal")) {
            MappedRows rows = clusterInfoRows("platform", platform);
            assertThat(rows.rejected()).isEmpty();
            assertThat(column(inFile(rows, ParquetTable.CLUSTER_INFO), "platform")).containsExactly(platform, platform);
        }
        MappedRows rows = clusterInfoRows("channel", null, "network_mtu", null, "current_version", "4.14",
                "initial_version", null, "network_type", "", "platform", null);
        assertThat(rows.rejected()).isEmpty();
        List<GenericRecord> file = inFile(rows, ParquetTable.CLUSTER_INFO);
        assertThat(file).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("channel").toString()).isEmpty();
            assertThat(r.get("network_mtu")).isEqualTo(0);
            assertThat(r.get("cluster_version").toString()).isEqualTo("4.14");
            assertThat(r.get("initial_version").toString()).isEmpty();
            assertThat(r.get("platform").toString()).isEmpty();
        });
    }

    @Test
    void aClusterWithoutNetworksStillHasItsClusterInfoRow() throws IOException {
        for (Object networks : Arrays.asList(null, row("service", List.of(), "cluster", List.of()))) {
            MappedRows rows = clusterInfoRows("networks", networks);
            assertThat(rows.rejected()).isEmpty();
            List<GenericRecord> file = inFile(rows, ParquetTable.CLUSTER_INFO);
            assertThat(file).singleElement().satisfies(r -> {
                assertThat(r.get("network_kind").toString()).isEmpty();
                assertThat(r.get("network_size").toString()).isEmpty();
                assertThat(r.get("network_host_prefix")).isEqualTo(0);
                assertThat(r.get("platform").toString()).isEqualTo("AWS");
            });
        }
    }

    @Test
    void oddNetworkEntriesKeepTheirRowsOnlyAnImpossiblePrefixIsRejected() throws IOException {
        MappedRows rows = clusterInfoRows("networks", row(
                "service", List.of(row("cidr", "172.30.0.0/16"), row("cidr", "no-mask"), "fd02::/112"),
                "cluster", List.of(row("host_prefix", 23), row("cidr", "10.128.0.0/14"),
                        row("cidr", "10.132.0.0/14", "host_prefix", 300))));
        assertThat(column(inFile(rows, ParquetTable.CLUSTER_INFO), "network_size"))
                .containsExactly("/16", "no-mask", "/112", "", "/14");
        assertThat(rows.rejected()).containsExactly(new RejectedRow(ParquetTable.CLUSTER_INFO, PATH,
                "network_host_prefix: out of range", "network_host_prefix: out of range (300)"));
        assertThat(clusterInfoRows("network_mtu", -1).rejected()).extracting(RejectedRow::reason)
                .containsExactly("network_mtu: negative"); // the archive's rows share it: one rejection
    }

    @Test
    void ruleHitsAndArchives() throws IOException {
        // A rule id that is not module|KEY never gets here: the rules-results contract dead-letters it.
        MappedRows rows = TableRows.fromRules(Messages.rules(PATH, "pods_check|POD_ISSUE", "ccx_rules_ocp_x|NEWER_KEY_2026"));
        assertThat(rows.rejected()).isEmpty();
        assertThat(column(inFile(rows, ParquetTable.RULE_HITS), "rule_id"))
                .containsExactly("pods_check|POD_ISSUE", "ccx_rules_ocp_x|NEWER_KEY_2026");
        assertThat(column(inFile(rows, ParquetTable.ARCHIVES), "archive_path")).containsExactly(PATH);
    }

    @Test
    void operatorConditionsOfNewerTypesAndWithoutTextsReachTheFile() throws IOException {
        MappedRows rows = TableRows.fromFeatures(features(PATH, feature(new FailingOperatorConditionsExtractor(), PATH,
                row("operator", "dns", "type", "EvaluationConditionsDetected", "status", true,
                        "last_transition_time", "2021-03-18T10:00:00"),
                row("operator", null, "type", null, "status", false, "last_transition_time", "2021-03-18T10:00:00",
                        "reason", null, "message", null),
                row("operator", "dns", "type", "Degraded", "status", null, "last_transition_time", "2021-03-18T10:00:00"))));
        List<GenericRecord> file = inFile(rows, ParquetTable.FAILING_OPERATOR_CONDITIONS);
        assertThat(column(file, "condition_type")).containsExactly("EvaluationConditionsDetected", "");
        assertThat(column(file, "operator")).containsExactly("dns", "");
        assertThat(column(file, "raw_message")).containsExactly("", "");
        // A boolean has no empty value: that row is counted, not written. (A transition time that is
        // absent or not a time never gets here: the features contract dead-letters it, §15.13.)
        assertThat(rows.rejected()).extracting(RejectedRow::reason).containsExactly("condition_status: missing");
    }

    @Test
    void alertsInAnyStateAndWithoutANameReachTheFile() throws IOException {
        MappedRows rows = TableRows.fromFeatures(features(PATH, feature(new AlertsExtractor(), PATH,
                row("name", "Watchdog", "state", "inactive", "severity", "page", "labels", Map.of(), "value", 1.0,
                        "last_transition_time", "2021-03-18T10:00:00"),
                row("name", null, "state", null, "severity", null, "labels", null, "value", 1.0,
                        "last_transition_time", "2021-03-18T10:00:00"))));
        assertThat(rows.rejected()).isEmpty();
        List<GenericRecord> file = inFile(rows, ParquetTable.ALERTS);
        assertThat(column(file, "state")).containsExactly("inactive", "");
        assertThat(column(file, "name")).containsExactly("Watchdog", "");
        assertThat(column(file, "labels")).containsExactly("{}", "{}");
    }

    @Test
    void gatherersWithoutANameOrDurationReachTheFile() throws IOException {
        MappedRows rows = TableRows.fromFeatures(features(PATH, feature(new GatherersExtractor(), PATH,
                row("name", "clusterconfig/pdbs", "duration_in_ms", null),
                row("name", null, "duration_in_ms", 3),
                row("name", "clusterconfig/nodes", "duration_in_ms", 2.5),
                row("name", "clusterconfig/olm", "duration_in_ms", -4))));
        List<GenericRecord> file = inFile(rows, ParquetTable.GATHERERS_INFO);
        assertThat(column(file, "name")).containsExactly("clusterconfig/pdbs", "");
        assertThat(column(file, "duration_in_ms")).containsExactly("0", "3");
        assertThat(rows.rejected()).extracting(RejectedRow::reason)
                .containsExactly("duration_in_ms: not an integer", "duration_in_ms: negative");
    }

    @Test
    void workloadRowsWithoutNamesImagesOrCountsReachTheFile() throws IOException {
        MappedRows rows = TableRows.fromFeatures(features(PATH,
                feature(new WorkloadInfoNamespacesExtractor(), PATH,
                        row("namespace", null, "shapes", List.of(
                                row("restartAlways", true, "containers", List.of(row("imageID", null)),
                                        "initContainers", List.of()),
                                row("shapeInstances", 2, "containers", List.of(row("imageID", "sha256:aa"))))),
                        row("namespace", "ns", "shapes", List.of(row("shapeInstances", -1, "restartAlways", true,
                                "containers", List.of(row("imageID", "sha256:bb")))))),
                feature(new WorkloadInfoImagesExtractor(), PATH,
                        row("image_id", null, "layers", Arrays.asList("sha256:l0", null)))));
        List<GenericRecord> containers = inFile(rows, ParquetTable.WORKLOAD_CONTAINERS);
        assertThat(column(containers, "namespace")).containsExactly("");
        assertThat(column(containers, "image_id")).containsExactly("");
        assertThat(column(containers, "shape_instances")).containsExactly("0");
        List<GenericRecord> layers = inFile(rows, ParquetTable.WORKLOAD_IMAGE_LAYERS);
        assertThat(column(layers, "layer_image_id")).containsExactly("sha256:l0", "");
        assertThat(column(layers, "image_id")).containsExactly("", "");
        assertThat(rows.rejected()).extracting(RejectedRow::reason)
                .containsExactly("restart_always: missing", "shape_instances: negative");
    }

    @Test
    void thanosRowsWithNewerSupportLevelsAndOddDomainsReachTheFile() throws IOException {
        Instant at = Instant.parse("2021-03-18T07:59:00Z");
        MappedRows rows = TableRows.fromThanos(List.of(
                new ThanosRow("12345678-ec5b-4552-9e2d-76c7bc4dee8f", "1234567", "travelersinsurance", false, "L1-Premium", at),
                new ThanosRow("12345678-ec5b-4552-9e2d-76c7bc4dee8f", null, null, true, null, at),
                new ThanosRow("not-a-uuid", "1", "a.com", true, "None", at)));
        List<GenericRecord> file = inFile(rows, ParquetTable.CLUSTER_THANOS_INFO);
        assertThat(column(file, "support")).containsExactly("L1-Premium", "");
        assertThat(column(file, "email_domain")).containsExactly("travelersinsurance", "");
        assertThat(column(file, "ebs_account")).containsExactly("1234567", "");
        assertThat(rows.rejected()).extracting(RejectedRow::reason).containsExactly("cluster_id: not a UUID");
    }
}

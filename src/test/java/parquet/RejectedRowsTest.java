package parquet;

import features.AlertsExtractor;
import features.ClusterInfoExtractor;
import features.FailingOperatorConditionsExtractor;
import features.GatherersExtractor;
import model.FeaturesMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static parquet.Messages.feature;
import static parquet.Messages.features;
import static parquet.Messages.path;
import static parquet.Messages.row;

/** Rows that would fail their table's validator check are reported, not written. */
class RejectedRowsTest {

    static final String PATH = path("735c7c4d-1234-438f-a494-225f664c72a4", "20210318113846");

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
    void aGoodClusterInfoHasOneRowPerNetworkServiceFirst() {
        MappedRows rows = clusterInfoRows();
        assertThat(rows.rows(ParquetTable.CLUSTER_INFO)).extracting(
                r -> r.record().get("network_kind") + " " + r.record().get("network_size") + " " + r.record().get("network_host_prefix"))
                .containsExactly("service /16 0", "cluster /14 23");
        assertThat(rows.rejected()).isEmpty();
    }

    @Test
    void aPlatformOutsideTheSpecListRejectsTheArchivesClusterInfo() {
        MappedRows rows = clusterInfoRows("platform", "Nutanix");
        assertThat(rows.byTable()).isEmpty();
        assertThat(rows.rejected()).containsExactly(new RejectedRow(ParquetTable.CLUSTER_INFO, PATH,
                "platform: 'Nutanix' is not one of [VSphere, BareMetal, OpenStack, Azure, AWS, None, Libvirt, oVirt, GCP, KubeVirt]"));
    }

    @Test
    void versionsMustBeNDotNDotN() {
        assertThat(clusterInfoRows("initial_version", null).rejected()).extracting(RejectedRow::reason)
                .containsExactly("initial_version: missing");
        assertThat(clusterInfoRows("current_version", "4.14").rejected()).extracting(RejectedRow::reason)
                .containsExactly("cluster_version: '4.14' is not a version N.N.N...");
        assertThat(clusterInfoRows("desired_version", "4.15.0-ec.2").rejected()).isEmpty();
    }

    @Test
    void sharedColumnsAreCheckedOnceForAllNetworks() {
        assertThat(clusterInfoRows("network_mtu", null).rejected()).extracting(RejectedRow::reason)
                .containsExactly("network_mtu: missing");
        assertThat(clusterInfoRows("network_mtu", -1).rejected()).extracting(RejectedRow::reason)
                .containsExactly("network_mtu: -1 is out of range 0..2147483647");
        assertThat(clusterInfoRows("channel", "").rejected()).extracting(RejectedRow::reason)
                .containsExactly("channel: empty");
        assertThat(clusterInfoRows("network_type", null).byTable()).isEmpty();
    }

    @Test
    void anArchiveWithoutNetworksHasNoClusterInfoRowAndSaysSo() {
        assertThat(clusterInfoRows("networks", null).rejected()).extracting(RejectedRow::reason)
                .containsExactly("networks: missing");
        assertThat(clusterInfoRows("networks", row("service", List.of(), "cluster", List.of())).rejected())
                .extracting(RejectedRow::reason).containsExactly("networks: no service or cluster network");
    }

    @Test
    void aBadNetworkEntryIsSkippedAlone() {
        MappedRows rows = clusterInfoRows("networks", row(
                "service", List.of(row("cidr", "172.30.0.0/16"), row("cidr", "no-mask")),
                "cluster", List.of(row("cidr", "10.128.0.0/14"), row("cidr", "10.132.0.0/14", "host_prefix", 300))));
        assertThat(rows.count(ParquetTable.CLUSTER_INFO)).isEqualTo(1);
        assertThat(rows.rejected()).extracting(RejectedRow::reason).containsExactly(
                "network_size: 'no-mask' is not a CIDR", "network_host_prefix: missing",
                "network_host_prefix: 300 is out of range 0..255");
    }

    @Test
    void operatorConditionsAlertsAndGatherers() {
        FeaturesMessage message = features(PATH,
                feature(new FailingOperatorConditionsExtractor(), PATH,
                        row("operator", "dns", "type", "Ready", "status", true, "last_transition_time", "2021-03-18T10:00:00"),
                        row("operator", "dns", "type", "Degraded", "status", true, "last_transition_time", "2021-03-18T10:00:00",
                                "reason", null, "message", null)),
                feature(new AlertsExtractor(), PATH,
                        row("name", "Watchdog", "state", "", "severity", "none", "labels", Map.of(), "value", 1.0,
                                "last_transition_time", "2021-03-18T10:00:00"),
                        row("name", "KubePodCrashLooping", "state", "pending", "severity", null, "labels", null, "value", 1.0,
                                "last_transition_time", "2021-03-18T10:00:00")),
                feature(new GatherersExtractor(), PATH,
                        row("name", "clusterconfig/pdbs", "duration_in_ms", null),
                        row("name", "", "duration_in_ms", 3)));

        MappedRows rows = TableRows.fromFeatures(message);

        assertThat(rows.rejected()).extracting(r -> r.table() + ": " + r.reason()).containsExactly(
                "failing_operator_conditions: condition_type: 'Ready' is not one of [Available, Degraded, Progressing, Upgradeable, Failing]",
                "alerts: state: '' is not one of [pending, firing]",
                "gatherers_info: duration_in_ms: missing",
                "gatherers_info: name: empty");
        // Absent free texts are written as "", absent labels as {}.
        assertThat(rows.rows(ParquetTable.FAILING_OPERATOR_CONDITIONS)).singleElement().satisfies(r -> {
            assertThat(r.record().get("reason")).isEqualTo("");
            assertThat(r.record().get("raw_message")).isEqualTo("");
        });
        assertThat(rows.rows(ParquetTable.ALERTS)).singleElement().satisfies(r -> {
            assertThat(r.record().get("severity")).isEqualTo("");
            assertThat(r.record().get("labels")).isEqualTo("{}");
            assertThat(r.record().get("namespace")).isEqualTo("");
        });
    }

    @Test
    void aValueOfTheWrongJsonTypeRejectsItsRow() {
        FeaturesMessage message = features(PATH, feature(new GatherersExtractor(), PATH,
                row("name", "clusterconfig/pdbs", "duration_in_ms", 2.5)));
        assertThat(TableRows.fromFeatures(message).rejected()).extracting(RejectedRow::reason)
                .containsExactly("duration_in_ms: not an integer: 2.5");
    }
}

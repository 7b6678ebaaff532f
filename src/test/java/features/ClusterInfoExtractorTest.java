package features;

import static features.FeatureFixtures.ANALYSIS_TIME;
import static features.FeatureFixtures.CEPH_PATH;
import static features.FeatureFixtures.CLUSTER_ID;
import static features.FeatureFixtures.editSample;
import static features.FeatureFixtures.rows;
import static features.FeatureFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import model.Json;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class ClusterInfoExtractorTest {

    private final ClusterInfoExtractor extractor = new ClusterInfoExtractor();

    /** The sample's row, read by hand from config/version.json, infrastructure.json and network.json. */
    static Map<String, Object> sampleRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cluster_id", CLUSTER_ID);
        row.put("platform", "None");
        row.put("network_type", "OpenShiftSDN");
        row.put("network_mtu", 1450L);
        row.put("networks", Map.of(
                "service", List.of(Map.of("cidr", "172.30.0.0/16")),
                "cluster", List.of(Map.of("cidr", "10.128.0.0/14", "host_prefix", 23L))));
        row.put("channel", "stable-4.7");
        row.put("initial_version", "4.7.16");
        row.put("current_version", "4.7.16");
        row.put("desired_version", "4.7.16");
        row.put("installed_at", "2021-07-07T11:42:56"); // completionTime of the only (install) entry
        row.put("failing_since", null);                 // Failing=False
        row.put("upgrading_since", null);               // no upgrade in the history
        row.put("last_y_upgrade_at", null);
        row.put("last_z_upgrade_at", null);
        row.put("analysis_time", ANALYSIS_TIME);
        row.put("path", CEPH_PATH);
        return row;
    }

    @Test
    void sampleArchiveGivesOneRowWithTheHandReadValues() {
        assertThat(rows(extractor, sample())).containsExactly(sampleRow());
    }

    @Test
    void schemaIsTheDocumentedOne() {
        assertThat(extractor.fields().schema().fields()).extracting(f -> f.name() + ":" + f.type()).containsExactly(
                "cluster_id:String", "platform:String", "network_type:String", "network_mtu:Integer",
                "networks:Object", "channel:String", "initial_version:String", "current_version:String",
                "desired_version:String", "installed_at:DateTime", "failing_since:DateTime",
                "upgrading_since:DateTime", "last_y_upgrade_at:DateTime", "last_z_upgrade_at:DateTime",
                "analysis_time:DateTime", "path:String");
        assertThat(extractor.featureId()).isEqualTo("cluster_info");
    }

    @Test
    void networksSerializeToTheDocumentedJson() throws Exception {
        Object networks = rows(extractor, sample()).get(0).get("networks");
        assertThat(Json.mapper().writeValueAsString(networks)).isEqualTo(
                "{\"service\":[{\"cidr\":\"172.30.0.0/16\"}],\"cluster\":[{\"cidr\":\"10.128.0.0/14\",\"host_prefix\":23}]}");
    }

    @Test
    void upgradeHistoryGivesVersionsAndUpgradeTimes() {
        byte[] archive = editSample().editObject("config/version.json", version -> {
            ObjectNode status = (ObjectNode) version.get("status");
            ((ObjectNode) status.get("desired")).put("version", "4.9.0");
            ArrayNode history = status.putArray("history");
            history.addObject().put("state", "Partial").put("version", "4.9.0")
                    .put("startedTime", "2021-10-01T10:00:00Z").putNull("completionTime");
            history.addObject().put("state", "Completed").put("version", "4.8.2")
                    .put("startedTime", "2021-09-01T08:00:00Z").put("completionTime", "2021-09-01T09:00:00Z");
            history.addObject().put("state", "Partial").put("version", "4.8.1-rc.0") // superseded, never completed
                    .put("startedTime", "2021-08-09T08:00:00Z").put("completionTime", "2021-08-09T08:05:00Z");
            history.addObject().put("state", "Completed").put("version", "4.8.1")
                    .put("startedTime", "2021-08-10T12:00:00Z").put("completionTime", "2021-08-10T12:30:00.5Z");
            history.addObject().put("state", "Completed").put("version", "4.7.16")
                    .put("startedTime", "2021-07-07T11:02:54Z").put("completionTime", "2021-07-07T11:42:56Z");
            for (var condition : status.get("conditions")) {
                if (condition.get("type").asText().equals("Failing")) {
                    ((ObjectNode) condition).put("status", "True")
                            .put("lastTransitionTime", "2021-10-01T11:00:00+02:00");
                }
            }
        }).bytes();

        Map<String, Object> row = rows(extractor, archive).get(0);

        assertThat(row).containsEntry("initial_version", "4.7.16")
                .containsEntry("current_version", "4.8.2")
                .containsEntry("desired_version", "4.9.0")
                .containsEntry("installed_at", "2021-07-07T11:42:56")
                .containsEntry("upgrading_since", "2021-10-01T10:00:00")
                .containsEntry("last_y_upgrade_at", "2021-08-10T12:30:00") // 4.7.16 -> 4.8.1, fraction cut
                .containsEntry("last_z_upgrade_at", "2021-09-01T09:00:00") // 4.8.1 -> 4.8.2
                .containsEntry("failing_since", "2021-10-01T09:00:00");    // +02:00 turned to UTC
    }

    @Test
    void installStillRunningHasNoCurrentCompletedVersionAndIsNotAnUpgrade() {
        byte[] archive = editSample().editObject("config/version.json", version -> {
            ObjectNode status = (ObjectNode) version.get("status");
            ArrayNode history = status.putArray("history");
            history.addObject().put("state", "Partial").put("version", "4.7.16")
                    .put("startedTime", "2021-07-07T11:02:54Z").putNull("completionTime");
        }).bytes();

        Map<String, Object> row = rows(extractor, archive).get(0);

        assertThat(row).containsEntry("current_version", "4.7.16") // falls back to desired
                .containsEntry("installed_at", "2021-07-07T11:02:54")   // started, never completed
                .containsEntry("upgrading_since", null);
    }

    @Test
    void emptyHistoryAndMissingChannelGiveNulls() {
        byte[] archive = editSample().editObject("config/version.json", version -> {
            ((ObjectNode) version.get("spec")).remove("channel");
            ((ObjectNode) version.get("status")).putArray("history");
        }).bytes();

        Map<String, Object> row = rows(extractor, archive).get(0);

        assertThat(row).containsEntry("channel", null).containsEntry("initial_version", null)
                .containsEntry("installed_at", null).containsEntry("current_version", "4.7.16");
    }

    @Test
    void missingNetworkFileLeavesItsColumnsNull() {
        Map<String, Object> expected = sampleRow();
        expected.put("network_type", null);
        expected.put("network_mtu", null);
        expected.put("networks", null);

        assertThat(rows(extractor, editSample().remove("config/network.json").bytes())).containsExactly(expected);
    }

    @Test
    void missingVersionFileLeavesVersionColumnsNull() {
        Map<String, Object> row = rows(extractor, editSample().remove("config/version.json").bytes()).get(0);

        assertThat(row).containsEntry("platform", "None").containsEntry("current_version", null)
                .containsEntry("channel", null).containsEntry("installed_at", null);
    }

    @Test
    void noSourceFileAtAllGivesNoRow() {
        byte[] archive = editSample().remove("config/version.json").remove("config/infrastructure.json")
                .remove("config/network.json").bytes();

        assertThat(rows(extractor, archive)).isEmpty();
    }

    @Test
    void directoryLayoutIsReadLikeTheSingleFile() {
        ArchiveEdit edit = editSample();
        for (String name : List.of("version", "infrastructure", "network")) {
            byte[] content = edit.get("config/" + name + ".json");
            edit.remove("config/" + name + ".json").put("config/" + name + "/cluster.json", content);
        }

        assertThat(rows(extractor, edit.bytes())).containsExactly(sampleRow());
    }

    @Test
    void networkListsFallBackToStatusAndOddEntriesAreHandled() {
        byte[] archive = editSample().editObject("config/network.json", network -> {
            ObjectNode spec = (ObjectNode) network.get("spec");
            spec.remove("serviceNetwork");
            spec.remove("clusterNetwork");
            ObjectNode status = (ObjectNode) network.get("status");
            status.putArray("serviceNetwork").add("172.30.0.0/16").add("fd02::/112");
            ArrayNode cluster = status.putArray("clusterNetwork");
            cluster.addObject().put("cidr", "10.128.0.0/14").put("hostPrefix", 23);
            cluster.addObject().put("cidr", "fd01::/48");   // no hostPrefix
            cluster.addObject().put("hostPrefix", 24);       // no CIDR: kept, without one
            status.put("clusterNetworkMTU", "1450");         // text, not an integer
        }).bytes();

        Map<String, Object> row = rows(extractor, archive).get(0);

        assertThat(row.get("networks")).isEqualTo(Map.of(
                "service", List.of(Map.of("cidr", "172.30.0.0/16"), Map.of("cidr", "fd02::/112")),
                "cluster", List.of(Map.of("cidr", "10.128.0.0/14", "host_prefix", 23L), Map.of("cidr", "fd01::/48"),
                        Map.of("host_prefix", 24L))));
        assertThat(row).containsEntry("network_mtu", null);
    }

    @Test
    void emptyNetworkListsGiveEmptyArrays() {
        byte[] archive = editSample().editObject("config/network.json", network -> {
            ((ObjectNode) network.get("spec")).putArray("serviceNetwork");
            ((ObjectNode) network.get("spec")).putArray("clusterNetwork");
            ((ObjectNode) network.get("status")).putArray("serviceNetwork");
            ((ObjectNode) network.get("status")).remove("clusterNetwork");
        }).bytes();

        assertThat(rows(extractor, archive).get(0).get("networks"))
                .isEqualTo(Map.of("service", List.of(), "cluster", List.of()));
    }

    @Test
    void platformFallsBackToStatusPlatform() {
        byte[] archive = editSample().editObject("config/infrastructure.json", infra -> {
            ((ObjectNode) infra.get("status")).remove("platformStatus");
            ((ObjectNode) infra.get("status")).put("platform", "AWS");
        }).bytes();

        assertThat(rows(extractor, archive).get(0)).containsEntry("platform", "AWS");
    }
}

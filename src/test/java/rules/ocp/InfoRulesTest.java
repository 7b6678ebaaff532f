package rules.ocp;

import archive.SampleArchive;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static rules.ocp.RuleTesting.run;

class InfoRulesTest {

    @Test
    void summarisesTheVersionAndUpgradePath() {
        RuleTesting.Outcome outcome = run(new ClusterVersionInfoRule(), SampleArchive.load());

        assertThat(outcome.info().key()).isEqualTo("CLUSTER_VERSION_INFO");
        assertThat(outcome.info().infoId()).isEqualTo("cluster_version_info|CLUSTER_VERSION_INFO");
        JsonNode details = outcome.infoJson();
        assertThat(details.path("type").asText()).isEqualTo("info");
        assertThat(details.path("info_key").asText()).isEqualTo("CLUSTER_VERSION_INFO");
        assertThat(details.path("current").asText()).isEqualTo("4.7.16");
        assertThat(details.path("channel").asText()).isEqualTo("stable-4.7");
        assertThat(details.path("cluster_id").asText()).isEqualTo("84ef291d-8f1b-4d28-ab34-cfddff941b84");
        assertThat(details.path("update_time").asText()).isEqualTo("2021-07-07T11:42:56Z");
        assertThat(details.path("available_updates").toString()).isEqualTo("[\"4.7.18\"]");
        assertThat(details.path("upgradeable").asText()).isEqualTo("False");
    }

    @Test
    void sortsOfferedUpdatesNumerically() {
        SampleArchive archive = SampleArchive.load().editJson("config/version.json", cv -> {
            ArrayNode updates = ((ObjectNode) cv.path("status")).putArray("availableUpdates");
            for (String version : new String[]{"4.7.18", "4.7.9", "4.8.2"}) {
                updates.addObject().put("version", version);
            }
        });

        assertThat(run(new ClusterVersionInfoRule(), archive).infoJson().path("available_updates").toString())
                .isEqualTo("[\"4.7.9\",\"4.7.18\",\"4.8.2\"]");
    }

    @Test
    void summarisesTheClusterSize() {
        RuleTesting.Outcome outcome = run(new ClusterSizeInfoRule(), SampleArchive.load());

        JsonNode details = outcome.infoJson();
        assertThat(details.path("node_count").asInt()).isEqualTo(2);
        assertThat(details.path("control_plane_nodes").asInt()).isEqualTo(1);
        assertThat(details.path("total_cpu").asDouble()).isEqualTo(12.0);
        assertThat(details.path("total_memory_bytes").asLong()).isEqualTo((16409932L + 8153256L) * 1024);
        assertThat(details.path("platform").asText()).isEqualTo("None");
        assertThat(details.at("/nodes/0/kubelet_version").asText()).isEqualTo("v1.20.0+2817867");
    }

    @Test
    void countsAddedNodes() {
        SampleArchive sample = SampleArchive.load();
        String worker = "config/node/worker-0.imeixner20210707.lab.upshift.rdu2.redhat.com.json";
        ObjectNode another = (ObjectNode) sample.json(worker);
        ((ObjectNode) another.path("metadata")).put("name", "worker-1");

        JsonNode details = run(new ClusterSizeInfoRule(), sample.with("config/node/worker-1.json", another)).infoJson();

        assertThat(details.path("node_count").asInt()).isEqualTo(3);
        assertThat(details.path("total_cpu").asDouble()).isEqualTo(16.0);
    }

    @Test
    void skipsWithoutNodes() {
        assertThat(run(new ClusterSizeInfoRule(), SampleArchive.load().without("config/node/**")).skip().reason())
                .isEqualTo("MISSING_REQUIREMENTS");
    }
}

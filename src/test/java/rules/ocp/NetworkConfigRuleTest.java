package rules.ocp;

import archive.SampleArchive;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static rules.ocp.RuleTesting.run;

class NetworkConfigRuleTest {

    private static final String NETWORK = "config/network.json";
    private final NetworkConfigRule rule = new NetworkConfigRule();

    @Test
    void passesOnTheSample() {
        assertThat(run(rule, SampleArchive.load()).passed()).isTrue();
    }

    @Test
    void hitsWhenTheServiceNetworkOverlapsTheClusterNetwork() {
        SampleArchive archive = SampleArchive.load().editJson(NETWORK, network -> {
            for (String part : new String[]{"spec", "status"}) {
                ArrayNode services = ((ObjectNode) network.path(part)).putArray("serviceNetwork");
                services.add("10.130.0.0/16");
            }
        });

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.hitKeys()).containsExactly("NETWORK_RANGES_OVERLAP");
        assertThat(outcome.json("NETWORK_RANGES_OVERLAP").at("/overlaps/0/range").asText()).isEqualTo("10.128.0.0/14");
        assertThat(outcome.json("NETWORK_RANGES_OVERLAP").at("/overlaps/0/overlaps").asText()).isEqualTo("10.130.0.0/16");
    }

    @Test
    void hitsWhenANodeAddressIsInsideTheClusterNetwork() {
        SampleArchive archive = SampleArchive.load().editJson(NETWORK, network -> {
            for (String part : new String[]{"spec", "status"}) {
                ((ObjectNode) network.path(part).path("clusterNetwork").get(0)).put("cidr", "10.0.0.0/14");
            }
        });

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.hitKeys()).containsExactly("NETWORK_RANGES_OVERLAP");
        assertThat(outcome.json("NETWORK_RANGES_OVERLAP").path("overlaps").findValuesAsText("overlaps"))
                .containsExactlyInAnyOrder("10.0.89.93", "10.0.88.27");
    }

    @Test
    void hitsOnAHostPrefixTooSmallForTheNodesPods() {
        SampleArchive archive = hostPrefix(25); // 126 pod addresses per node, nodes allow 250 pods

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.hitKeys()).containsExactly("HOST_PREFIX_TOO_SMALL");
        assertThat(outcome.details("HOST_PREFIX_TOO_SMALL").toString()).contains("pod_addresses_per_node=126", "max_pods_per_node=250");
    }

    @Test
    void hitsWhenTheClusterNetworkHasNoRoomForAnotherNode() {
        SampleArchive archive = hostPrefix(15); // /14 split in /15: two node subnets, both taken

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.hitKeys()).containsExactly("CLUSTER_NETWORK_NODE_LIMIT");
        assertThat(outcome.details("CLUSTER_NETWORK_NODE_LIMIT").toString()).contains("node_subnets=2", "nodes=2");
    }

    @Test
    void skipsWithoutTheNetworkConfig() {
        assertThat(run(rule, SampleArchive.load().without(NETWORK)).skip().details())
                .isEqualTo("All: [] Any: ['config/network.json', 'config/network/*.json']");
    }

    private static SampleArchive hostPrefix(int prefix) {
        return SampleArchive.load().editJson(NETWORK, network -> {
            for (String part : new String[]{"spec", "status"}) {
                ((ObjectNode) network.path(part).path("clusterNetwork").get(0)).put("hostPrefix", prefix);
            }
        });
    }
}

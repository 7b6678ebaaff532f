package rules.ocp;

import archive.SampleArchive;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static rules.ocp.RuleTesting.condition;
import static rules.ocp.RuleTesting.run;

class MachineConfigPoolsRuleTest {

    private static final String WORKER = "config/machineconfigpools/worker.json";
    private final MachineConfigPoolsRule rule = new MachineConfigPoolsRule();

    @Test
    void passesOnTheSample() {
        assertThat(run(rule, SampleArchive.load()).passed()).isTrue();
    }

    @Test
    void hitsOnADegradedPool() {
        SampleArchive archive = SampleArchive.load().editJson(WORKER, pool -> {
            condition(pool, "NodeDegraded", "True", "1 nodes are reporting degraded status on sync",
                    "Node worker-0 is reporting: \"unexpected on-disk state validating against rendered-worker\"");
            ((ObjectNode) pool.path("status")).put("degradedMachineCount", 1);
        });

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.hitKeys()).containsExactly("MCP_DEGRADED");
        assertThat(outcome.json("MCP_DEGRADED").at("/pools/0/name").asText()).isEqualTo("worker");
        assertThat(outcome.json("MCP_DEGRADED").at("/pools/0/message").asText()).contains("unexpected on-disk state");
    }

    @Test
    void hitsOnAPausedPool() {
        SampleArchive archive = SampleArchive.load().editJson(WORKER, pool -> ((ObjectNode) pool.path("spec")).put("paused", true));

        assertThat(run(rule, archive).hitKeys()).containsExactly("MCP_PAUSED");
    }
}

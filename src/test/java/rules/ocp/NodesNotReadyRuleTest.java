package rules.ocp;

import archive.SampleArchive;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static rules.ocp.RuleTesting.condition;
import static rules.ocp.RuleTesting.run;

class NodesNotReadyRuleTest {

    private static final String WORKER = "config/node/worker-0.imeixner20210707.lab.upshift.rdu2.redhat.com.json";
    private static final String MASTER = "config/node/master-0.imeixner20210707.lab.upshift.rdu2.redhat.com.json";
    private final NodesNotReadyRule rule = new NodesNotReadyRule();

    @Test
    void passesOnTheSample() {
        assertThat(run(rule, SampleArchive.load()).passed()).isTrue();
    }

    @Test
    void hitsOnANodeThatStoppedReporting() {
        SampleArchive archive = SampleArchive.load().editJson(WORKER, node -> condition(node, "Ready", "Unknown",
                "NodeStatusUnknown", "Kubelet stopped posting node status."));

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.hitKeys()).containsExactly("NODE_NOT_READY");
        assertThat(outcome.json("NODE_NOT_READY").at("/nodes/0/name").asText())
                .isEqualTo("worker-0.imeixner20210707.lab.upshift.rdu2.redhat.com");
        assertThat(outcome.json("NODE_NOT_READY").at("/nodes/0/roles").asText()).isEqualTo("worker");
        assertThat(outcome.json("NODE_NOT_READY").at("/nodes/0/ready").asText()).isEqualTo("Unknown");
    }

    @Test
    void hitsOnNodesUnderPressure() {
        SampleArchive archive = SampleArchive.load()
                .editJson(MASTER, node -> condition(node, "DiskPressure", "True", "KubeletHasDiskPressure", null))
                .editJson(WORKER, node -> {
                    condition(node, "MemoryPressure", "True", "KubeletHasInsufficientMemory", null);
                    condition(node, "PIDPressure", "True", "KubeletHasInsufficientPID", null);
                });

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.hitKeys()).containsExactly("NODE_UNDER_PRESSURE");
        assertThat(outcome.json("NODE_UNDER_PRESSURE").at("/nodes/0/conditions").toString()).isEqualTo("[\"DiskPressure\"]");
        assertThat(outcome.json("NODE_UNDER_PRESSURE").at("/nodes/1/conditions").toString())
                .isEqualTo("[\"MemoryPressure\",\"PIDPressure\"]");
    }

    @Test
    void skipsWithoutNodes() {
        assertThat(run(rule, SampleArchive.load().without("config/node/*.json")).skip().details())
                .isEqualTo("All: ['config/node/*.json'] Any: ");
    }
}

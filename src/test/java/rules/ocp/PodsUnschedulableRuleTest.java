package rules.ocp;

import archive.SampleArchive;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static rules.ocp.RuleTesting.condition;
import static rules.ocp.RuleTesting.run;

class PodsUnschedulableRuleTest {

    private static final String ROUTER = "config/pod/openshift-ingress/router-default-7bbdcfcf9b-7xdln.json";
    private final PodsUnschedulableRule rule = new PodsUnschedulableRule();

    @Test
    void hitsOnTheSamplesPendingRouter() {
        RuleTesting.Outcome outcome = run(rule, SampleArchive.load());

        assertThat(outcome.hitKeys()).containsExactly("PODS_UNSCHEDULABLE");
        assertThat(outcome.json("PODS_UNSCHEDULABLE").at("/pods/0/pod").asText()).isEqualTo("router-default-7bbdcfcf9b-7xdln");
        assertThat(outcome.json("PODS_UNSCHEDULABLE").at("/pods/0/message").asText()).contains("didn't have free ports");
    }

    @Test
    void passesOnceTheRouterIsScheduled() {
        SampleArchive archive = SampleArchive.load().editJson(ROUTER, pod -> condition(pod, "PodScheduled", "True", null, null));

        assertThat(run(rule, archive).passed()).isTrue();
    }
}

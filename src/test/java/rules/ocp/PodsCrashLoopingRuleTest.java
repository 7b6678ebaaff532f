package rules.ocp;

import archive.SampleArchive;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static rules.ocp.RuleTesting.run;

class PodsCrashLoopingRuleTest {

    private static final String CONSOLE_OPERATOR = "config/pod/openshift-console-operator/console-operator-946dbb485-g67fq.json";
    private final PodsCrashLoopingRule rule = new PodsCrashLoopingRule();

    @Test
    void passesOnTheSampleDespiteRestartsFromANodeReboot() {
        assertThat(run(rule, SampleArchive.load()).passed()).isTrue();
    }

    @Test
    void hitsOnAContainerInCrashLoopBackOff() {
        SampleArchive archive = SampleArchive.load().editJson(CONSOLE_OPERATOR, pod -> {
            ObjectNode status = (ObjectNode) pod.path("status").path("containerStatuses").get(0);
            status.putObject("state").putObject("waiting").put("reason", "CrashLoopBackOff")
                    .put("message", "back-off 5m0s restarting failed container");
        });

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.hitKeys()).containsExactly("POD_CRASHLOOPING");
        assertThat(outcome.json("POD_CRASHLOOPING").at("/containers/0/namespace").asText()).isEqualTo("openshift-console-operator");
        assertThat(outcome.json("POD_CRASHLOOPING").at("/containers/0/container").asText()).isEqualTo("console-operator");
        assertThat(outcome.json("POD_CRASHLOOPING").at("/containers/0/restarts").asInt()).isEqualTo(14);
    }

    @Test
    void hitsOnAnOomKilledContainerInTheNewerLayout() {
        ObjectNode pod = (ObjectNode) SampleArchive.load().json(CONSOLE_OPERATOR);
        ((ObjectNode) pod.path("status").path("containerStatuses").get(0).path("lastState").path("terminated"))
                .put("reason", "OOMKilled").put("exitCode", 137);
        SampleArchive archive = SampleArchive.load().without("config/pod/**")
                .with("namespaces/openshift-console-operator/pods/console-operator-946dbb485-g67fq/console-operator-946dbb485-g67fq.json", pod);

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.hitKeys()).containsExactly("POD_OOM_KILLED");
        assertThat(outcome.json("POD_OOM_KILLED").at("/containers/0/pod").asText()).isEqualTo("console-operator-946dbb485-g67fq");
    }

    @Test
    void ignoresCrashLoopsOutsideOpenShiftNamespaces() {
        SampleArchive archive = SampleArchive.load().editJson("config/pod/di-288312/vsystem-867f4b77cc-pqcns.json", pod ->
                ((ObjectNode) pod.path("status").path("containerStatuses").get(0).path("state").path("waiting"))
                        .put("reason", "CrashLoopBackOff"));

        assertThat(run(rule, archive).passed()).isTrue();
    }

    @Test
    void skipsWithoutOpenShiftPods() {
        assertThat(run(rule, SampleArchive.load().without("config/pod/**").without("conditional/**")).skip().details())
                .isEqualTo("All: [] Any: ['config/pod/openshift-*/*.json', 'namespaces/openshift-*/pods/*/*.json', "
                        + "'conditional/namespaces/openshift-*/pods/*/*.json']");
    }
}

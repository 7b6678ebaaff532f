package rules.ocp;

import archive.SampleArchive;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static rules.ocp.RuleTesting.condition;
import static rules.ocp.RuleTesting.run;

class OperatorsDegradedRuleTest {

    private static final String INGRESS = "config/clusteroperator/ingress.json";
    private final OperatorsDegradedRule rule = new OperatorsDegradedRule();

    @Test
    void hitsOnTheSamplesDegradedIngressOperator() {
        RuleTesting.Outcome outcome = run(rule, SampleArchive.load());

        assertThat(outcome.hitKeys()).containsExactly("OPERATOR_DEGRADED");
        assertThat(outcome.hits().get(0).ruleId()).isEqualTo("operators_degraded|OPERATOR_DEGRADED");
        assertThat(outcome.hits().get(0).component()).isEqualTo("ccx_rules_ocp.external.rules.operators_degraded.report");
        assertThat(outcome.json("OPERATOR_DEGRADED").path("operators")).hasSize(1);
        assertThat(outcome.json("OPERATOR_DEGRADED").at("/operators/0/name").asText()).isEqualTo("ingress");
        assertThat(outcome.json("OPERATOR_DEGRADED").at("/operators/0/reason").asText()).isEqualTo("IngressControllersDegraded");
    }

    @Test
    void passesOnceIngressRecovers() {
        SampleArchive healthy = SampleArchive.load()
                .editJson(INGRESS, co -> condition(co, "Degraded", "False", "AsExpected", null));

        assertThat(run(rule, healthy).passed()).isTrue();
    }

    @Test
    void hitsOnAnUnavailableOperatorButNotOnADisabledOne() {
        SampleArchive archive = SampleArchive.load()
                .editJson(INGRESS, co -> condition(co, "Degraded", "False", "AsExpected", null))
                .editJson("config/clusteroperator/console.json",
                        co -> condition(co, "Available", "False", "Deployment_FailedUpdate", "console pods down"))
                .editJson("config/clusteroperator/baremetal.json",
                        co -> condition(co, "Available", "False", "UnsupportedPlatform", null));

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.hitKeys()).containsExactly("OPERATOR_UNAVAILABLE");
        assertThat(outcome.json("OPERATOR_UNAVAILABLE").findValuesAsText("name")).containsExactly("console");
        assertThat(outcome.json("OPERATOR_UNAVAILABLE").at("/operators/0/message").asText()).isEqualTo("console pods down");
    }

    @Test
    void skipsWithoutClusterOperators() {
        RuleTesting.Outcome outcome = run(rule, SampleArchive.load().without("config/clusteroperator/*.json"));

        assertThat(outcome.skip().reason()).isEqualTo("MISSING_REQUIREMENTS");
        assertThat(outcome.skip().details()).isEqualTo("All: ['config/clusteroperator/*.json'] Any: ");
    }
}

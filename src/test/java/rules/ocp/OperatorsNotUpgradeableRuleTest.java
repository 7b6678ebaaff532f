package rules.ocp;

import archive.SampleArchive;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static rules.ocp.RuleTesting.condition;
import static rules.ocp.RuleTesting.run;

class OperatorsNotUpgradeableRuleTest {

    private final OperatorsNotUpgradeableRule rule = new OperatorsNotUpgradeableRule();

    @Test
    void hitsOnTheSamplesUnsupportedConfigOverrides() {
        RuleTesting.Outcome outcome = run(rule, SampleArchive.load());

        assertThat(outcome.hitKeys()).containsExactly("UNSUPPORTED_CONFIG_OVERRIDES");
        assertThat(outcome.json("UNSUPPORTED_CONFIG_OVERRIDES").findValuesAsText("name"))
                .containsExactly("authentication", "etcd");
    }

    @Test
    void reportsOtherUpgradeBlockersApart() {
        SampleArchive archive = SampleArchive.load()
                .editJson("config/clusteroperator/authentication.json", co -> condition(co, "Upgradeable", "True", "AsExpected", null))
                .editJson("config/clusteroperator/etcd.json", co -> condition(co, "Upgradeable", "True", "AsExpected", null))
                .editJson("config/clusteroperator/storage.json", co -> condition(co, "Upgradeable", "False",
                        "VSphereProblemDetector_VSphereOlderVersionDetected", "vSphere 6.7 is too old"));

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.hitKeys()).containsExactly("OPERATOR_NOT_UPGRADEABLE");
        assertThat(outcome.json("OPERATOR_NOT_UPGRADEABLE").at("/operators/0/name").asText()).isEqualTo("storage");
    }

    @Test
    void passesWhenEveryOperatorIsUpgradeable() {
        SampleArchive archive = SampleArchive.load()
                .editJson("config/clusteroperator/authentication.json", co -> condition(co, "Upgradeable", "True", "AsExpected", null))
                .editJson("config/clusteroperator/etcd.json", co -> condition(co, "Upgradeable", "Unknown", "NoData", null));

        assertThat(run(rule, archive).passed()).isTrue();
    }
}

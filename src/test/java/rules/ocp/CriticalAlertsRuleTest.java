package rules.ocp;

import archive.SampleArchive;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static rules.ocp.RuleTesting.run;

class CriticalAlertsRuleTest {

    private static final String ALERTS = "config/alerts.json";
    private final CriticalAlertsRule rule = new CriticalAlertsRule();

    @Test
    void hitsOnTheSamplesFiringClusterVersionOperatorDown() {
        RuleTesting.Outcome outcome = run(rule, SampleArchive.load());

        assertThat(outcome.hitKeys()).containsExactly("CRITICAL_ALERTS_FIRING");
        JsonNode alerts = outcome.json("CRITICAL_ALERTS_FIRING").path("alerts");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.at("/0/name").asText()).isEqualTo("ClusterVersionOperatorDown");
        assertThat(alerts.at("/0/since").asText()).isEqualTo("2022-01-04T14:49:16.272Z");
    }

    @Test
    void passesWhenTheCriticalAlertIsSilenced() {
        SampleArchive archive = SampleArchive.load().with(ALERTS, silenced(SampleArchive.load().json(ALERTS)));

        assertThat(run(rule, archive).passed()).isTrue();
    }

    @Test
    void readsTheAlertsSeriesOfOlderArchives() {
        String metrics = new String(SampleArchive.load().files().get("config/metrics"), java.nio.charset.StandardCharsets.UTF_8)
                + "\n# TYPE ALERTS untyped\n" // the sample's file has no final newline
                + "ALERTS{alertname=\"KubeAPIErrorBudgetBurn\",alertstate=\"firing\",severity=\"critical\",long=\"1h\"} 1 1616000000000\n"
                + "ALERTS{alertname=\"KubeAPIErrorBudgetBurn\",alertstate=\"firing\",severity=\"critical\",long=\"6h\"} 1 1616000000000\n"
                + "ALERTS{alertname=\"etcdMembersDown\",alertstate=\"pending\",severity=\"critical\",namespace=\"openshift-etcd\"} 1 1616000000000\n"
                + "ALERTS{alertname=\"Watchdog\",alertstate=\"firing\",severity=\"none\"} 1 1616000000000\n";
        SampleArchive archive = SampleArchive.load().without(ALERTS).with("config/metrics", metrics);

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.json("CRITICAL_ALERTS_FIRING").findValuesAsText("name")).containsExactly("KubeAPIErrorBudgetBurn");
        assertThat(outcome.json("CRITICAL_ALERTS_FIRING").at("/alerts/0/count").asInt()).isEqualTo(2);
        assertThat(run(rule, SampleArchive.load().without(ALERTS)).passed()).as("sample metrics: no ALERTS").isTrue();
    }

    @Test
    void skipsWithNeitherAlertsNorMetrics() {
        assertThat(run(rule, SampleArchive.load().without(ALERTS).without("config/metrics")).skip().details())
                .isEqualTo("All: [] Any: ['config/alerts.json', 'config/metrics']");
    }

    private static JsonNode silenced(JsonNode alerts) {
        for (JsonNode alert : (ArrayNode) alerts) {
            if ("critical".equals(alert.at("/labels/severity").asText())) {
                ObjectNode status = (ObjectNode) alert.path("status");
                status.put("state", "suppressed");
                status.putArray("silencedBy").add("2c5a3bfc-d960-4529-bc7e-cc7ee68bf7b2");
            }
        }
        return alerts;
    }
}

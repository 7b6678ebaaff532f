package rules.ocp;

import archive.SampleArchive;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static rules.ocp.RuleTesting.condition;
import static rules.ocp.RuleTesting.run;

class ClusterVersionStatusRuleTest {

    private static final String VERSION = "config/version.json";
    private final ClusterVersionStatusRule rule = new ClusterVersionStatusRule();

    @Test
    void passesOnTheSample() {
        assertThat(run(rule, SampleArchive.load()).passed()).isTrue();
    }

    @Test
    void hitsWhenTheVersionOperatorIsFailing() {
        SampleArchive archive = SampleArchive.load().editJson(VERSION, cv -> condition(cv, "Failing", "True",
                "ClusterOperatorDegraded", "Cluster operator ingress is degraded"));

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.hitKeys()).containsExactly("CLUSTER_VERSION_FAILING");
        assertThat(outcome.details("CLUSTER_VERSION_FAILING"))
                .containsEntry("current", "4.7.16")
                .containsEntry("reason", "ClusterOperatorDegraded");
    }

    @Test
    void hitsOnAnUpdateProgressingForMoreThanEightHours() {
        RuleTesting.Outcome outcome = run(rule, updatingSince("2021-07-11T20:00:00Z")); // collected 2021-07-12 12:00

        assertThat(outcome.hitKeys()).containsExactly("UPDATE_STUCK_PROGRESSING");
        assertThat(outcome.details("UPDATE_STUCK_PROGRESSING"))
                .containsEntry("current", "4.7.16")
                .containsEntry("desired", "4.7.18")
                .containsEntry("hours_progressing", 16L);
    }

    @Test
    void passesOnAnUpdateThatStartedRecently() {
        assertThat(run(rule, updatingSince("2021-07-12T10:30:00Z")).passed()).isTrue();
    }

    @Test
    void skipsWithoutClusterVersion() {
        RuleTesting.Outcome outcome = run(rule, SampleArchive.load().without(VERSION));

        assertThat(outcome.skip().details()).isEqualTo("All: [] Any: ['config/version.json', 'config/version/*.json']");
    }

    /** An update to 4.7.18 in progress since {@code started}, in the directory layout of older archives. */
    private static SampleArchive updatingSince(String started) {
        SampleArchive sample = SampleArchive.load();
        ObjectNode cv = (ObjectNode) sample.json(VERSION);
        condition(cv, "Progressing", "True", null, "Working towards 4.7.18: 75% complete");
        ((ObjectNode) cv.path("status").path("desired")).put("version", "4.7.18");
        ObjectNode partial = ((ArrayNode) cv.path("status").path("history")).insertObject(0);
        partial.put("state", "Partial").put("version", "4.7.18").put("startedTime", started);
        return sample.without(VERSION).with("config/version/version.json", cv);
    }
}

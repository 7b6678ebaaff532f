package rules.ocp;

import archive.SampleArchive;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static rules.ocp.RuleTesting.cephPath;
import static rules.ocp.RuleTesting.run;

class VersionSupportRuleTest {

    private static final String VERSION = "config/version.json";
    private final VersionSupportRule rule = new VersionSupportRule();

    @Test
    void passesWhileTheSamplesVersionIsSupported() {
        RuleTesting.Outcome outcome = run(rule, SampleArchive.load()); // 4.7 collected in July 2021

        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.report().pass().get(0).key()).isEqualTo("OCP_VERSION_SUPPORT_PASS");
    }

    @Test
    void hitsOnceTheSamplesVersionIsPastEndOfLife() {
        RuleTesting.Outcome outcome = run(rule, SampleArchive.load(), cephPath("202209", "01")); // 4.7 ended 2022-08-24

        assertThat(outcome.hitKeys()).containsExactly("OCP_VERSION_END_OF_LIFE");
        assertThat(outcome.details("OCP_VERSION_END_OF_LIFE"))
                .containsEntry("current", "4.7.16")
                .containsEntry("support_ended", "2022-08-24")
                .containsEntry("link", VersionSupportRule.LIFECYCLE_LINK);
    }

    @Test
    void countsExtendedUpdateSupportOnlyOnAnEusChannel() {
        SampleArchive on412 = withVersion("4.12.30", "stable-4.12");
        SampleArchive on412Eus = withVersion("4.12.30", "eus-4.12");
        String october2024 = cephPath("202410", "01"); // after 4.12 maintenance, before its EUS end

        assertThat(run(rule, on412, october2024).hitKeys()).containsExactly("OCP_VERSION_END_OF_LIFE");
        assertThat(run(rule, on412Eus, october2024).passed()).isTrue();
    }

    @Test
    void hitsOnAChannelForAnOlderMinor() {
        RuleTesting.Outcome outcome = run(rule, withVersion("4.7.16", "stable-4.6"));

        assertThat(outcome.hitKeys()).containsExactly("UPDATE_CHANNEL_INVALID");
        assertThat((String) outcome.details("UPDATE_CHANNEL_INVALID").get("problem")).contains("older minor");
    }

    @Test
    void hitsWithoutAChannel() {
        SampleArchive archive = SampleArchive.load().editJson(VERSION, cv -> ((ObjectNode) cv.path("spec")).remove("channel"));

        assertThat((String) run(rule, archive).details("UPDATE_CHANNEL_INVALID").get("problem")).contains("no update channel");
    }

    @Test
    void hitsOnAChannelTheReleaseIsNotIn() {
        SampleArchive archive = SampleArchive.load().editJson(VERSION, cv -> ((ObjectNode) cv.path("spec")).put("channel", "fast-4.8"));

        assertThat((String) run(rule, archive).details("UPDATE_CHANNEL_INVALID").get("problem"))
                .contains("not in channel 'fast-4.8'");
    }

    @Test
    void theSupportTableIsOrderedAndConsistent() {
        LocalDate previousGa = LocalDate.MIN;
        for (VersionSupportRule.Lifecycle lifecycle : VersionSupportRule.LIFECYCLE) {
            assertThat(lifecycle.ga()).as(lifecycle.version().toString()).isAfter(previousGa);
            assertThat(lifecycle.maintenanceEnds()).isAfter(lifecycle.ga());
            if (lifecycle.eusEnds() != null) {
                assertThat(lifecycle.eusEnds()).isAfter(lifecycle.maintenanceEnds());
                assertThat(lifecycle.version().minor() % 2).as("EUS is for even minors").isZero();
            }
            previousGa = lifecycle.ga();
        }
    }

    private static SampleArchive withVersion(String version, String channel) {
        return SampleArchive.load().editJson(VERSION, cv -> {
            ((ObjectNode) cv.path("spec")).put("channel", channel);
            ObjectNode status = (ObjectNode) cv.path("status");
            ((ObjectNode) status.path("desired")).put("version", version).putArray("channels").add(channel);
            ((ObjectNode) ((ArrayNode) status.path("history")).get(0)).put("version", version);
        });
    }
}

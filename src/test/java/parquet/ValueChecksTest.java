package parquet;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The validator checks the mappers apply. */
class ValueChecksTest {

    /** contract §3.4 RULEID-BYTES as published. */
    static final Pattern PUBLISHED_RULE_ID = Pattern.compile("[A-Za-z0-9_]+([_][A-Za-z0-9_]+)+\\|[A-Z0-9_]+([_][A-Z0-9_]+)+");

    static boolean accepts(Runnable check) {
        try {
            check.run();
            return true;
        } catch (RejectedValueException e) {
            return false;
        }
    }

    @Test
    void ruleIdsAsVALIDATIONsExamplesSay() {
        for (String good : new String[] {"tutorial_rule|TUTORIAL_ERROR", "pods_check|POD_ISSUE",
                "nodes_requirements_check|NODES_MINIMUM_REQUIREMENTS_NOT_MET", "Foo_Bar|X_Y"}) {
            assertThat(ValueChecks.ruleId("rule_id", good)).isEqualTo(good);
        }
        for (String bad : new String[] {"foo|BAR_BAZ", "foo_bar|BAR", "_|A_B", "a_b|A_b", "a_b|A_B|C_D", ""}) {
            assertThatThrownBy(() -> ValueChecks.ruleId("rule_id", bad)).as(bad).isInstanceOf(RejectedValueException.class);
        }
    }

    @Test
    void theHandWrittenRuleIdCheckAcceptsExactlyWhatThePublishedPatternAccepts() {
        Random random = new Random(6);
        String alphabet = "aZ9__|B";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = text.toString();
            assertThat(accepts(() -> ValueChecks.ruleId("rule_id", candidate))).as(candidate)
                    .isEqualTo(PUBLISHED_RULE_ID.matcher(candidate).matches());
        }
    }

    @Test
    void uuidsCountsBooleansAndTimes() {
        assertThat(ValueChecks.uuid("u", "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE")).isEqualTo("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        for (String bad : new String[] {"{aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee}", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeee",
                "aaaaaaaabbbb-cccc-dddd-eeeeeeeeeeeee", "gaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeee-"}) {
            assertThat(accepts(() -> ValueChecks.uuid("u", bad))).as(bad).isFalse();
        }
        assertThat(ValueChecks.naiveTime("t", "2021-04-28T07:27:34")).isEqualTo(Messages.ts("2021-04-28 07:27:34"));
        assertThat(accepts(() -> ValueChecks.naiveTime("t", "yesterday"))).isFalse();
        assertThat(accepts(() -> ValueChecks.naiveTime("t", null))).isFalse();
        assertThat(accepts(() -> ValueChecks.bool("b", null))).isFalse();
        // An absent count is 0; one the unsigned column cannot hold is refused, with a short reason.
        assertThat(ValueChecks.unsignedInt("n", null)).isZero();
        assertThat(ValueChecks.uint8("n", 255L)).isEqualTo(255);
        assertThat(ValueChecks.unsignedLong("n", null)).isZero();
        assertThatThrownBy(() -> ValueChecks.uint8("network_host_prefix", 256L)).isInstanceOf(RejectedValueException.class)
                .hasMessage("network_host_prefix: out of range (256)")
                .extracting(e -> ((RejectedValueException) e).reason()).isEqualTo("network_host_prefix: out of range");
        assertThat(accepts(() -> ValueChecks.unsignedInt("n", -1L))).isFalse();
        assertThat(accepts(() -> ValueChecks.unsignedInt("n", 1L + Integer.MAX_VALUE))).isFalse();
        assertThat(accepts(() -> ValueChecks.unsignedLong("n", -1L))).isFalse();
    }

    @Test
    void textIsWrittenAsItIsAndAbsentTextIsEmpty() {
        assertThat(ValueChecks.text("Nutanix")).isEqualTo("Nutanix");
        assertThat(ValueChecks.text("v4.6.1")).isEqualTo("v4.6.1");
        assertThat(ValueChecks.text(null)).isEmpty();
    }
}

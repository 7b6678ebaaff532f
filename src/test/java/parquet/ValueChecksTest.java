package parquet;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The validator checks the mappers apply. */
class ValueChecksTest {

    /** VALIDATION §4.1 RULEID-BYTES as published. */
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
    void versionsUuidsDomainsAndAccounts() {
        assertThat(accepts(() -> ValueChecks.version("v", "4.6.0-0.ci.test-2020-12-01-123456-ci-xx-yyyyyyy"))).isTrue();
        assertThat(accepts(() -> ValueChecks.version("v", "4.10.0-fc.4"))).isTrue();
        assertThat(accepts(() -> ValueChecks.version("v", "v4.6.1"))).isFalse();
        assertThat(ValueChecks.uuid("u", "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE")).isEqualTo("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        for (String bad : new String[] {"{aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee}", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeee",
                "aaaaaaaabbbb-cccc-dddd-eeeeeeeeeeeee", "gaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeee-"}) {
            assertThat(accepts(() -> ValueChecks.uuid("u", bad))).as(bad).isFalse();
        }
        assertThat(accepts(() -> ValueChecks.domain("d", "us.ibm.com"))).isTrue();
        assertThat(accepts(() -> ValueChecks.domain("d", "-bad.com"))).isFalse();
        assertThat(accepts(() -> ValueChecks.positiveDigits("a", "0"))).isFalse();
        assertThat(accepts(() -> ValueChecks.positiveDigits("a", "123000"))).isTrue();
        assertThat(ValueChecks.naiveTime("t", "2021-04-28T07:27:34")).isEqualTo(Messages.ts("2021-04-28 07:27:34"));
        assertThat(accepts(() -> ValueChecks.naiveTime("t", "yesterday"))).isFalse();
    }
}

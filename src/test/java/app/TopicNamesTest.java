package app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicNamesTest {
    private final TopicNames names = new TopicNames("ccx-{env}-insights-operator-{channel}", "dev, qa,prod");

    @Test
    void oneTopicPerEnvironmentInOrder() {
        assertThat(names.topics(TopicNames.ARCHIVE_NEW)).containsExactly(
                "ccx-dev-insights-operator-archive-new",
                "ccx-qa-insights-operator-archive-new",
                "ccx-prod-insights-operator-archive-new");
        assertThat(names.topicsCsv(TopicNames.ARCHIVE_SYNCED)).isEqualTo(
                "ccx-dev-insights-operator-archive-synced,ccx-qa-insights-operator-archive-synced,ccx-prod-insights-operator-archive-synced");
    }

    @Test
    void environmentOfATopic() {
        assertThat(names.envOf("ccx-qa-insights-operator-archive-new")).isEqualTo("qa");
        assertThat(names.envOf("ccx-prod-insights-operator-archive-rules-results")).isEqualTo("prod");
        assertThatThrownBy(() -> names.envOf("platform.upload.buckit")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void patternAndEnvironmentsAreChecked() {
        assertThatThrownBy(() -> new TopicNames("ccx-{env}-archive-new", "dev")).hasMessageContaining("{channel}");
        assertThatThrownBy(() -> new TopicNames("ccx-{env}-{channel}", " , ")).hasMessageContaining("ccx.envs");
    }

    @Test
    void the2024ShapeHasItsOwnNamesEnvironmentsAndRulesResultsChannel() {
        TopicNames today = TopicNames.of(Topology.Y2024, "", "");
        assertThat(today.topics(TopicNames.ARCHIVE_NEW)).containsExactly("qa-archive-new", "prod-archive-new");
        assertThat(today.topic("prod", TopicNames.IO_ARCHIVE_NEW)).isEqualTo("prod-io-archive-new");
        assertThat(today.topic("qa", TopicNames.OLS_ARCHIVE_NEW)).isEqualTo("qa-ols-archive-new");
        assertThat(today.topic("prod", TopicNames.RULES_RESULTS)).isEqualTo("prod-insights-rules-results");
        assertThat(today.channelOf("prod-insights-rules-results")).contains(TopicNames.RULES_RESULTS);
        assertThat(today.envOf("qa-io-archive-new")).isEqualTo("qa");
        assertThat(today.sameEnvironment("qa-archive-new", TopicNames.OLS_ARCHIVE_NEW)).isEqualTo("qa-ols-archive-new");
        // set values win over the shape's
        assertThat(TopicNames.of(Topology.Y2024, "x-{env}-{channel}", "prod").topics(TopicNames.RULES_RESULTS))
                .containsExactly("x-prod-insights-rules-results");
        assertThat(TopicNames.of(Topology.BASELINE, " ", null).topics(TopicNames.RULES_RESULTS)).containsExactly(
                "ccx-dev-insights-operator-archive-rules-results", "ccx-qa-insights-operator-archive-rules-results",
                "ccx-prod-insights-operator-archive-rules-results");
    }

    @Test
    void aShapeIsBaselineOr2024() {
        assertThat(Topology.of(null)).isEqualTo(Topology.BASELINE);
        assertThat(Topology.of(" 2024 ")).isEqualTo(Topology.Y2024);
        assertThatThrownBy(() -> Topology.of("2025")).hasMessageContaining("CCX_TOPOLOGY").hasMessageContaining("baseline or 2024");
        assertThat(Topology.Y2024.has(pipeline.Stages.FEATURES)).isFalse();
        assertThat(Topology.BASELINE.has(pipeline.Stages.MULTIPLEXOR)).isFalse();
        assertThat(Topology.Y2024.syncInput()).isEqualTo(TopicNames.IO_ARCHIVE_NEW);
    }
}

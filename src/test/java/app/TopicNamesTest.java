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
}

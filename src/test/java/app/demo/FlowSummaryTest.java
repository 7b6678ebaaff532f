package app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import app.TopicNames;
import app.Topology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's summary counts each shape's topics under the same channel names. */
class FlowSummaryTest {

    @Test
    void countsEachShapesTopicsUnderTheSameChannelNames() {
        Map<String, Integer> topics2024 = Map.of("qa-archive-new", 5, "qa-io-archive-new", 3, "qa-ols-archive-new", 2,
                "qa-archive-synced", 3, "qa-insights-rules-results", 3, "prod-archive-new", 5, "ccx-pipeline-dead-letter", 1);
        Map<String, Map<String, Integer>> y2024 = FlowSummary.channels(TopicNames.of(Topology.Y2024, "", ""), topics2024);
        assertThat(y2024).containsOnlyKeys("qa", "prod");
        assertThat(y2024.get("qa")).containsExactlyEntriesOf(ordered(5, 3, 2, 3, 3, 0));
        assertThat(y2024.get("prod")).containsExactlyEntriesOf(ordered(5, 0, 0, 0, 0, 0));

        Map<String, Integer> topicsBaseline = Map.of("ccx-dev-insights-operator-archive-new", 4,
                "ccx-dev-insights-operator-archive-synced", 4, "ccx-dev-insights-operator-archive-rules-results", 4,
                "ccx-dev-insights-operator-archive-features", 4);
        Map<String, Map<String, Integer>> baseline = FlowSummary.channels(TopicNames.of(Topology.BASELINE, "", ""), topicsBaseline);
        assertThat(baseline).containsOnlyKeys("dev", "qa", "prod");
        assertThat(baseline.get("dev")).containsExactlyEntriesOf(ordered(4, 0, 0, 4, 4, 4));
        assertThat(baseline.get("qa").keySet()).containsExactlyElementsOf(y2024.get("qa").keySet());
    }

    @Test
    void archivesAreCountedByKindAndEveryDeadLetterByRouteAndReason() {
        List<DemoArchive> uploaded = List.of(new DemoArchive(null, "a", DemoArchive.OPENSHIFT),
                new DemoArchive(null, "b", DemoArchive.OLS), new DemoArchive(null, "c", DemoArchive.NEITHER),
                new DemoArchive(null, "d", DemoArchive.OPENSHIFT));
        assertThat(FlowSummary.archives(uploaded)).containsExactlyEntriesOf(
                linked("uploaded", 4, "openshift", 2, "ols", 1, "neither", 1));
        List<OutputDump.DeadLettered> dead = List.of(new OutputDump.DeadLettered("multiplexor", "neither kind"),
                new OutputDump.DeadLettered("multiplexor", "broken"), new OutputDump.DeadLettered("rules-uploader", "broken"));
        assertThat(FlowSummary.countBy(dead, OutputDump.DeadLettered::route)).containsExactlyEntriesOf(
                linked("multiplexor", 2, "rules-uploader", 1));
        assertThat(FlowSummary.countBy(dead, OutputDump.DeadLettered::reason)).containsExactlyEntriesOf(
                linked("broken", 2, "neither kind", 1));
    }

    private static Map<String, Integer> ordered(int archiveNew, int io, int ols, int synced, int rules, int features) {
        return linked("archive-new", archiveNew, "io-archive-new", io, "ols-archive-new", ols, "archive-synced", synced,
                "rules-results", rules, "features", features);
    }

    private static Map<String, Integer> linked(Object... keysAndValues) {
        Map<String, Integer> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (Integer) keysAndValues[i + 1]);
        }
        return map;
    }
}

package features;

import static features.FeatureFixtures.ANALYSIS_TIME;
import static features.FeatureFixtures.CEPH_PATH;
import static features.FeatureFixtures.CLUSTER_ID;
import static features.FeatureFixtures.editSample;
import static features.FeatureFixtures.rows;
import static features.FeatureFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import model.Json;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class ClusterVersionUpdatesExtractorTest {

    private final ClusterVersionUpdatesExtractor extractor = new ClusterVersionUpdatesExtractor();

    private static Map<String, Object> row(String current, String kind, String release, String recommended,
                                           String reason, String message, String... risks) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cluster_id", CLUSTER_ID);
        row.put("current_version", current);
        row.put("kind", kind);
        row.put("release", release);
        row.put("recommended", recommended);
        row.put("reason", reason);
        row.put("message", message);
        row.put("risks", Arrays.asList(risks));
        row.put("analysis_time", ANALYSIS_TIME);
        row.put("path", CEPH_PATH);
        return row;
    }

    @Test
    void sampleArchiveHasOneAvailableUpdate() {
        // config/version.json: status.availableUpdates = [4.7.18]; no conditionalUpdates (a 4.7 cluster)
        assertThat(rows(extractor, sample())).containsExactly(
                row("4.7.16", "available", "4.7.18", null, null, null));
    }

    @Test
    void schemaIsDocumented() {
        assertThat(extractor.fields().schema().fields()).extracting(f -> f.name() + ":" + f.type()).containsExactly(
                "cluster_id:String", "current_version:String", "kind:String", "release:String",
                "recommended:String", "reason:String", "message:String", "risks:List", "analysis_time:DateTime",
                "path:String");
        assertThat(extractor.featureId()).isEqualTo("cluster_version_updates");
    }

    @Test
    void conditionalUpdatesGiveTheirRecommendedConditionAndRisks() throws Exception {
        JsonNode conditional = Json.mapper().readTree("""
                [
                  {"release": {"version": "4.8.2", "image": "quay.io/x@sha256:1"},
                   "risks": [{"name": "AlibabaStorageDriverDemo", "url": "https://example.com/1", "message": "m",
                              "matchingRules": [{"type": "Always"}]},
                             {"name": "OVNNetworkPolicyLongName", "url": "https://example.com/2"}],
                   "conditions": [{"type": "Recommended", "status": "False", "reason": "MultipleReasons",
                                   "message": "The update is not recommended.", "lastTransitionTime": "2022-04-22T10:00:00Z"}]},
                  {"release": {"version": "4.8.3"},
                   "risks": [],
                   "conditions": [{"type": "Recommended", "status": "True", "reason": "AsExpected",
                                   "message": "The update is recommended, because none of the conditional update risks apply to this cluster."}]},
                  {"release": {"version": "4.8.4"}, "risks": [{"name": "R"}, {"url": "no name"}]},
                  {"release": {}, "conditions": []},
                  {"release": {"version": "4.8.5"}, "conditions": [{"type": "Recommended"}]}
                ]
                """);
        byte[] archive = editSample().editObject("config/version.json", version -> {
            ObjectNode status = (ObjectNode) version.get("status");
            status.putArray("availableUpdates").addObject().put("version", "4.8.3");
            status.set("conditionalUpdates", conditional);
        }).bytes();

        assertThat(rows(extractor, archive)).containsExactly(
                row("4.7.16", "available", "4.8.3", null, null, null),
                row("4.7.16", "conditional", "4.8.2", "False", "MultipleReasons", "The update is not recommended.",
                        "AlibabaStorageDriverDemo", "OVNNetworkPolicyLongName"),
                row("4.7.16", "conditional", "4.8.3", "True", "AsExpected",
                        "The update is recommended, because none of the conditional update risks apply to this cluster."),
                row("4.7.16", "conditional", "4.8.4", "Unknown", null, null, "R", ""), // no Recommended condition; a nameless risk
                row("4.7.16", "conditional", null, "Unknown", null, null),            // no version: still an update
                row("4.7.16", "conditional", "4.8.5", "Unknown", null, null));       // condition without status
    }

    @Test
    void nullOrMissingUpdateListsGiveNoRows() {
        byte[] archive = editSample().editObject("config/version.json", version -> {
            ObjectNode status = (ObjectNode) version.get("status");
            status.putNull("availableUpdates");
        }).bytes();

        assertThat(rows(extractor, archive)).isEmpty();
    }

    @Test
    void availableUpdateWithoutVersionIsKeptWithoutARelease() {
        byte[] archive = editSample().editObject("config/version.json", version -> {
            ObjectNode status = (ObjectNode) version.get("status");
            status.putArray("availableUpdates").addObject().put("image", "quay.io/x@sha256:1");
        }).bytes();

        assertThat(rows(extractor, archive)).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("kind", "available").containsEntry("release", null);
        });
    }

    @Test
    void missingFileGivesNoRows() {
        assertThat(rows(extractor, editSample().remove("config/version.json").bytes())).isEmpty();
    }

    @Test
    void currentVersionIsTheNewestCompletedOne() {
        byte[] archive = editSample().editObject("config/version.json", version -> {
            ObjectNode status = (ObjectNode) version.get("status");
            var history = status.putArray("history");
            history.addObject().put("state", "Partial").put("version", "4.7.18");
            history.addObject().put("state", "Completed").put("version", "4.7.16");
        }).bytes();

        assertThat(rows(extractor, archive)).extracting(r -> r.get("current_version")).isEqualTo(List.of("4.7.16"));
    }
}

package features;

import static features.FeatureFixtures.ANALYSIS_TIME;
import static features.FeatureFixtures.CEPH_PATH;
import static features.FeatureFixtures.CLOCK;
import static features.FeatureFixtures.CLUSTER_ID;
import static features.FeatureFixtures.METADATA;
import static features.FeatureFixtures.assertValid;
import static features.FeatureFixtures.editSample;
import static features.FeatureFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import archive.ArchiveFiles;
import archive.ArchiveLimits;
import archive.ArchiveReader;
import archive.FileSelector;
import com.fasterxml.jackson.databind.JsonNode;
import contract.Contract;
import contract.ContractValidator;
import model.FeaturesMessage;
import model.FeaturesMessage.FeatureResult;
import model.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class FeaturesServiceTest {

    private final FeaturesService service = new FeaturesService(FeatureExtractors.standard(), CLOCK);

    private FeaturesMessage extract(byte[] archive) throws IOException {
        ArchiveFiles files = new ArchiveReader(ArchiveLimits.defaults())
                .read(new ByteArrayInputStream(archive), service.requiredFiles());
        FeaturesMessage message = service.extract(files, CEPH_PATH, METADATA);
        assertValid(message);
        return message;
    }

    /** The sample archive's rows per feature, in report order. */
    private static final Map<String, Integer> SAMPLE_ROWS = new LinkedHashMap<>();

    static {
        SAMPLE_ROWS.put("cluster_info", 1);
        SAMPLE_ROWS.put("foc", 3);
        SAMPLE_ROWS.put("alerts", 9);
        SAMPLE_ROWS.put("gatherers", 64);
        SAMPLE_ROWS.put("workload_info_images", 3);
        SAMPLE_ROWS.put("workload_info_namespaces", 23);
        SAMPLE_ROWS.put("cluster_version_updates", 1);
    }

    private static Map<String, Integer> rowCounts(FeaturesMessage message) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (FeatureResult result : message.report()) {
            counts.put(result.metadata().featureId(), result.data().size());
        }
        return counts;
    }

    @Test
    void sampleArchiveGivesAllSevenFeaturesInOrder() throws IOException {
        FeaturesMessage message = extract(sample());

        assertThat(message.path()).isEqualTo(CEPH_PATH);
        assertThat(message.metadata()).isEqualTo(METADATA);
        assertThat(rowCounts(message)).containsExactlyEntriesOf(SAMPLE_ROWS);
        assertThat(message.report()).extracting(r -> r.metadata().component()).containsExactly(
                "features.ClusterInfoExtractor", "features.FailingOperatorConditionsExtractor",
                "features.AlertsExtractor", "features.GatherersExtractor", "features.WorkloadInfoImagesExtractor",
                "features.WorkloadInfoNamespacesExtractor", "features.ClusterVersionUpdatesExtractor");
        assertThat(message.report().get(0).data()).containsExactly(ClusterInfoExtractorTest.sampleRow());
    }

    @Test
    void everyRowCarriesTheMetadataClusterIdNotTheArchivesOwn() throws IOException {
        // The sample's ClusterVersion says spec.clusterID 84ef291d-...; the message's cluster id wins.
        FeaturesMessage message = extract(sample());

        assertThat(message.report()).flatExtracting(FeatureResult::data)
                .allSatisfy(row -> assertThat(row).containsEntry("cluster_id", CLUSTER_ID));
        assertThat(message.report()).flatExtracting(FeatureResult::data)
                .filteredOn(row -> row.containsKey("analysis_time"))
                .allSatisfy(row -> assertThat(row).containsEntry("analysis_time", ANALYSIS_TIME)
                        .containsEntry("path", CEPH_PATH));
    }

    @Test
    void jsonOfTheMessageHasTheContractShape() throws IOException {
        JsonNode json = Json.mapper().valueToTree(extract(sample()));

        new ContractValidator().check(Contract.FEATURES, json);
        JsonNode clusterInfo = json.path("report").path(0);
        assertThat(clusterInfo.path("metadata").path("feature_id").asText()).isEqualTo("cluster_info");
        assertThat(clusterInfo.path("schema").path("version").asText()).isEqualTo("1.0");
        assertThat(clusterInfo.path("schema").path("fields").path(3).toString())
                .isEqualTo("{\"name\":\"network_mtu\",\"type\":\"Integer\"}");
        JsonNode row = clusterInfo.path("data").path(0);
        assertThat(row.path("network_mtu").isIntegralNumber()).isTrue();
        assertThat(row.has("failing_since")).isTrue();
        assertThat(row.path("failing_since").isNull()).isTrue(); // nulls are written, not dropped
        assertThat(json.path("report").path(2).path("data").path(0).path("value").isDouble()).isTrue();
    }

    @Test
    void archiveWithNoSourceFilesGivesEveryFeatureEmpty() throws IOException {
        byte[] archive = ArchiveEdit.of(sample()).removeUnder("config").removeUnder("insights-operator")
                .put("config/id", CLUSTER_ID).bytes();

        FeaturesMessage message = extract(archive);

        assertThat(message.report()).hasSize(7).allSatisfy(result -> assertThat(result.data()).isEmpty());
    }

    @Test
    void malformedJsonEmptiesOnlyTheFeaturesThatReadIt() throws IOException {
        FeaturesMessage message = extract(editSample().put("config/workload_info.json", "{\"images\": [").bytes());

        Map<String, Integer> expected = new LinkedHashMap<>(SAMPLE_ROWS);
        expected.put("workload_info_images", 0);
        expected.put("workload_info_namespaces", 0);
        assertThat(rowCounts(message)).containsExactlyEntriesOf(expected);
    }

    @Test
    void requiredFilesCoverEverySourceAndNothingBulky() {
        FileSelector wanted = service.requiredFiles();

        assertThat(List.of("config/version.json", "config/version/version.json", "config/infrastructure.json",
                "config/infrastructure/cluster.json", "config/network.json", "config/network/cluster.json",
                "config/clusteroperator/etcd.json", "config/alerts.json", "config/metrics",
                "insights-operator/gathers.json", "config/workload_info.json"))
                .allSatisfy(path -> assertThat(wanted.matches(path)).as(path).isTrue());
        assertThat(List.of("config/id", "config/pod/openshift-etcd/etcd-0.json", "config/node/master-0.json",
                "config/running_containers.json", "insights-operator/conditional-gatherer-rules.json",
                "config/clusteroperator/operator.openshift.io/etcd/cluster.json", "config/machineconfigs/00-master.json"))
                .allSatisfy(path -> assertThat(wanted.matches(path)).as(path).isFalse());
    }

    @Test
    void analysisTimeComesFromTheClockAndArchiveTimeFromThePath() {
        FeatureContext context = FeatureContext.of(CLUSTER_ID, CEPH_PATH, CLOCK.instant());

        assertThat(context.analysisTimeText()).isEqualTo(ANALYSIS_TIME);
        assertThat(context.archiveTime()).isEqualTo(LocalDateTime.of(2024, 2, 22, 10, 30, 0));
    }

    @Test
    void pathWithoutTimeFallsBackToTheAnalysisTime() {
        FeatureContext context = FeatureContext.of(CLUSTER_ID, "not/a/ceph/path", CLOCK.instant());

        assertThat(context.archiveTimeText()).isEqualTo(ANALYSIS_TIME);
    }

    @Test
    void featureIdsMustBeUnique() {
        assertThatThrownBy(() -> new FeaturesService(List.of(new AlertsExtractor(), new AlertsExtractor()), CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alerts");
    }

    @Test
    void standardServiceUsesTheStandardExtractors() {
        assertThat(FeaturesService.standard().requiredFiles().matches("config/workload_info.json")).isTrue();
    }
}

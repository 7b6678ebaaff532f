package analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import contract.Contract;
import contract.ContractValidator;
import devservers.CephRgwServer;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.S3ProxyServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import model.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import pipeline.DeadLetter;
import testing.ArchiveMessages;
import testing.PipelineUnderTest;
import testing.RealServers;
import testing.TopicTail;
import testing.TopicWriter;

/** archive-synced + the sample archive in Ceph RGW → rules-results and features, once per archive. */
@ExtendWith(RealServers.class)
class ArchiveAnalysisIT {
    static final String CLUSTER = "d669cb71-8256-4e8b-a8df-333a5e2dd753";
    static final String PATH = "archives/compressed/d6/" + CLUSTER + "/202403/15/081522.tar.gz";
    static final String HOSTILE = "archives/compressed/d6/" + CLUSTER + "/202403/15/081523.tar.gz";

    static String synced(String path) {
        return ArchiveMessages.archiveSynced(path, "7307752/" + CLUSTER + "/20240315081522-113ebefe3cdd4a62b9d0e094213bf9e9");
    }

    @Test
    void theSampleArchiveYieldsRulesResultsAndFeaturesOnce(EmbeddedKafka kafka, EmbeddedSqs sqs, S3ProxyServer aws,
                                                           CephRgwServer ceph) throws Exception {
        String prefix = "it-analysis";
        Properties config = PipelineUnderTest.config(kafka, sqs, aws, ceph, prefix, "ccx.envs=qa", "ccx.stages.sqs-listener=false",
                "ccx.stages.archive-sync=false", "ccx.stages.rules=true", "ccx.stages.features=true");
        S3Client cephS3 = ceph.credentials().client();
        cephS3.createBucket(b -> b.bucket(prefix + "-datahub"));
        try (InputStream in = getClass().getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
            cephS3.putObject(b -> b.bucket(prefix + "-datahub").key(PATH), RequestBody.fromBytes(in.readAllBytes()));
        }
        cephS3.putObject(b -> b.bucket(prefix + "-datahub").key(HOSTILE),
                RequestBody.fromString("not a gzip archive", StandardCharsets.UTF_8));

        String in = prefix + "-ccx-qa-insights-operator-archive-synced";
        try (PipelineUnderTest pipeline = PipelineUnderTest.start(config)) {
            // The same archive twice (a redelivery upstream), and a hostile one between.
            TopicWriter.send(kafka.bootstrapServers(), in, CLUSTER, synced(PATH), synced(HOSTILE), synced(PATH));
            var rules = TopicTail.read(kafka.bootstrapServers(), prefix + "-ccx-qa-insights-operator-archive-rules-results",
                    1, Duration.ofSeconds(60));
            var features = TopicTail.read(kafka.bootstrapServers(), prefix + "-ccx-qa-insights-operator-archive-features",
                    1, Duration.ofSeconds(30));
            var dead = TopicTail.read(kafka.bootstrapServers(), prefix + "-dead-letter", 1, Duration.ofSeconds(30));
            assertThat(rules).as("once per archive").hasSize(1);
            assertThat(features).as("once per archive").hasSize(1);

            ContractValidator contracts = new ContractValidator();
            JsonNode result = Json.mapper().readTree(rules.get(0).value());
            contracts.check(Contract.RULES_RESULTS, result);
            assertThat(result.get("path").asText()).isEqualTo(PATH);
            assertThat(result.at("/metadata/cluster_id").asText()).isEqualTo(CLUSTER);
            List<String> hits = new java.util.ArrayList<>();
            result.at("/report/reports").forEach(h -> hits.add(h.get("rule_id").asText()));
            // What the sample archive really has (collected 2024-03-15 per its Ceph path: 4.7 is past end of life).
            assertThat(hits).containsExactlyInAnyOrder(
                    "critical_alerts_firing|CRITICAL_ALERTS_FIRING",
                    "image_registry_storage|IMAGE_REGISTRY_EMPTYDIR",
                    "oauth_identity_providers|OAUTH_NO_IDENTITY_PROVIDERS",
                    "ocp_version_support|OCP_VERSION_END_OF_LIFE",
                    "openshift_pods_unschedulable|PODS_UNSCHEDULABLE",
                    "operators_degraded|OPERATOR_DEGRADED",
                    "operators_not_upgradeable|UNSUPPORTED_CONFIG_OVERRIDES",
                    "pending_csrs|PENDING_CSRS");
            assertThat(result.at("/report/info")).hasSize(2);

            JsonNode feature = Json.mapper().readTree(features.get(0).value());
            contracts.check(Contract.FEATURES, feature);
            assertThat(feature.get("report")).extracting(f -> f.at("/metadata/feature_id").asText())
                    .contains("cluster_info", "foc", "alerts", "gatherers", "workload_info_images", "workload_info_namespaces");

            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).headers().lastHeader(DeadLetter.REASON).value(), StandardCharsets.UTF_8))
                    .containsIgnoringCase("gzip");
        }
    }
}

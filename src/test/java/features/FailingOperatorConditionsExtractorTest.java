package features;

import static features.FeatureFixtures.ANALYSIS_TIME;
import static features.FeatureFixtures.ARCHIVE_TIME;
import static features.FeatureFixtures.CEPH_PATH;
import static features.FeatureFixtures.CLUSTER_ID;
import static features.FeatureFixtures.editSample;
import static features.FeatureFixtures.rows;
import static features.FeatureFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class FailingOperatorConditionsExtractorTest {

    private final FailingOperatorConditionsExtractor extractor = new FailingOperatorConditionsExtractor();

    private static Map<String, Object> row(String operator, String type, boolean status, String lastTransitionTime,
                                           String reason, String message) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cluster_id", CLUSTER_ID);
        row.put("operator", operator);
        row.put("type", type);
        row.put("status", status);
        row.put("last_transition_time", lastTransitionTime);
        row.put("reason", reason);
        row.put("message", message);
        row.put("analysis_time", ANALYSIS_TIME);
        row.put("path", CEPH_PATH);
        return row;
    }

    @Test
    void sampleArchiveHasThreeUnhealthyConditions() {
        // Of 31 ClusterOperators, only these three have an unhealthy condition; Upgradeable=Unknown
        // (kube-storage-version-migrator, openshift-controller-manager, service-ca) is not one.
        assertThat(rows(extractor, sample())).containsExactly(
                row("authentication", "Upgradeable", false, "2021-07-07T11:26:28",
                        "UnsupportedConfigOverrides_UnsupportedConfigOverridesSet",
                        "UnsupportedConfigOverridesUpgradeable: setting: "
                                + "[useUnsupportedUnsafeNonHANonProductionUnstableOAuthServer]"),
                row("etcd", "Upgradeable", false, "2021-07-07T11:26:28",
                        "UnsupportedConfigOverrides_UnsupportedConfigOverridesSet",
                        "UnsupportedConfigOverridesUpgradeable: setting: "
                                + "[useUnsupportedUnsafeNonHANonProductionUnstableEtcd]"),
                row("ingress", "Degraded", true, "2021-07-12T22:20:58", "IngressControllersDegraded",
                        "Some ingresscontrollers are degraded: ingresscontroller \"default\" is degraded: "
                                + "DegradedConditions: One or more other status conditions indicate a degraded state: "
                                + "PodsScheduled=False (PodsNotScheduled: Some pods are not scheduled: Pod "
                                + "\"router-default-7bbdcfcf9b-7xdln\" cannot be scheduled: 0/2 nodes are available: "
                                + "1 node(s) didn't have free ports for the requested pod ports, 1 node(s) had taint "
                                + "{node-role.kubernetes.io/master: }, that the pod didn't tolerate. Make sure you have "
                                + "sufficient worker nodes.), DeploymentReplicasAllAvailable=False "
                                + "(DeploymentReplicasNotAvailable: 1/2 of replicas are available)"));
    }

    @Test
    void schemaIsTheDocumentedOne() {
        assertThat(extractor.fields().schema().fields()).extracting(f -> f.name() + ":" + f.type()).containsExactly(
                "cluster_id:String", "operator:String", "type:String", "status:Boolean",
                "last_transition_time:DateTime", "reason:String", "message:String", "analysis_time:DateTime",
                "path:String");
        assertThat(extractor.featureId()).isEqualTo("foc");
    }

    @Test
    void everyUnhealthyPairIsReportedAndNothingElse() {
        byte[] archive = editSample().editObject("config/clusteroperator/dns.json", dns -> {
            ArrayNode conditions = ((ObjectNode) dns.get("status")).putArray("conditions");
            for (String[] c : new String[][] {
                {"Degraded", "True"}, {"Available", "False"}, {"Progressing", "True"}, {"Upgradeable", "False"},
                {"Failing", "True"}, {"Degraded", "False"}, {"Available", "True"}, {"Available", "Unknown"},
                {"Disabled", "True"}, {"Upgradeable", "True"}}) {
                conditions.addObject().put("type", c[0]).put("status", c[1])
                        .put("lastTransitionTime", "2022-01-02T03:04:05Z").put("reason", "R").put("message", "M");
            }
        }).bytes();

        List<Map<String, Object>> dns = rows(extractor, archive).stream()
                .filter(r -> r.get("operator").equals("dns")).toList();

        assertThat(dns).extracting(r -> r.get("type") + "=" + r.get("status")).containsExactly(
                "Degraded=true", "Available=false", "Progressing=true", "Upgradeable=false", "Failing=true");
    }

    @Test
    void conditionWithoutTimeReasonOrMessageGetsTheFallbacks() {
        byte[] archive = editSample().editObject("config/clusteroperator/dns.json", dns -> {
            ArrayNode conditions = ((ObjectNode) dns.get("status")).putArray("conditions");
            conditions.addObject().put("type", "Degraded").put("status", "True");
            conditions.addObject().put("type", "Available").put("status", "False")
                    .put("lastTransitionTime", "not a time").putNull("reason");
        }).bytes();

        List<Map<String, Object>> dns = rows(extractor, archive).stream()
                .filter(r -> r.get("operator").equals("dns")).toList();

        assertThat(dns).containsExactly(
                row("dns", "Degraded", true, ARCHIVE_TIME, "", ""),
                row("dns", "Available", false, ARCHIVE_TIME, "", ""));
    }

    @Test
    void operatorNameFallsBackToTheFileName() {
        byte[] archive = editSample().editObject("config/clusteroperator/ingress.json",
                ingress -> ((ObjectNode) ingress).remove("metadata")).bytes();

        assertThat(rows(extractor, archive)).extracting(r -> r.get("operator"))
                .containsExactly("authentication", "etcd", "ingress");
    }

    @Test
    void nestedOperatorConfigsAreNotClusterOperators() {
        String degraded = "{\"metadata\":{\"name\":\"nested\"},\"status\":{\"conditions\":"
                + "[{\"type\":\"Degraded\",\"status\":\"True\",\"lastTransitionTime\":\"2022-01-02T03:04:05Z\"}]}}";
        byte[] archive = editSample().put("config/clusteroperator/operator.openshift.io/x/cluster.json", degraded)
                .bytes();

        assertThat(rows(extractor, archive)).hasSize(3);
    }

    @Test
    void malformedOperatorFileIsSkippedAndTheOthersStillCount() {
        byte[] archive = editSample().put("config/clusteroperator/broken.json", "{not json").bytes();

        assertThat(rows(extractor, archive)).extracting(r -> r.get("operator"))
                .containsExactly("authentication", "etcd", "ingress");
    }

    @Test
    void operatorsWithoutConditionsOrStatusGiveNoRows() {
        byte[] archive = editSample()
                .editObject("config/clusteroperator/ingress.json", ingress -> ((ObjectNode) ingress).remove("status"))
                .editObject("config/clusteroperator/etcd.json",
                        etcd -> ((ObjectNode) etcd.get("status")).putArray("conditions"))
                .editObject("config/clusteroperator/authentication.json",
                        auth -> ((ObjectNode) auth.get("status")).put("conditions", "odd"))
                .bytes();

        assertThat(rows(extractor, archive)).isEmpty();
    }

    @Test
    void noClusterOperatorFilesGiveNoRows() {
        assertThat(rows(extractor, editSample().removeUnder("config/clusteroperator").bytes())).isEmpty();
    }
}

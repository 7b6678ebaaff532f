package features;

import static features.FeatureFixtures.ANALYSIS_TIME;
import static features.FeatureFixtures.CEPH_PATH;
import static features.FeatureFixtures.CLUSTER_ID;
import static features.FeatureFixtures.editSample;
import static features.FeatureFixtures.rows;
import static features.FeatureFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class GatherersExtractorTest {

    private final GatherersExtractor extractor = new GatherersExtractor();

    private static Map<String, Object> row(String name, Long durationInMs) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cluster_id", CLUSTER_ID);
        row.put("name", name);
        row.put("duration_in_ms", durationInMs);
        row.put("analysis_time", ANALYSIS_TIME);
        row.put("path", CEPH_PATH);
        return row;
    }

    @Test
    void sampleArchiveHasOneRowPerStatusReport() {
        List<Map<String, Object>> rows = rows(extractor, sample());

        // insights-operator/gathers.json: 64 status_reports, in file order, gatherers and functions alike
        assertThat(rows).extracting(r -> r.get("name") + "=" + r.get("duration_in_ms")).containsExactly(
                "clusterconfig/olm_operators=19",
                "clusterconfig/silenced_alerts=26",
                "clusterconfig/image=32",
                "clusterconfig/certificate_signing_requests=20",
                "clusterconfig/sap_pods=24",
                "clusterconfig/netnamespaces=18",
                "clusterconfig/config_maps=52",
                "clusterconfig/psps=34",
                "clusterconfig/operators_pods_and_events=96",
                "clusterconfig/oauths=14",
                "clusterconfig/networks=13",
                "clusterconfig/ingress=13",
                "clusterconfig/host_subnets=20",
                "clusterconfig/service_accounts=11007",
                "clusterconfig/validating_webhook_configurations=15",
                "clusterconfig/openstack_controlplanes=25",
                "clusterconfig/openstack_dataplanedeployments=9",
                "clusterconfig/openstack_dataplanenodesets=9",
                "clusterconfig/openstack_version=25",
                "clusterconfig/scheduler_logs=617",
                "clusterconfig=11008",
                "workloads=7451",
                "clusterconfig/machine_config_pools=32",
                "clusterconfig/node_logs=326",
                "clusterconfig/machine_configs=64",
                "clusterconfig/container_runtime_configs=22",
                "clusterconfig/metrics=5",
                "workloads/workload_info=7450",
                "clusterconfig/schedulers=17",
                "clusterconfig/machine_sets=30",
                "clusterconfig/pod_network_connectivity_checks=56",
                "clusterconfig/authentication=17",
                "clusterconfig/image_registries=22",
                "clusterconfig/sap_config=35",
                "conditional/image_streams_of_namespace/namespace=openshift-cluster-samples-operator=6",
                "clusterconfig/sap_license_management_logs=1",
                "clusterconfig/feature_gates=15",
                "clusterconfig/machine_autoscalers=28",
                "clusterconfig/sap_datahubs=12",
                "clusterconfig/openshift_sdn_logs=607",
                "clusterconfig/kube_controller_manager_logs=1119",
                "conditional/logs_of_namespace/namespace=openshift-cluster-samples-operator,tail_lines=100=17",
                "clusterconfig/dvo_metrics=29",
                "clusterconfig/jaegers=11",
                "conditional=146",
                "clusterconfig/infrastructures=20",
                "clusterconfig/nodes=16",
                "clusterconfig/pdbs=24",
                "clusterconfig/proxies=22",
                "clusterconfig/openshift_authentication_logs=159",
                "clusterconfig/openshift_apiserver_operator_logs=30",
                "clusterconfig/openshift_sdn_controller_logs=204",
                "clusterconfig/crds=62",
                "clusterconfig/operators=2166",
                "clusterconfig/image_pruners=48",
                "clusterconfig/container_images=165",
                "clusterconfig/install_plans=10245",
                "clusterconfig/cost_management_metrics_configs=24",
                "conditional/conditional_gatherer_rules=0",
                "clusterconfig/machine_healthchecks=46",
                "clusterconfig/mutating_webhook_configurations=14",
                "clusterconfig/openshift_logging=3",
                "clusterconfig/tsdb_status=48",
                "clusterconfig/version=79");
        assertThat(rows.get(0)).isEqualTo(row("clusterconfig/olm_operators", 19L));
        assertThat(rows).allSatisfy(r -> assertThat(r).containsEntry("cluster_id", CLUSTER_ID)
                .containsEntry("analysis_time", ANALYSIS_TIME).containsEntry("path", CEPH_PATH));
    }

    @Test
    void schemaIsTheDocumentedOne() {
        assertThat(extractor.fields().schema().fields()).extracting(f -> f.name() + ":" + f.type()).containsExactly(
                "cluster_id:String", "name:String", "duration_in_ms:Integer", "analysis_time:DateTime", "path:String");
        assertThat(extractor.featureId()).isEqualTo("gatherers");
    }

    @Test
    void oddReports() {
        String gathers = """
                {"status_reports": [
                  {"name": "clusterconfig.GatherPodDisruptionBudgets", "duration_in_ms": 26},
                  {"name": "no duration"},
                  {"name": "fraction", "duration_in_ms": 12.5},
                  {"name": "whole float", "duration_in_ms": 7.0},
                  {"name": "", "duration_in_ms": 1},
                  {"duration_in_ms": 2},
                  "not an object"
                ]}
                """;
        byte[] archive = editSample().put("insights-operator/gathers.json", gathers).bytes();

        assertThat(rows(extractor, archive)).containsExactly(
                row("clusterconfig.GatherPodDisruptionBudgets", 26L),
                row("no duration", null),
                row("fraction", null),
                row("whole float", 7L),
                row(null, 1L),      // a run without a name is still a run
                row(null, 2L));     // "not an object" is not a report
    }

    @Test
    void emptyReportListGivesNoRows() {
        byte[] archive = editSample().put("insights-operator/gathers.json", "{\"status_reports\": []}").bytes();

        assertThat(rows(extractor, archive)).isEmpty();
    }

    @Test
    void nullReportListGivesNoRows() {
        byte[] archive = editSample().put("insights-operator/gathers.json", "{\"status_reports\": null}").bytes();

        assertThat(rows(extractor, archive)).isEmpty();
    }

    @Test
    void missingFileGivesNoRows() {
        assertThat(rows(extractor, editSample().remove("insights-operator/gathers.json").bytes())).isEmpty();
    }
}

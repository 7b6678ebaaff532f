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
import model.Json;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class AlertsExtractorTest {

    private final AlertsExtractor extractor = new AlertsExtractor();

    private static Map<String, Object> row(String name, String state, String severity, Map<String, String> labels,
                                           double value, String lastTransitionTime) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cluster_id", CLUSTER_ID);
        row.put("name", name);
        row.put("state", state);
        row.put("severity", severity);
        row.put("labels", labels);
        row.put("value", value);
        row.put("last_transition_time", lastTransitionTime);
        row.put("analysis_time", ANALYSIS_TIME);
        row.put("path", CEPH_PATH);
        return row;
    }

    /** A TargetDown alert of the sample: job and service are the target's name. */
    private static Map<String, Object> targetDown(String target, String startedAt) {
        return row("TargetDown", "firing", "warning", Map.of("job", target, "namespace", "openshift-monitoring",
                "openshift_io_alert_source", "platform", "prometheus", "openshift-monitoring/k8s", "service", target),
                1.0, startedAt);
    }

    @Test
    void sampleArchiveHasTheNineAlertsOfAlertsJson() {
        assertThat(rows(extractor, sample())).containsExactly(
                targetDown("telemeter-client", "2022-01-04T10:10:46"),
                row("ClusterVersionOperatorDown", "firing", "critical", Map.of("openshift_io_alert_source", "platform",
                        "prometheus", "openshift-monitoring/k8s"), 1.0, "2022-01-04T14:49:16"),
                targetDown("grafana", "2022-01-04T10:10:46"),
                targetDown("prometheus-k8s-thanos-sidecar", "2022-01-04T10:10:46"),
                targetDown("prometheus-k8s", "2022-01-04T10:10:46"),
                row("Watchdog", "firing", "none", Map.of("namespace", "openshift-monitoring",
                        "openshift_io_alert_source", "platform", "prometheus", "openshift-monitoring/k8s"),
                        1.0, "2022-01-03T10:14:16"),
                targetDown("alertmanager-main", "2022-01-04T10:10:46"),
                row("AlertmanagerClusterDown", "firing", "warning", Map.of("namespace", "openshift-monitoring",
                        "openshift_io_alert_source", "platform", "prometheus", "openshift-monitoring/k8s",
                        "service", "alertmanager-main"), 1.0, "2022-01-04T10:03:09"),
                targetDown("thanos-querier", "2022-01-04T10:10:46"));
    }

    @Test
    void schemaIsTheDocumentedOne() {
        assertThat(extractor.fields().schema().fields()).extracting(f -> f.name() + ":" + f.type()).containsExactly(
                "cluster_id:String", "name:String", "state:String", "severity:String", "labels:Object",
                "value:Float", "last_transition_time:DateTime", "analysis_time:DateTime", "path:String");
        assertThat(extractor.featureId()).isEqualTo("alerts");
    }

    @Test
    void labelsKeepTheSourceOrder() throws Exception {
        Object labels = rows(extractor, sample()).get(0).get("labels");

        assertThat(Json.mapper().writeValueAsString(labels)).isEqualTo("{\"job\":\"telemeter-client\","
                + "\"namespace\":\"openshift-monitoring\",\"openshift_io_alert_source\":\"platform\","
                + "\"prometheus\":\"openshift-monitoring/k8s\",\"service\":\"telemeter-client\"}");
    }

    @Test
    void emptyAlertsJsonMeansNoAlertsEvenWithAlertsMetrics() {
        byte[] archive = editSample().put("config/alerts.json", "[]")
                .put("config/metrics", "ALERTS{alertname=\"Watchdog\",alertstate=\"firing\",severity=\"none\"} 1\n")
                .bytes();

        assertThat(rows(extractor, archive)).isEmpty();
    }

    @Test
    void withoutAlertsJsonTheAlertsSeriesOfMetricsAreRead() {
        String metrics = """
                # TYPE etcd_object_counts untyped
                etcd_object_counts{resource="pods",instance="10.0.0.1:6443"} 312 1708600890630
                # TYPE ALERTS untyped
                ALERTS{alertname="Watchdog",alertstate="firing",namespace="openshift-monitoring",prometheus="openshift-monitoring/k8s",severity="none"} 1 1708600890630
                ALERTS{alertname="KubePodCrashLooping",alertstate="pending",container="c",job="kube-state-metrics",namespace="ns1",severity="warning"} 1 1708600890630
                ALERTS{alertname="NoSeverity",alertstate="firing"} 1
                ALERTS{alertstate="firing",severity="info"} 1
                """;
        byte[] archive = editSample().remove("config/alerts.json").put("config/metrics", metrics).bytes();

        assertThat(rows(extractor, archive)).containsExactly(
                row("Watchdog", "firing", "none", Map.of("namespace", "openshift-monitoring",
                        "prometheus", "openshift-monitoring/k8s"), 1.0, ARCHIVE_TIME),
                row("KubePodCrashLooping", "pending", "warning", Map.of("container", "c", "job", "kube-state-metrics",
                        "namespace", "ns1"), 1.0, ARCHIVE_TIME),
                row("NoSeverity", "firing", "", Map.of(), 1.0, ARCHIVE_TIME),
                row("", "firing", "info", Map.of(), 1.0, ARCHIVE_TIME)); // no alertname: still an alert
    }

    @Test
    void sampleMetricsWithoutAlertsJsonGiveNoRows() {
        // The sample's config/metrics has no ALERTS series.
        assertThat(rows(extractor, editSample().remove("config/alerts.json").bytes())).isEmpty();
    }

    @Test
    void neitherFileGivesNoRows() {
        byte[] archive = editSample().remove("config/alerts.json").remove("config/metrics").bytes();

        assertThat(rows(extractor, archive)).isEmpty();
    }

    @Test
    void oddAlertmanagerEntries() {
        byte[] archive = editSample().editJson("config/alerts.json", alerts -> {
            ArrayNode list = (ArrayNode) alerts;
            list.removeAll();
            list.addObject().put("startsAt", "2022-01-04T10:10:46Z");                 // no labels: kept, name ""
            list.addObject().putObject("labels").put("severity", "critical");         // no alertname: kept
            ObjectNode noTime = list.addObject();                                      // no startsAt, no severity
            noTime.putObject("labels").put("alertname", "NoTime").put("count", 3);
            noTime.putObject("status").put("state", "suppressed");
            ObjectNode badTime = list.addObject().put("startsAt", "yesterday");
            badTime.putObject("labels").put("alertname", "BadTime").putNull("nothing");
        }).bytes();

        assertThat(rows(extractor, archive)).containsExactly(
                row("", "firing", "", Map.of(), 1.0, "2022-01-04T10:10:46"),
                row("", "firing", "critical", Map.of(), 1.0, ARCHIVE_TIME),
                row("NoTime", "firing", "", Map.of("count", "3"), 1.0, ARCHIVE_TIME),
                row("BadTime", "firing", "", Map.of(), 1.0, ARCHIVE_TIME));
    }

    @Test
    void alertsJsonThatIsNotAListGivesNoRows() {
        assertThat(rows(extractor, editSample().put("config/alerts.json", "{\"alerts\": []}").bytes())).isEmpty();
    }

    @Test
    void malformedAlertsJsonEmptiesOnlyThisFeature() {
        byte[] archive = editSample().put("config/alerts.json", "[{").bytes();

        assertThat(rows(extractor, archive)).isEmpty();
    }

    @Test
    void nonFiniteAlertsValueIsWrittenAsActive() {
        byte[] archive = editSample().remove("config/alerts.json")
                .put("config/metrics", "ALERTS{alertname=\"A\",alertstate=\"firing\"} NaN\n").bytes();

        assertThat(rows(extractor, archive)).extracting(r -> r.get("value")).containsExactly(1.0);
    }

    @Test
    void alertsValueIsTheSampleValue() {
        byte[] archive = editSample().remove("config/alerts.json")
                .put("config/metrics", "ALERTS{alertname=\"A\",alertstate=\"firing\"} 0.5\n").bytes();

        assertThat(rows(extractor, archive)).extracting(r -> r.get("value")).isEqualTo(List.of(0.5));
    }
}

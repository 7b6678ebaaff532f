package parquet;

import features.AlertsExtractor;
import features.ClusterInfoExtractor;
import features.FailingOperatorConditionsExtractor;
import features.GatherersExtractor;
import model.FeaturesMessage;
import model.RulesResults;
import thanos.ThanosRow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static parquet.Messages.feature;
import static parquet.Messages.features;
import static parquet.Messages.path;
import static parquet.Messages.row;
import static parquet.Messages.ts;

/**
 * The printed example tables of {@code examples/11_parquet/} and {@code examples/10_thanos/}:
 * input messages that should give them, and the rows, column by column, as printed.
 */
final class SpecTables {

    private SpecTables() {
    }

    // ---- rule_hits (doc_table_rule_hits.txt; the print splits rule_id at its pipe) ----

    static final String RULES_PATH_0 = path("00000000-0000-0000-0000-000000000000", "20210208005934");
    static final String RULES_PATH_1 = path("11111111-1111-1111-1111-111111111111", "20210208005934");
    static final String RULES_PATH_2 = path("22222222-2222-2222-2222-222222222222", "20210208005934");

    static List<RulesResults> ruleHitsMessages() {
        return List.of(Messages.rules(RULES_PATH_0, "pods_check_containers|POD_CONTAINER_ISSUE"),
                Messages.rules(RULES_PATH_1, "operators_check|OPERATOR_ISSUE"),
                Messages.rules(RULES_PATH_2, "pods_check|POD_ISSUE"));
    }

    static final List<List<Object>> RULE_HITS = List.of(
            List.of("00000000-0000-0000-0000-000000000000", "pods_check_containers|POD_CONTAINER_ISSUE", ts("2021-02-08 00:59:34"), RULES_PATH_0),
            List.of("11111111-1111-1111-1111-111111111111", "operators_check|OPERATOR_ISSUE", ts("2021-02-08 00:59:34"), RULES_PATH_1),
            List.of("22222222-2222-2222-2222-222222222222", "pods_check|POD_ISSUE", ts("2021-02-08 00:59:34"), RULES_PATH_2));

    // ---- archives (doc_table_archives.txt; times printed in CET, +01:00) ----

    static List<RulesResults> archivesMessages() {
        return List.of(
                Messages.rules("archives/compressed/2c/2c4bde1c-30fa-4f09-aaaa-36bb54ce3217/202302/10/143555.tar.gz"),
                Messages.rules("archives/compressed/b7/b731eff1-a5db-4b43-aaaa-b708813a15aa/202302/10/143557.tar.gz"),
                Messages.rules("archives/compressed/73/736b03a3-4d2c-4c8f-aaaa-b007283d58bb/202302/10/143603.tar.gz"));
    }

    static final List<List<Object>> ARCHIVES = List.of(
            List.of("2c4bde1c-30fa-4f09-aaaa-36bb54ce3217", ts("2023-02-10 14:35:55"),
                    "archives/compressed/2c/2c4bde1c-30fa-4f09-aaaa-36bb54ce3217/202302/10/143555.tar.gz"),
            List.of("b731eff1-a5db-4b43-aaaa-b708813a15aa", ts("2023-02-10 14:35:57"),
                    "archives/compressed/b7/b731eff1-a5db-4b43-aaaa-b708813a15aa/202302/10/143557.tar.gz"),
            List.of("736b03a3-4d2c-4c8f-aaaa-b007283d58bb", ts("2023-02-10 14:36:03"),
                    "archives/compressed/73/736b03a3-4d2c-4c8f-aaaa-b007283d58bb/202302/10/143603.tar.gz"));

    // ---- cluster_info (doc_table_cluster_info.txt) ----

    private static FeaturesMessage clusterInfo(String clusterId, String stamp, String version, String platform,
                                               String initial, String networkType, String channel, int mtu,
                                               Map<String, Object> networks) {
        String path = path(clusterId, stamp);
        return features(path, feature(new ClusterInfoExtractor(), path, row("platform", platform,
                "network_type", networkType, "network_mtu", mtu, "networks", networks, "channel", channel,
                "initial_version", initial, "current_version", version, "desired_version", version,
                "installed_at", "2021-01-01T00:00:00")));
    }

    private static Map<String, Object> service(String cidr) {
        return row("service", List.of(row("cidr", cidr)), "cluster", List.of());
    }

    static List<FeaturesMessage> clusterInfoMessages() {
        return List.of(
                clusterInfo("1e1ec4a5-1234-4f6c-838d-4e1c19300787", "20210318112021", "4.6.16", "None", "4.6.16",
                        "OpenshiftSDN", "stable-4.6", 296, service("172.30.0.0/23")),
                clusterInfo("5e6538de-1234-4740-abbe-93afdef885a7", "20210318115437", "4.7.0", "None", "4.7.0",
                        "Kurir", "candidate-4.7", 1492, service("172.16.0.0/12")),
                clusterInfo("e9ae142e-1234-4c49-a937-80f57a7abb52", "20210318110422", "4.6.16", "None", "4.6.16",
                        "NCP", "fast-4.6", 1500, service("10.0.0.0/8")),
                clusterInfo("d8757ed6-1234-4860-8065-983f838e581e", "20210318111350", "4.6.17", "None", "4.6.17",
                        "OpenshiftSDN", "stable-4.6", 17914, service("172.30.0.1/32")),
                clusterInfo("735c7c4d-1234-438f-a494-225f664c72a4", "20210318113846", "4.6.16", "VSphere", "4.3.28",
                        "OpenshiftSDN", "stable-4.3", 65535,
                        row("service", List.of(), "cluster", List.of(row("cidr", "10.128.0.0/16", "host_prefix", 23)))));
    }

    static final List<List<Object>> CLUSTER_INFO = List.of(
            List.of("1e1ec4a5-1234-4f6c-838d-4e1c19300787", "4.6.16", "None", ts("2021-03-18 11:20:21"), "4.6.16", "4.6.16",
                    "OpenshiftSDN", "stable-4.6", 296, "service", "/23", 0,
                    "archives/compressed/1e/1e1ec4a5-1234-4f6c-838d-4e1c19300787/202103/18/112021.tar.gz"),
            List.of("5e6538de-1234-4740-abbe-93afdef885a7", "4.7.0", "None", ts("2021-03-18 11:54:37"), "4.7.0", "4.7.0",
                    "Kurir", "candidate-4.7", 1492, "service", "/12", 0,
                    "archives/compressed/5e/5e6538de-1234-4740-abbe-93afdef885a7/202103/18/115437.tar.gz"),
            List.of("e9ae142e-1234-4c49-a937-80f57a7abb52", "4.6.16", "None", ts("2021-03-18 11:04:22"), "4.6.16", "4.6.16",
                    "NCP", "fast-4.6", 1500, "service", "/08", 0,
                    "archives/compressed/e9/e9ae142e-1234-4c49-a937-80f57a7abb52/202103/18/110422.tar.gz"),
            List.of("d8757ed6-1234-4860-8065-983f838e581e", "4.6.17", "None", ts("2021-03-18 11:13:50"), "4.6.17", "4.6.17",
                    "OpenshiftSDN", "stable-4.6", 17914, "service", "/32", 0,
                    "archives/compressed/d8/d8757ed6-1234-4860-8065-983f838e581e/202103/18/111350.tar.gz"),
            List.of("735c7c4d-1234-438f-a494-225f664c72a4", "4.6.16", "VSphere", ts("2021-03-18 11:38:46"), "4.6.16", "4.3.28",
                    "OpenshiftSDN", "stable-4.3", 65535, "cluster", "/16", 23,
                    "archives/compressed/73/735c7c4d-1234-438f-a494-225f664c72a4/202103/18/113846.tar.gz"));

    // ---- failing_operator_conditions (doc_table_failing_operator_conditions.txt) ----

    static final String FOC_PATH = path("12345678-acc8-4439-9393-c12140c20033", "20210428074816");

    static FeaturesMessage focMessage() {
        FailingOperatorConditionsExtractor foc = new FailingOperatorConditionsExtractor();
        return features(FOC_PATH, feature(foc, FOC_PATH,
                row("operator", "authentication", "type", "Progressing", "status", true,
                        "last_transition_time", "2021-04-28T07:27:34", "reason", "_OAuthServerDeploymentNotReady",
                        "message", "Progressing: not all deployment replicas are ready"),
                row("operator", "dns", "type", "Progressing", "status", true,
                        "last_transition_time", "2021-04-28T07:28:16", "reason", "Reconciling",
                        "message", "At least 1 DNS DaemonSet is progressing."),
                row("operator", "kube-apiserver", "type", "Progressing", "status", true,
                        "last_transition_time", "2021-04-28T07:27:54", "reason", "NodeInstaller",
                        "message", "NodeInstallerProgressing: 3 nodes are at revision 47; 0 nodes have achieved new revision 55")));
    }

    static final List<List<Object>> FAILING_OPERATOR_CONDITIONS = List.of(
            List.of("12345678-acc8-4439-9393-c12140c20033", "authentication", "Progressing", true,
                    "_OAuthServerDeploymentNotReady", "Progressing: not all deployment replicas are ready", FOC_PATH,
                    ts("2021-04-28 07:27:34"), ts("2021-04-28 07:48:16")),
            List.of("12345678-acc8-4439-9393-c12140c20033", "dns", "Progressing", true, "Reconciling",
                    "At least 1 DNS DaemonSet is progressing.", FOC_PATH, ts("2021-04-28 07:28:16"), ts("2021-04-28 07:48:16")),
            List.of("12345678-acc8-4439-9393-c12140c20033", "kube-apiserver", "Progressing", true, "NodeInstaller",
                    "NodeInstallerProgressing: 3 nodes are at revision 47; 0 nodes have achieved new revision 55", FOC_PATH,
                    ts("2021-04-28 07:27:54"), ts("2021-04-28 07:48:16")));

    // ---- alerts (doc_table_alerts.txt) ----

    static final String ALERTS_PATH_0 = path("00335bc8-1234-5678-add6-b6ba003bad09", "20210605122338");
    static final String ALERTS_PATH_1 = path("73ea4458-1234-5678-8d1d-476c565fa5ab", "20210605122348");

    private static Map<String, Object> alert(String name, String severity, Map<String, Object> labels) {
        return row("name", name, "state", "firing", "severity", severity, "labels", labels, "value", 1.0,
                "last_transition_time", "2021-06-05T12:00:00");
    }

    /** Labels in the order an operator lists them, not sorted: the table sorts them. */
    private static Map<String, Object> updateLabels(String channel, String instance, String pod, String replica, String upstream) {
        return row("upstream", upstream, "service", "cluster-version-operator", "prometheus_replica", replica,
                "prometheus", "openshift-monitoring/k8s", "pod", pod, "namespace", "openshift-cluster-version",
                "job", "cluster-version-operator", "instance", instance, "endpoint", "metrics", "channel", channel);
    }

    static List<FeaturesMessage> alertsMessages() {
        AlertsExtractor alerts = new AlertsExtractor();
        return List.of(
                features(ALERTS_PATH_0, feature(alerts, ALERTS_PATH_0,
                        alert("Watchdog", "none", row("prometheus_replica", "prometheus-k8s-1", "prometheus", "openshift-monitoring/k8s")),
                        alert("UpdateAvailable", "info", updateLabels("stable-4.7", "10.20.30.128:9099",
                                "cluster-version-operator-55f5795c8f-sz2v7", "prometheus-k8s-1", "<default>")))),
                features(ALERTS_PATH_1, feature(alerts, ALERTS_PATH_1,
                        alert("UpdateAvailable", "info", updateLabels("stable-4.6", "10.20.3.4:9099",
                                "cluster-version-operator-fd6fbbd78-5m99k", "prometheus-k8s-0",
                                "https://api.openshift.com/api/upgrades_info/v1/graph")),
                        alert("Watchdog", "none", row("prometheus", "openshift-monitoring/k8s", "prometheus_replica", "prometheus-k8s-0")),
                        alert("AlertmanagerReceiversNotConfigured", "warning",
                                row("prometheus", "openshift-monitoring/k8s", "prometheus_replica", "prometheus-k8s-0")))));
    }

    static final List<List<Object>> ALERTS = List.of(
            List.of("00335bc8-1234-5678-add6-b6ba003bad09", "Watchdog", "firing", "none", "", "",
                    "{\"prometheus\":\"openshift-monitoring/k8s\",\"prometheus_replica\":\"prometheus-k8s-1\"}", ALERTS_PATH_0),
            List.of("00335bc8-1234-5678-add6-b6ba003bad09", "UpdateAvailable", "firing", "info", "openshift-cluster-version",
                    "cluster-version-operator",
                    "{\"channel\":\"stable-4.7\",\"endpoint\":\"metrics\",\"instance\":\"10.20.30.128:9099\",\"job\":\"cluster-version-operator\",\"namespace\":\"openshift-cluster-version\",\"pod\":\"cluster-version-operator-55f5795c8f-sz2v7\",\"prometheus\":\"openshift-monitoring/k8s\",\"prometheus_replica\":\"prometheus-k8s-1\",\"service\":\"cluster-version-operator\",\"upstream\":\"\\u003cdefault\\u003e\"}",
                    ALERTS_PATH_0),
            List.of("73ea4458-1234-5678-8d1d-476c565fa5ab", "UpdateAvailable", "firing", "info", "openshift-cluster-version",
                    "cluster-version-operator",
                    "{\"channel\":\"stable-4.6\",\"endpoint\":\"metrics\",\"instance\":\"10.20.3.4:9099\",\"job\":\"cluster-version-operator\",\"namespace\":\"openshift-cluster-version\",\"pod\":\"cluster-version-operator-fd6fbbd78-5m99k\",\"prometheus\":\"openshift-monitoring/k8s\",\"prometheus_replica\":\"prometheus-k8s-0\",\"service\":\"cluster-version-operator\",\"upstream\":\"https://api.openshift.com/api/upgrades_info/v1/graph\"}",
                    ALERTS_PATH_1),
            List.of("73ea4458-1234-5678-8d1d-476c565fa5ab", "Watchdog", "firing", "none", "", "",
                    "{\"prometheus\":\"openshift-monitoring/k8s\",\"prometheus_replica\":\"prometheus-k8s-0\"}", ALERTS_PATH_1),
            List.of("73ea4458-1234-5678-8d1d-476c565fa5ab", "AlertmanagerReceiversNotConfigured", "firing", "warning", "", "",
                    "{\"prometheus\":\"openshift-monitoring/k8s\",\"prometheus_replica\":\"prometheus-k8s-0\"}", ALERTS_PATH_1));

    // ---- gatherers_info (doc_table_gatherers_info.txt) ----

    static final String GATHERERS_PATH = path("12345678-acc8-4439-9393-c12140c20033", "20210802144656");
    private static final List<String> GATHERERS = List.of("clusterconfig.GatherPodDisruptionBudgets",
            "clusterconfig.GatherSAPVsystemIptablesLogs", "clusterconfig.GatherClusterImageRegistry",
            "clusterconfig.GatherSAPDatahubs", "clusterconfig.GatherContainerRuntimeConfig");

    @SuppressWarnings("unchecked")
    static FeaturesMessage gatherersMessage() {
        Map<String, Object>[] rows = new Map[GATHERERS.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row("name", GATHERERS.get(i), "duration_in_ms", 26 + i);
        }
        return features(GATHERERS_PATH, feature(new GatherersExtractor(), GATHERERS_PATH, rows));
    }

    static List<List<Object>> gatherersInfo() {
        return GATHERERS.stream().map(name -> List.<Object>of("12345678-acc8-4439-9393-c12140c20033", name,
                26 + GATHERERS.indexOf(name), GATHERERS_PATH, ts("2021-08-02 14:46:56"))).toList();
    }

    // ---- cluster_thanos_info (doc_table_cluster_thanos_info.txt, doc_cluster_thanos_info_parquet_tools.txt) ----

    static final Instant THANOS_TIME = Instant.parse("2021-03-18T07:59:00Z");

    private static final List<List<Object>> THANOS_PRINTED = List.of(
            List.of("12345678-ec5b-4552-9e2d-76c7bc4dee8f", "1234567", "us.ibm.com", false, "None"),
            List.of("12345678-ef92-4ee2-84c9-478f99b76fdb", "1234500", "customer1.com", false, "Self-Support"),
            List.of("12345678-c145-4b12-850b-56a9de766d9c", "1234567", "us.ibm.com", false, "None"),
            List.of("12345678-6d6f-490d-a6e2-0e01fbbb962d", "1234600", "customer2.com", false, "None"),
            List.of("12345678-bde1-4e51-84e7-378030599471", "1234700", "customer3.com", false, "Premium"),
            List.of("12345678-f0c3-4b44-80d2-ed6b5fc6c95f", "1234567", "us.ibm.com", false, "Eval"),
            List.of("12345678-8eb8-4d85-828d-ce940f1b9778", "1234800", "us.ibm.com", false, "Eval"),
            List.of("12345678-8169-4a66-8c17-ce3a15eb81d3", "123000", "customer4.co", false, "Premium"));

    static List<ThanosRow> thanosRows() {
        return THANOS_PRINTED.stream().map(r -> new ThanosRow((String) r.get(0), (String) r.get(1), (String) r.get(2),
                (Boolean) r.get(3), (String) r.get(4), THANOS_TIME)).toList();
    }

    static List<List<Object>> clusterThanosInfo() {
        return THANOS_PRINTED.stream().map(r -> List.of(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4),
                (Object) THANOS_TIME.toEpochMilli())).toList();
    }
}

package topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pod model of {@link Rendered}, on a rendered overlay (real kubectl, no engine) and on inline manifests. */
class PodModelTest {
    static final Path PROJECT = Path.of(System.getProperty("ccx.project.dir", ".")).toAbsolutePath().normalize();
    static final Rendered.ServiceAccount SA = new Rendered.ServiceAccount("tok", "CA", "SERVICE-CA");

    @Test
    void aRenderedOverlayBecomesOnePodPerIntegrationWithWhatTheOperatorAdds() {
        Rendered dev = Rendered.kustomize(PROJECT.resolve("k8s/overlays/dev"));
        assertThat(dev.ofKind("Integration")).isNotEmpty();
        String ns = dev.namespaces().iterator().next();
        assertThatThrownBy(() -> dev.pods(SA)).hasMessageContaining("needs Secret ccx-pipeline-credentials")
                .hasMessageContaining("namespace " + ns);
        Map<String, String> secret = Rendered.secretTemplate(PROJECT.resolve("k8s"), "ccx-pipeline-credentials");
        assertThat(secret).containsKeys("CCX_CEPH_ACCESS_KEY", "CCX_CEPH_SECRET_KEY", "CCX_SQS_ACCESS_KEY", "CCX_AWS_S3_ACCESS_KEY");
        secret.put("CCX_CEPH_ACCESS_KEY", "AK");
        secret.put("CCX_CEPH_SECRET_KEY", "SK");
        dev.putSecret(ns, "ccx-pipeline-credentials", secret);
        Map<String, String> config = dev.configMap(ns, "ccx-pipeline-config");

        List<PodSpec> pods = dev.pods(SA);
        assertThat(pods).hasSize(dev.workloads().size());
        for (PodSpec pod : pods.stream().filter(p -> p.kind().equals("Integration")).toList()) {
            assertThat(pod.image()).isEqualTo("quay.io/ccx/ccx-pipeline:0.1.0");
            assertThat(pod.user()).isEqualTo("1001:0");
            assertThat(pod.env()).containsEntry("CAMEL_K_CONF", "/etc/camel/application.properties")
                    .containsEntry("CAMEL_K_CONF_D", "/etc/camel/conf.d")
                    .containsEntry("CAMEL_K_INTEGRATION", pod.workload())
                    .containsEntry("NAMESPACE", ns)
                    .containsKey("POD_NAME")
                    // envFrom: the ConfigMap's and the Secret's data
                    .containsEntry("CCX_ENVS", config.get("CCX_ENVS"))
                    .containsEntry("CCX_KAFKA_GROUP_PREFIX", config.get("CCX_KAFKA_GROUP_PREFIX"))
                    .containsEntry("CCX_CEPH_SECRET_KEY", "SK");
            assertThat(pod.stages()).as(pod.id()).isNotEmpty();
            Map<String, String> files = pod.fileTexts();
            assertThat(files).containsEntry("/etc/camel/conf.d/_configmaps/ccx-pipeline-config/CCX_KAFKA_BROKERS",
                    config.get("CCX_KAFKA_BROKERS")).containsEntry("/etc/camel/conf.d/_secrets/ccx-pipeline-credentials/CCX_CEPH_ACCESS_KEY", "AK")
                    .containsEntry("/var/run/secrets/kubernetes.io/serviceaccount/token", "tok")
                    .containsEntry("/var/run/secrets/kubernetes.io/serviceaccount/namespace", ns);
            assertThat(files.get("/etc/camel/application.properties")).contains("camel.main.cloud-properties-location="
                    + "file:/etc/camel/conf.d/_configmaps/ccx-pipeline-config,file:/etc/camel/conf.d/_secrets/ccx-pipeline-credentials");
            assertThat(pod.memoryLimitBytes()).isEqualTo(1L << 30);
            assertThat(pod.stopTimeoutSeconds()).isEqualTo(60);
            assertThat(pod.readinessPath()).isEqualTo("/observe/health/ready");
        }
        PodSpec factory = pods.stream().filter(p -> p.workload().equals("ccx-parquet-factory")).findFirst().orElseThrow();
        assertThat(factory.stages()).containsExactly("parquet-factory");
        assertThat(factory.volumes()).containsExactly(new PodSpec.Volume("ccx-parquet-state", "/deployments/data"));
        assertThat(factory.env().get("CCX_PARQUET_STATE_DIR")).startsWith("/deployments/data/");
        PodSpec sync = pods.stream().filter(p -> p.workload().equals("ccx-archive-sync")).findFirst().orElseThrow();
        assertThat(sync.stages()).containsExactly("archive-sync");
        assertThat(sync.volumes()).isEmpty();
    }

    @Test
    void environmentTraitRefsMountFormsPipesAndDeployments() throws Exception {
        Rendered r = Rendered.of(Path.of("inline"), parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cfg, namespace: ns1}
                data: {A: a-from-cm, B: b-from-cm, application.properties: "x=1"}
                ---
                apiVersion: camel.apache.org/v1
                kind: Integration
                metadata: {name: it1, namespace: ns1}
                spec:
                  traits:
                    container: {image: img:1}
                    environment:
                      vars: ["FROM_CM=configmap:cfg/A", "FROM_SECRET=secret:creds/KEY", "LIT=x=y", "DOTTED=configmap:a.b/c", "A=trait"]
                    mount:
                      configs: ["configmap:cfg/B", "configmap:cfg/application.properties@/etc/app/app.properties", "secret:creds@/etc/creds"]
                      volumes: ["claim1:/data"]
                  template:
                    spec:
                      securityContext: {runAsUser: 1234}
                      containers:
                      - name: integration
                        envFrom: [{configMapRef: {name: cfg}}]
                        env: [{name: A, value: from-template}, {name: C, value: "$(B)-x"}]
                ---
                apiVersion: camel.apache.org/v1
                kind: Pipe
                metadata: {name: p1, namespace: ns1}
                spec:
                  source: {uri: "kafka:in", properties: {groupId: g}}
                  steps: [{ref: {apiVersion: camel.apache.org/v1, kind: Kamelet, name: k1}}]
                  sink: {uri: "kafka:out"}
                  traits:
                    container: {image: img:2}
                    environment: {vars: ["B=configmap:cfg/B"]}
                ---
                apiVersion: camel.apache.org/v1
                kind: Kamelet
                metadata: {name: k1, namespace: ns1}
                spec: {template: {from: {uri: "kamelet:source", steps: [{to: "kamelet:sink"}]}}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d1, namespace: ns1}
                spec:
                  template:
                    spec:
                      terminationGracePeriodSeconds: 45
                      containers:
                      - name: c
                        image: img:3
                        envFrom: [{secretRef: {name: creds}}]
                        env: [{name: P, valueFrom: {configMapKeyRef: {name: cfg, key: A}}}]
                        resources: {limits: {memory: 1536Mi}}
                        readinessProbe: {httpGet: {path: /ready, port: http}}
                        volumeMounts: [{name: state, mountPath: /state}, {name: conf, mountPath: /conf}]
                      volumes:
                      - {name: state, persistentVolumeClaim: {claimName: pvc1}}
                      - {name: conf, configMap: {name: cfg}}
                """));
        r.putSecret("ns1", "creds", Map.of("KEY", "s3cret"));
        List<PodSpec> pods = r.pods(SA);
        PodSpec it = pods.get(0);
        assertThat(it.env()).containsEntry("FROM_CM", "a-from-cm").containsEntry("FROM_SECRET", "s3cret")
                .containsEntry("LIT", "x=y").containsEntry("DOTTED", "configmap:a.b/c")
                .containsEntry("A", "from-template").containsEntry("C", "b-from-cm-x");
        assertThat(it.fileTexts()).containsEntry("/etc/camel/conf.d/_configmaps/cfg/B", "b-from-cm")
                .doesNotContainKey("/etc/camel/conf.d/_configmaps/cfg/A")
                .containsEntry("/etc/app/app.properties", "x=1").containsEntry("/etc/creds/KEY", "s3cret");
        assertThat(it.fileTexts().get("/etc/camel/application.properties")).contains(
                "camel.main.cloud-properties-location=file:/etc/camel/conf.d/_configmaps/cfg,file:/etc/app/app.properties,file:/etc/creds");
        assertThat(it.volumes()).containsExactly(new PodSpec.Volume("claim1", "/data"));
        assertThat(it.user()).isEqualTo("1234:0");
        assertThat(it.memoryLimitBytes()).isEqualTo(512L << 20);
        assertThat(it.stopTimeoutSeconds()).isEqualTo(30);

        PodSpec pipe = pods.get(1);
        assertThat(pipe.kind()).isEqualTo("Pipe");
        assertThat(pipe.env()).containsEntry("B", "b-from-cm").containsEntry("CAMEL_K_INTEGRATION", "p1");
        assertThat(pipe.fileTexts().get("/etc/camel/sources/camel-k-embedded-flow.yaml"))
                .contains("id: \"binding\"").contains("kafka:in?groupId=g").contains("kamelet:k1/action").contains("kafka:out");
        assertThat(pipe.fileTexts()).containsKey("/etc/camel/kamelets/kamelets-bundle-p1-001/k1.kamelet.yaml");
        assertThat(pipe.fileTexts().get("/etc/camel/application.properties"))
                .contains("camel.component.kamelet.location=file:/etc/camel/kamelets/kamelets-bundle-p1-001,classpath:/kamelets")
                .contains("camel.main.routes-include-pattern=file:/etc/camel/sources/**");

        PodSpec d = pods.get(2);
        assertThat(d.kind()).isEqualTo("Deployment");
        assertThat(d.env()).containsEntry("KEY", "s3cret").containsEntry("P", "a-from-cm").doesNotContainKey("CAMEL_K_CONF");
        assertThat(d.volumes()).containsExactly(new PodSpec.Volume("pvc1", "/state"));
        assertThat(d.fileTexts()).containsEntry("/conf/A", "a-from-cm").containsEntry("/var/run/secrets/kubernetes.io/serviceaccount/service-ca.crt", "SERVICE-CA");
        assertThat(d.memoryLimitBytes()).isEqualTo(1536L << 20);
        assertThat(d.stopTimeoutSeconds()).isEqualTo(45);
        assertThat(d.readinessPath()).isEqualTo("/ready");
    }

    @Test
    void aMissingKeyOrConfigMapFailsLikeThePodWould() throws Exception {
        Rendered r = Rendered.of(Path.of("inline"), parse("""
                apiVersion: camel.apache.org/v1
                kind: Integration
                metadata: {name: it1}
                spec: {traits: {container: {image: img}, mount: {configs: ["configmap:nope"]}}}
                """));
        assertThatThrownBy(() -> r.pods(SA)).hasMessageContaining("default/it1 needs ConfigMap nope");
    }

    private static List<ObjectNode> parse(String yaml) {
        return k8s.Manifests.parse(yaml).stream().map(k8s.Manifests.Doc::node).toList();
    }
}

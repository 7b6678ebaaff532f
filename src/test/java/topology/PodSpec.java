package topology;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pod of a rendered manifest as the container the test runs: what Kubernetes (and, for a
 * Camel K Integration, the operator) would put into it.
 *
 * @param namespace      metadata.namespace of the workload ("default" when the overlay sets none)
 * @param workload       the Integration / Pipe / Deployment name
 * @param kind           Integration, Pipe or Deployment
 * @param image          container image (container trait {@code image} or the Deployment's container image)
 * @param env            the container's environment, resolved to values, in the order the kubelet sets
 *                       it (a later entry of the same name wins)
 * @param files          read-only files placed in the container: path -> content (ConfigMap/Secret
 *                       mounts, /etc/camel/application.properties, the service-account directory)
 * @param volumes        persistent volume claims mounted read-write
 * @param user           uid:gid the process runs as
 * @param memoryLimitBytes memory limit (cgroup), 0 for none
 * @param stopTimeoutSeconds terminationGracePeriodSeconds: SIGTERM, then SIGKILL after this long
 * @param readinessPath  the readiness probe's HTTP path
 * @param livenessPath   the liveness probe's HTTP path
 */
public record PodSpec(String namespace, String workload, String kind, String image, Map<String, String> env,
                      Map<String, byte[]> files, List<Volume> volumes, String user, long memoryLimitBytes,
                      int stopTimeoutSeconds, String readinessPath, String livenessPath) {

    /** A PersistentVolumeClaim mounted at {@code mountPath}. */
    public record Volume(String claim, String mountPath) {
    }

    public String id() {
        return namespace + "/" + workload;
    }

    /** The stages switched on by CCX_STAGES_* = true, e.g. [archive-sync]. */
    public List<String> stages() {
        return env.entrySet().stream().filter(e -> e.getKey().startsWith("CCX_STAGES_") && e.getValue().equals("true"))
                .map(e -> e.getKey().substring("CCX_STAGES_".length()).toLowerCase().replace('_', '-')).toList();
    }

    /** Text form of {@link #files()}, for assertions and logs. */
    public Map<String, String> fileTexts() {
        Map<String, String> out = new TreeMap<>();
        files.forEach((k, v) -> out.put(k, new String(v, java.nio.charset.StandardCharsets.UTF_8)));
        return out;
    }
}

package topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rendered kustomization (the real {@code kubectl kustomize}) and the pods it makes: every Camel K
 * Integration, every Pipe and every apps/v1 Deployment becomes a {@link PodSpec} holding what would
 * be in its pod.
 *
 * <p>For an Integration of a self-managed image ({@code container.image} set) that is, as the Camel K
 * operator builds it (apache/camel-k: container.go, environment.go, mount.go, camel.go; see
 * docs in /work/shared/notes/CAMEL-K.md):
 * <ul>
 *   <li>image: {@code traits.container.image}; the image's entrypoint runs unchanged (the jvm trait is
 *       off without a managed build); user 1001:0 (the image's), unless securityContext.runAsUser;</li>
 *   <li>environment: {@code envFrom} of the template's container (ConfigMap / Secret data), then the
 *       operator's variables {@code CAMEL_K_CONF=/etc/camel/application.properties},
 *       {@code CAMEL_K_CONF_D=/etc/camel/conf.d}, {@code CAMEL_K_DIGEST}, {@code CAMEL_K_INTEGRATION},
 *       {@code CAMEL_K_MOUNT_PATH_CONFIGMAPS}, {@code CAMEL_K_MOUNT_PATH_SECRETS}, {@code NAMESPACE},
 *       {@code POD_NAME}, then {@code traits.environment.vars} ({@code KEY=value},
 *       {@code KEY=configmap:NAME/key}, {@code KEY=secret:NAME/key}), then the template container's
 *       {@code env} (merged by name: it wins);</li>
 *   <li>files: each {@code traits.mount.configs} entry ({@code configmap:NAME}, {@code NAME/key},
 *       {@code NAME/key@/file}, {@code NAME@/dir}; same for {@code secret:}) under
 *       /etc/camel/conf.d/_configmaps/NAME/ or /etc/camel/conf.d/_secrets/NAME/ one file per key, and
 *       /etc/camel/application.properties with {@code camel.main.cloud-properties-location} listing
 *       those mounts;</li>
 *   <li>volumes: {@code traits.mount.volumes} {@code claim:/path};</li>
 *   <li>memory limit {@code traits.container.limitMemory} (operator default 512Mi); stop timeout
 *       {@code template.spec.terminationGracePeriodSeconds} (Kubernetes default 30); probes from the
 *       health trait (default /observe/health/ready and /observe/health/live).</li>
 * </ul>
 * A Pipe is turned into its Integration first: one route {@code binding} from the source through
 * the steps to the sink in /etc/camel/sources/camel-k-embedded-flow.yaml, the Kamelets it names (if
 * rendered) in /etc/camel/kamelets/kamelets-bundle-NAME-001/, and the application.properties lines
 * that load them. A Deployment's container gives image, env, envFrom, resources.limits.memory,
 * volumeMounts (persistentVolumeClaim, configMap, secret) and its probes as they are.
 * Every pod also gets what the kubelet mounts: the service-account directory
 * /var/run/secrets/kubernetes.io/serviceaccount (token, namespace, ca.crt, and OpenShift's
 * service-ca.crt), with the contents the caller supplies.
 */
public final class Rendered {
    public static final String CONF = "/etc/camel/application.properties";
    public static final String CONF_D = "/etc/camel/conf.d";
    public static final String CONFIGMAPS = CONF_D + "/_configmaps";
    public static final String SECRETS = CONF_D + "/_secrets";
    public static final String SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";
    private static final Pattern ENV_REF = Pattern.compile("^(configmap|secret):([a-z0-9-]+)/([-._a-zA-Z0-9]+)$");

    private final Path dir;
    private final List<ObjectNode> objects;
    private final Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> secrets = new LinkedHashMap<>();

    private Rendered(Path dir, List<ObjectNode> objects) {
        this.dir = dir;
        this.objects = objects;
        for (ObjectNode o : objects) {
            if (isKind(o, "v1", "ConfigMap")) {
                configMaps.put(key(namespace(o), name(o)), strings(o.path("data")));
            } else if (isKind(o, "v1", "Secret")) {
                Map<String, String> data = new LinkedHashMap<>();
                o.path("data").properties().forEach(e -> data.put(e.getKey(),
                        new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
                data.putAll(strings(o.path("stringData")));
                secrets.put(key(namespace(o), name(o)), data);
            }
        }
    }

    /** {@code kubectl kustomize dir} ({@link k8s.Kustomize}). */
    public static Rendered kustomize(Path dir) {
        return new Rendered(dir, k8s.Kustomize.render(dir).stream().map(k8s.Manifests.Doc::node).toList());
    }

    /** Already rendered objects (tests). */
    public static Rendered of(Path dir, List<ObjectNode> objects) {
        return new Rendered(dir, objects);
    }

    public Path dir() {
        return dir;
    }

    public List<ObjectNode> objects() {
        return objects;
    }

    /** The objects that become pods: camel.apache.org Integration and Pipe, apps/v1 Deployment. */
    public List<ObjectNode> workloads() {
        return objects.stream().filter(o -> isKind(o, "camel.apache.org/v1", "Integration") || isKind(o, "camel.apache.org/v1", "Pipe")
                || isKind(o, "apps/v1", "Deployment")).toList();
    }

    public List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    public Set<String> namespaces() {
        Set<String> out = new LinkedHashSet<>();
        objects.forEach(o -> out.add(namespace(o)));
        return out;
    }

    /** The ConfigMap's data (mutable: the test points connection settings at its servers here). */
    public Map<String, String> configMap(String namespace, String name) {
        Map<String, String> data = configMaps.get(key(namespace, name));
        if (data == null) {
            throw new IllegalArgumentException("no ConfigMap " + key(namespace, name) + " in " + dir + " (have " + configMaps.keySet() + ")");
        }
        return data;
    }

    /** Every ConfigMap: "namespace/name" -> data. */
    public Map<String, Map<String, String>> configMaps() {
        return configMaps;
    }

    /** Creates (or replaces) a Secret, as an operator does with {@code oc create secret generic}. */
    public void putSecret(String namespace, String name, Map<String, String> data) {
        secrets.put(key(namespace, name), new LinkedHashMap<>(data));
    }

    /**
     * The keys of the Secret template {@code name} kept beside the manifests (not rendered: its
     * placeholder values must never be applied), each mapped to its placeholder value.
     */
    public static Map<String, String> secretTemplate(Path k8sDir, String name) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(k8sDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (ObjectNode o : k8s.Manifests.load(f).stream().map(k8s.Manifests.Doc::node).toList()) {
                    if (isKind(o, "v1", "Secret") && name(o).equals(name)) {
                        Map<String, String> keys = new LinkedHashMap<>(strings(o.path("stringData")));
                        o.path("data").fieldNames().forEachRemaining(k -> keys.putIfAbsent(k, ""));
                        return keys;
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no Secret template " + name + " below " + k8sDir);
    }

    /** What the kubelet puts into /var/run/secrets/kubernetes.io/serviceaccount (token and CA certificates). */
    public record ServiceAccount(String token, String caCrt, String serviceCaCrt) {
    }

    /** One pod per workload. */
    public List<PodSpec> pods(ServiceAccount serviceAccount) {
        List<PodSpec> out = new ArrayList<>();
        for (ObjectNode w : workloads()) {
            out.add(switch (w.path("kind").asText()) {
                case "Integration" -> integration(w, w.path("spec"), serviceAccount);
                case "Pipe" -> integration(w, pipeAsIntegration(w), serviceAccount);
                default -> deployment(w, serviceAccount);
            });
        }
        return out;
    }

    // ------------------------------------------------------------------ Camel K

    private PodSpec integration(ObjectNode it, JsonNode spec, ServiceAccount sa) {
        String ns = namespace(it);
        String name = name(it);
        JsonNode traits = spec.path("traits");
        JsonNode container = traits.path("container");
        String image = container.path("image").asText("");
        if (image.isEmpty()) {
            throw new IllegalArgumentException(it.path("kind").asText() + " " + key(ns, name)
                    + " has no traits.container.image: only self-managed images run without an operator build");
        }
        JsonNode podSpec = spec.path("template").path("spec");
        JsonNode templateContainer = podSpec.path("containers").path(0);

        Map<String, String> env = new LinkedHashMap<>();
        envFrom(ns, name, templateContainer.path("envFrom"), env);
        env.put("CAMEL_K_CONF", CONF);
        env.put("CAMEL_K_CONF_D", CONF_D);
        env.put("CAMEL_K_DIGEST", digest(spec));
        env.put("CAMEL_K_INTEGRATION", name);
        env.put("CAMEL_K_MOUNT_PATH_CONFIGMAPS", CONFIGMAPS);
        env.put("CAMEL_K_MOUNT_PATH_SECRETS", SECRETS);
        env.put("NAMESPACE", ns);
        env.put("POD_NAME", podName(ns, name));
        for (JsonNode v : traits.path("environment").path("vars")) {
            String s = v.asText();
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(key(ns, name) + ": environment var '" + s + "' is not KEY=VALUE");
            }
            env.put(s.substring(0, eq), environmentValue(ns, name, s.substring(eq + 1)));
        }
        env(ns, name, templateContainer.path("env"), env);

        Map<String, byte[]> files = new TreeMap<>();
        List<String> cloudLocations = new ArrayList<>();
        for (JsonNode c : traits.path("mount").path("configs")) {
            mountConfig(ns, name, c.asText(), files, cloudLocations);
        }
        StringBuilder props = new StringBuilder("# generated by the Camel K operator (modelled by the topology test)\n");
        if (it.path("kind").asText().equals("Pipe")) {
            props.append("camel.component.kamelet.location=file:/etc/camel/kamelets/kamelets-bundle-").append(name)
                    .append("-001,classpath:/kamelets\n");
            props.append("camel.component.kamelet.no-error-handler=false\n");
            props.append("camel.main.source-location-enabled=true\n");
            props.append("camel.main.routes-include-pattern=file:/etc/camel/sources/**\n");
            files.put("/etc/camel/sources/camel-k-embedded-flow.yaml", utf8(flowYaml(spec)));
            for (String kamelet : kameletRefs(spec)) {
                ofKind("Kamelet").stream().filter(k -> name(k).equals(kamelet)).findFirst().ifPresent(k -> files.put(
                        "/etc/camel/kamelets/kamelets-bundle-" + name + "-001/" + kamelet + ".kamelet.yaml", utf8(yaml(k))));
            }
        }
        if (!cloudLocations.isEmpty()) {
            props.append("camel.main.cloud-properties-location=").append(String.join(",", cloudLocations)).append('\n');
        }
        files.put(CONF, utf8(props.toString()));
        serviceAccountFiles(ns, sa, files);

        List<PodSpec.Volume> volumes = new ArrayList<>();
        for (JsonNode v : traits.path("mount").path("volumes")) {
            String[] parts = v.asText().split(":", 2);
            if (parts.length != 2 || !parts[1].startsWith("/")) {
                throw new IllegalArgumentException(key(ns, name) + ": mount volume '" + v.asText() + "' is not CLAIM:/path");
            }
            volumes.add(new PodSpec.Volume(parts[0], parts[1]));
        }
        JsonNode health = traits.path("health");
        return new PodSpec(ns, name, it.path("kind").asText(), image, env, files, volumes, user(podSpec),
                memory(container.path("limitMemory").asText("512Mi")),
                podSpec.path("terminationGracePeriodSeconds").asInt(30),
                health.path("readinessProbe").asText("/observe/health/ready"),
                health.path("livenessProbe").asText("/observe/health/live"));
    }

    private void mountConfig(String ns, String owner, String config, Map<String, byte[]> files, List<String> cloudLocations) {
        boolean secret = config.startsWith("secret:");
        if (!secret && !config.startsWith("configmap:")) {
            throw new IllegalArgumentException(key(ns, owner) + ": mount config '" + config + "' is neither configmap: nor secret:");
        }
        String ref = config.substring(config.indexOf(':') + 1);
        String target = null;
        if (ref.contains("@")) {
            target = ref.substring(ref.indexOf('@') + 1);
            ref = ref.substring(0, ref.indexOf('@'));
        }
        String resource = ref.contains("/") ? ref.substring(0, ref.indexOf('/')) : ref;
        String onlyKey = ref.contains("/") ? ref.substring(ref.indexOf('/') + 1) : null;
        Map<String, String> data = secret ? secret(ns, owner, resource) : configMap(ns, owner, resource);
        String dirPath = (secret ? SECRETS : CONFIGMAPS) + "/" + resource;
        if (onlyKey != null && target != null) {
            files.put(target, utf8(require(data, onlyKey, ns, owner, resource)));
            cloudLocations.add("file:" + target);
            return;
        }
        if (target != null) {
            dirPath = target;
        }
        for (Map.Entry<String, String> e : data.entrySet()) {
            if (onlyKey == null || onlyKey.equals(e.getKey())) {
                files.put(dirPath + "/" + e.getKey(), utf8(e.getValue()));
            }
        }
        if (onlyKey != null) {
            require(data, onlyKey, ns, owner, resource);
        }
        cloudLocations.add("file:" + dirPath);
    }

    private String environmentValue(String ns, String owner, String value) {
        Matcher m = ENV_REF.matcher(value);
        if (!m.matches()) {
            return value; // literal (also a NAME with dots: Camel K leaves it literal)
        }
        Map<String, String> data = m.group(1).equals("secret") ? secret(ns, owner, m.group(2)) : configMap(ns, owner, m.group(2));
        return require(data, m.group(3), ns, owner, m.group(2));
    }

    /** A Pipe as its Integration (pkg/controller/pipe/integration.go): same traits, one flow. */
    private JsonNode pipeAsIntegration(ObjectNode pipe) {
        ObjectNode spec = pipe.path("spec").deepCopy();
        if (!spec.has("traits")) {
            ObjectNode traits = spec.putObject("traits");
            pipe.path("metadata").path("annotations").properties().forEach(e -> {
                if (e.getKey().startsWith("trait.camel.apache.org/")) {
                    String[] t = e.getKey().substring("trait.camel.apache.org/".length()).split("\\.", 2);
                    traits.with(t[0]).put(t[1], e.getValue().asText());
                }
            });
        }
        return spec;
    }

    private static List<String> kameletRefs(JsonNode pipeSpec) {
        List<String> out = new ArrayList<>();
        for (JsonNode endpoint : endpoints(pipeSpec)) {
            if (endpoint.path("ref").path("kind").asText().equals("Kamelet")) {
                out.add(endpoint.path("ref").path("name").asText());
            }
        }
        return out;
    }

    private static List<JsonNode> endpoints(JsonNode pipeSpec) {
        List<JsonNode> out = new ArrayList<>();
        out.add(pipeSpec.path("source"));
        pipeSpec.path("steps").forEach(out::add);
        out.add(pipeSpec.path("sink"));
        return out;
    }

    /** The generated source camel-k-embedded-flow.yaml: route "binding", source -> steps -> sink. */
    private static String flowYaml(JsonNode pipeSpec) {
        ArrayNode flows = k8s.Manifests.YAML.createArrayNode();
        ObjectNode route = flows.addObject().putObject("route");
        route.put("id", "binding");
        ObjectNode from = route.putObject("from");
        from.put("uri", uri(pipeSpec.path("source"), "source"));
        ArrayNode steps = from.putArray("steps");
        for (JsonNode step : pipeSpec.path("steps")) {
            steps.addObject().putObject("to").put("uri", uri(step, "action"));
        }
        steps.addObject().putObject("to").put("uri", uri(pipeSpec.path("sink"), "sink"));
        return yaml(flows);
    }

    private static String uri(JsonNode endpoint, String kameletRole) {
        StringBuilder uri = new StringBuilder();
        if (endpoint.has("uri")) {
            uri.append(endpoint.get("uri").asText());
        } else {
            uri.append("kamelet:").append(endpoint.path("ref").path("name").asText()).append('/').append(kameletRole);
        }
        String sep = uri.indexOf("?") < 0 ? "?" : "&";
        for (Map.Entry<String, JsonNode> p : endpoint.path("properties").properties()) {
            uri.append(sep).append(p.getKey()).append('=').append(p.getValue().asText());
            sep = "&";
        }
        return uri.toString();
    }

    // ------------------------------------------------------------------ plain Deployment

    private PodSpec deployment(ObjectNode d, ServiceAccount sa) {
        String ns = namespace(d);
        String name = name(d);
        JsonNode podSpec = d.path("spec").path("template").path("spec");
        JsonNode c = podSpec.path("containers").path(0);
        Map<String, String> env = new LinkedHashMap<>();
        envFrom(ns, name, c.path("envFrom"), env);
        env(ns, name, c.path("env"), env);
        Map<String, JsonNode> podVolumes = new LinkedHashMap<>();
        podSpec.path("volumes").forEach(v -> podVolumes.put(v.path("name").asText(), v));
        Map<String, byte[]> files = new TreeMap<>();
        List<PodSpec.Volume> volumes = new ArrayList<>();
        for (JsonNode m : c.path("volumeMounts")) {
            JsonNode v = podVolumes.get(m.path("name").asText());
            String path = m.path("mountPath").asText();
            if (v == null) {
                throw new IllegalArgumentException(key(ns, name) + ": volumeMount " + m.path("name").asText() + " has no volume");
            } else if (v.has("persistentVolumeClaim")) {
                volumes.add(new PodSpec.Volume(v.path("persistentVolumeClaim").path("claimName").asText(), path));
            } else if (v.has("configMap") || v.has("secret")) {
                Map<String, String> data = v.has("configMap") ? configMap(ns, name, v.path("configMap").path("name").asText())
                        : secret(ns, name, v.path("secret").path("secretName").asText());
                data.forEach((k, val) -> files.put(path + "/" + k, utf8(val)));
            } else {
                throw new IllegalArgumentException(key(ns, name) + ": volume kind of " + v + " is not modelled");
            }
        }
        serviceAccountFiles(ns, sa, files);
        String limit = c.path("resources").path("limits").path("memory").asText("");
        return new PodSpec(ns, name, "Deployment", c.path("image").asText(), env, files, volumes, user(podSpec),
                limit.isEmpty() ? 0 : memory(limit), podSpec.path("terminationGracePeriodSeconds").asInt(30),
                c.path("readinessProbe").path("httpGet").path("path").asText("/observe/health/ready"),
                c.path("livenessProbe").path("httpGet").path("path").asText("/observe/health/live"));
    }

    // ------------------------------------------------------------------ shared

    private void envFrom(String ns, String owner, JsonNode envFrom, Map<String, String> env) {
        for (JsonNode src : envFrom) {
            String prefix = src.path("prefix").asText("");
            if (src.has("configMapRef")) {
                JsonNode ref = src.get("configMapRef");
                optionalData(configMaps, ns, ref).or(() -> java.util.Optional.of(configMap(ns, owner, ref.path("name").asText())))
                        .get().forEach((k, v) -> env.put(prefix + k, v));
            } else if (src.has("secretRef")) {
                JsonNode ref = src.get("secretRef");
                optionalData(secrets, ns, ref).or(() -> java.util.Optional.of(secret(ns, owner, ref.path("name").asText())))
                        .get().forEach((k, v) -> env.put(prefix + k, v));
            }
        }
    }

    private static java.util.Optional<Map<String, String>> optionalData(Map<String, Map<String, String>> all, String ns, JsonNode ref) {
        Map<String, String> data = all.get(key(ns, ref.path("name").asText()));
        if (data == null && ref.path("optional").asBoolean(false)) {
            return java.util.Optional.of(Map.of());
        }
        return java.util.Optional.ofNullable(data);
    }

    private void env(String ns, String owner, JsonNode list, Map<String, String> env) {
        for (JsonNode e : list) {
            String key = e.path("name").asText();
            JsonNode from = e.path("valueFrom");
            if (from.has("configMapKeyRef")) {
                JsonNode r = from.get("configMapKeyRef");
                env.put(key, require(configMap(ns, owner, r.path("name").asText()), r.path("key").asText(), ns, owner, r.path("name").asText()));
            } else if (from.has("secretKeyRef")) {
                JsonNode r = from.get("secretKeyRef");
                env.put(key, require(secret(ns, owner, r.path("name").asText()), r.path("key").asText(), ns, owner, r.path("name").asText()));
            } else if (from.has("fieldRef")) {
                String field = from.get("fieldRef").path("fieldPath").asText();
                env.put(key, switch (field) {
                    case "metadata.namespace" -> ns;
                    case "metadata.name" -> podName(ns, owner);
                    default -> throw new IllegalArgumentException(key(ns, owner) + ": fieldRef " + field + " is not modelled");
                });
            } else {
                env.put(key, expand(e.path("value").asText(""), env));
            }
        }
    }

    /** $(VAR) references to earlier variables, as the kubelet expands them. */
    private static String expand(String value, Map<String, String> env) {
        Matcher m = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    private void serviceAccountFiles(String ns, ServiceAccount sa, Map<String, byte[]> files) {
        if (sa == null) {
            return;
        }
        files.put(SERVICE_ACCOUNT + "/token", utf8(sa.token()));
        files.put(SERVICE_ACCOUNT + "/namespace", utf8(ns));
        files.put(SERVICE_ACCOUNT + "/ca.crt", utf8(sa.caCrt()));
        files.put(SERVICE_ACCOUNT + "/service-ca.crt", utf8(sa.serviceCaCrt()));
    }

    private Map<String, String> configMap(String ns, String owner, String name) {
        Map<String, String> data = configMaps.get(key(ns, name));
        if (data == null) {
            throw new IllegalStateException(key(ns, owner) + " needs ConfigMap " + name + ", which " + dir
                    + " does not render in namespace " + ns + " (the pod would not start: CreateContainerConfigError)");
        }
        return data;
    }

    private Map<String, String> secret(String ns, String owner, String name) {
        Map<String, String> data = secrets.get(key(ns, name));
        if (data == null) {
            throw new IllegalStateException(key(ns, owner) + " needs Secret " + name + " in namespace " + ns
                    + ": create it (putSecret) as an operator would before deploying");
        }
        return data;
    }

    private static String require(Map<String, String> data, String k, String ns, String owner, String resource) {
        String v = data.get(k);
        if (v == null) {
            throw new IllegalStateException(key(ns, owner) + " needs key " + k + " of " + resource + ", which has " + data.keySet());
        }
        return v;
    }

    private static String user(JsonNode podSpec) {
        JsonNode sc = podSpec.path("securityContext");
        JsonNode csc = podSpec.path("containers").path(0).path("securityContext");
        String uid = csc.path("runAsUser").asText(sc.path("runAsUser").asText("1001"));
        String gid = csc.path("runAsGroup").asText(sc.path("runAsGroup").asText("0"));
        return uid + ":" + gid;
    }

    /** A Kubernetes memory quantity in bytes (Ki Mi Gi Ti, k M G T, or plain bytes). */
    static long memory(String quantity) {
        Matcher m = Pattern.compile("^([0-9]+)(Ki|Mi|Gi|Ti|k|M|G|T)?$").matcher(quantity.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("memory quantity '" + quantity + "' is not modelled");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return n * switch (unit) {
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            case "k" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            default -> 1L;
        };
    }

    private static String podName(String ns, String workload) {
        String h = Integer.toHexString((ns + "/" + workload).hashCode() & 0x7fffffff);
        return workload + "-" + (h + "0000000000").substring(0, 10) + "-" + (h + "xxxxx").substring(0, 5);
    }

    private static String digest(JsonNode spec) {
        return "v" + Integer.toUnsignedString(spec.toString().hashCode(), 36);
    }

    static boolean isKind(JsonNode o, String apiVersion, String kind) {
        return o.path("apiVersion").asText().equals(apiVersion) && o.path("kind").asText().equals(kind);
    }

    static String namespace(JsonNode o) {
        return o.path("metadata").path("namespace").asText("default");
    }

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    private static String key(String ns, String name) {
        return ns + "/" + name;
    }

    private static Map<String, String> strings(JsonNode data) {
        Map<String, String> out = new LinkedHashMap<>();
        data.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String yaml(JsonNode n) {
        try {
            return k8s.Manifests.YAML.writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

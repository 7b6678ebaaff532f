package topology;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import testing.Readiness;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * One {@link PodSpec} as a container on the local engine (Testcontainers, never pulling): host
 * networking, the spec's env, files (bind-mounted read-only, see {@link #fileMounts()}), user, memory limit
 * (no swap), stop timeout = terminationGracePeriodSeconds, and each claim a host directory
 * (per namespace and claim, so a restarted pod finds its state) owned by the pod's uid, group 0.
 * Each {@link #start()} is a new container (a new pod of the same spec); the output of all of
 * them is appended to one log file.
 */
public final class Pod {
    private final PodSpec spec;
    private final Map<String, String> env;
    private final int httpPort;
    private final Path log;
    private final Path volumesRoot;
    private final Path filesRoot;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Double> exchangesDone = new LinkedHashMap<>(); // of this pod's stopped containers
    private final Map<String, Double> exchangesCurrent = new LinkedHashMap<>(); // of the running one, at its last scrape
    private double cpuDone; // process CPU seconds of this pod's stopped containers
    private double cpuCurrent; // of the running one, at its last scrape
    private GenericContainer<?> container;
    private int starts;

    /**
     * @param httpPort the pod's own CCX_HTTP_PORT, set over the spec's env (all pods share the host network)
     */
    public Pod(PodSpec spec, int httpPort, Path logDir, Path volumesRoot) {
        this(spec, httpPort, logDir, volumesRoot, volumesRoot.resolveSibling("pods"));
    }

    /**
     * @param filesRoot where the spec's files are written before they are mounted (one directory per
     *                  namespace and workload): a pod of another shape running beside one of the same
     *                  name needs its own
     */
    public Pod(PodSpec spec, int httpPort, Path logDir, Path volumesRoot, Path filesRoot) {
        this.spec = spec;
        this.filesRoot = filesRoot;
        this.env = new LinkedHashMap<>(spec.env());
        this.env.put("CCX_HTTP_PORT", Integer.toString(httpPort));
        this.httpPort = httpPort;
        this.log = logDir.resolve(spec.namespace() + "_" + spec.workload() + ".log");
        this.volumesRoot = volumesRoot;
    }

    public PodSpec spec() {
        return spec;
    }

    public String id() {
        return spec.id();
    }

    public Map<String, String> env() {
        return env;
    }

    public Path log() {
        return log;
    }

    /** The host directory of a claim of this pod's namespace. */
    public Path claimDir(String claim) {
        return volumesRoot.resolve(spec.namespace()).resolve(claim);
    }

    /** Creates and starts a new container of the spec; returns at once (see {@link #waitReady}). */
    public synchronized Pod start() {
        if (container != null) {
            throw new IllegalStateException(id() + " is running");
        }
        starts++;
        String name = (spec.namespace() + "-" + spec.workload() + "-" + starts + "-" + Long.toHexString(System.nanoTime() & 0xfffff))
                .replaceAll("[^a-zA-Z0-9_.-]", "-");
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(spec.image()))
                .withImagePullPolicy(image -> false)
                .withNetworkMode("host")
                .withEnv(env)
                .waitingFor(new AbstractWaitStrategy() {
                    @Override
                    protected void waitUntilReady() {
                        // readiness is polled by waitReady, for every pod at once
                    }
                })
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName(name).withUser(spec.user()).withStopTimeout(spec.stopTimeoutSeconds());
                    if (spec.memoryLimitBytes() > 0) {
                        cmd.getHostConfig().withMemory(spec.memoryLimitBytes()).withMemorySwap(spec.memoryLimitBytes());
                    }
                })
                .withLogConsumer(frame -> append(frame.getUtf8String()));
        for (var mount : fileMounts().entrySet()) {
            c.withFileSystemBind(mount.getValue().toString(), mount.getKey(), BindMode.READ_ONLY);
        }
        for (PodSpec.Volume v : spec.volumes()) {
            c.withFileSystemBind(claimDir(v.claim()).toString(), v.mountPath(), BindMode.READ_WRITE);
        }
        try {
            for (PodSpec.Volume v : spec.volumes()) {
                Path dir = Files.createDirectories(claimDir(v.claim()));
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));
                int uid = Integer.parseInt(spec.user().split(":")[0]);
                Files.setAttribute(dir, "unix:uid", uid);
                Files.setAttribute(dir, "unix:gid", 0);
            }
            append(String.format("%n===== %s start #%d %s (container %s) =====%n", id(), starts, Instant.now(), name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        c.start();
        container = c;
        return this;
    }

    /**
     * The spec's files written once under the files root (target/topology/pods/NS_WORKLOAD/) and mounted read-only as
     * the kubelet mounts ConfigMap / Secret / projected volumes: a directory whose files all come
     * from the spec (and that holds no other mounted directory) is mounted whole; other files (e.g.
     * /etc/camel/application.properties) one by one, as subPath mounts. Container path -> host path.
     */
    private Map<String, Path> fileMounts() {
        Path root = filesRoot.resolve(spec.namespace() + "_" + spec.workload());
        Map<String, Path> mounts = new java.util.TreeMap<>();
        java.util.Set<String> dirs = new java.util.TreeSet<>();
        spec.files().keySet().forEach(f -> dirs.add(f.substring(0, f.lastIndexOf('/'))));
        try {
            for (var file : spec.files().entrySet()) {
                Path host = root.resolve(file.getKey().substring(1));
                Files.createDirectories(host.getParent());
                Files.write(host, file.getValue());
                Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rw-r--r--"));
                String dir = file.getKey().substring(0, file.getKey().lastIndexOf('/'));
                boolean leaf = dirs.stream().noneMatch(d -> d.startsWith(dir + "/"));
                if (leaf) {
                    mounts.put(dir, root.resolve(dir.substring(1)));
                } else {
                    mounts.put(file.getKey(), host);
                }
            }
            try (var walk = Files.walk(root)) {
                for (Path d : walk.filter(Files::isDirectory).toList()) {
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mounts;
    }

    /** Polls the readiness probe's path until it answers 200; fails when the container exits or time is up. */
    public void waitReady(Duration timeout) throws InterruptedException {
        Readiness.await200(id(), timeout, Duration.ofMillis(500), () -> running() ? null : "exited before it was ready (" + exitCode() + ")",
                () -> get(spec.readinessPath()), () -> tail(40));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public synchronized boolean running() {
        if (container == null) {
            return false;
        }
        InspectContainerResponse.ContainerState state = docker().inspectContainerCmd(container.getContainerId()).exec().getState();
        return Boolean.TRUE.equals(state.getRunning());
    }

    private synchronized Long exitCode() {
        return container == null ? null : docker().inspectContainerCmd(container.getContainerId()).exec().getState().getExitCodeLong();
    }

    /** {@code docker kill} (SIGKILL, no grace), then the container is removed; the claim directories stay. */
    public synchronized void kill() {
        scrape();
        docker().killContainerCmd(container.getContainerId()).exec();
        remove();
    }

    /**
     * {@code docker stop}: SIGTERM, SIGKILL after terminationGracePeriodSeconds, as the kubelet does.
     *
     * @return the exit code and how long the stop took
     */
    public synchronized Exit stop() {
        scrape();
        long t0 = System.nanoTime();
        docker().stopContainerCmd(container.getContainerId()).withTimeout(spec.stopTimeoutSeconds()).exec();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        Long code = exitCode();
        remove();
        return new Exit(code == null ? -1 : code.intValue(), took);
    }

    /** How a stop ended: exit code (143 = SIGTERM handled by the JVM) and time taken. */
    public record Exit(int code, Duration took) {
    }

    private void remove() {
        GenericContainer<?> c = container;
        container = null;
        cpuDone += cpuCurrent;
        cpuCurrent = 0;
        exchangesCurrent.forEach((route, n) -> exchangesDone.merge(route, n, Double::sum));
        exchangesCurrent.clear();
        c.stop(); // removes the stopped container
    }

    /**
     * Reads the running container's camel_exchanges_total per route and its CPU time (called before
     * each stop / kill, and whenever a caller wants them current; scraping twice counts nothing twice).
     */
    public synchronized void scrape() {
        try {
            HttpResponse<String> r = get("/observe/metrics");
            Map<String, Double> now = new LinkedHashMap<>();
            for (String line : r.body().split("\n")) {
                if (line.startsWith("process_cpu_time_ns_total")) {
                    cpuCurrent = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) / 1e9;
                }
                if (line.startsWith("camel_exchanges_total{")) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("routeId=\"([^\"]+)\"").matcher(line);
                    String route = m.find() ? m.group(1) : "?";
                    now.merge(route, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
                }
            }
            exchangesCurrent.clear();
            exchangesCurrent.putAll(now);
        } catch (Exception e) {
            append("[topology] metrics scrape failed: " + e + "\n");
        }
    }

    /**
     * CPU seconds the pod's JVMs used (Micrometer's process_cpu_time, scraped before each stop / kill
     * and by {@link #scrape}): what the pod costs whatever else the machine runs.
     */
    public synchronized double cpuSeconds() {
        return cpuDone + cpuCurrent;
    }

    /** camel_exchanges_total per route, summed over this pod's containers (scraped before each stop / kill). */
    public synchronized Map<String, Double> exchanges() {
        Map<String, Double> all = new LinkedHashMap<>(exchangesDone);
        exchangesCurrent.forEach((route, n) -> all.merge(route, n, Double::sum));
        return all;
    }

    public String tail(int lines) {
        return Readiness.tail(log, lines);
    }

    public long logLines(String text) {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private synchronized void append(String text) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // logging must not fail the pod
        }
    }

    /** Stops and removes a running container (end of the test). */
    public synchronized void close() {
        if (container != null) {
            try {
                stop();
            } catch (RuntimeException e) {
                append("[topology] close: " + e + "\n");
            }
        }
    }

    static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }
}

package testing;

import devservers.FreePort;
import devservers.ProjectPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The packaged pipeline ({@code target/ccx-pipeline.jar}, main class {@code app.PipelineMain}) as a
 * separate JVM, for tests that kill it: {@link #kill9()} and {@link #sigterm(Duration)}. The
 * configuration (e.g. from {@link PipelineUnderTest#config}) is passed as system properties, which
 * camel-main reads over application.properties; the HTTP endpoint is switched on, on a free port,
 * so {@link #waitReady(Duration)} can poll {@code /observe/health}. Output (all runs) is appended
 * to one log file.
 */
public final class PipelineProcess implements AutoCloseable {
    private final Properties config;
    private final Path log;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;

    public PipelineProcess(Properties config, Path log) {
        this.config = new Properties();
        this.config.putAll(config);
        String port = config.getProperty("ccx.http.port");
        this.httpPort = port != null && !"false".equals(config.getProperty("ccx.http.enabled")) && !port.equals("8080")
                ? Integer.parseInt(port) : FreePort.pick();
        this.config.setProperty("ccx.http.enabled", "true");
        this.config.setProperty("ccx.http.port", Integer.toString(httpPort));
        this.log = log;
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "pipeline-process-cleanup"));
    }

    /** Launches the jar (it must not be running); returns at once, see {@link #waitReady}. */
    public synchronized PipelineProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("pipeline already running, pid " + process.pid());
        }
        Path jar = ProjectPaths.targetDir().resolve("ccx-pipeline.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: run `mvn package` first");
        }
        List<String> command = new ArrayList<>(List.of(ProjectPaths.javaBinary(), "-Xmx384m",
                // Quick start on a busy machine: C1 only, one GC thread set.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Daws.requestChecksumCalculation=WHEN_REQUIRED", "-Daws.responseChecksumValidation=WHEN_REQUIRED"));
        for (String key : new TreeSet<>(config.stringPropertyNames())) {
            command.add("-D" + key + "=" + config.getProperty(key));
        }
        command.addAll(List.of("-cp", jar.toString(), "app.PipelineMain"));
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, String.format("%n===== start #%d %s =====%n", ++starts, java.time.Instant.now()),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the pipeline jar", e);
        }
        return this;
    }

    /** Polls {@code /observe/health} until it answers 200; fails if the process exits or time runs out. */
    public void waitReady(Duration timeout) throws InterruptedException {
        Readiness.await200("pipeline", timeout, Duration.ofMillis(250), () -> {
            Process p = process;
            return p == null || !p.isAlive() ? "exited (" + (p == null ? "never started" : p.exitValue()) + ")" : null;
        }, () -> http.send(HttpRequest.newBuilder(URI.create(healthUrl())).timeout(Duration.ofSeconds(3)).GET().build(),
                HttpResponse.BodyHandlers.ofString()), () -> tail(40));
    }

    public String healthUrl() {
        return "http://127.0.0.1:" + httpPort + "/observe/health";
    }

    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no graceful stop. Waits until the process is gone. */
    public synchronized void kill9() throws InterruptedException {
        if (!isAlive()) {
            throw new IllegalStateException("pipeline is not running");
        }
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("pipeline survived SIGKILL");
        }
    }

    /**
     * {@code kill -TERM pid}, then waits for the exit; fails if it takes longer than {@code timeout}.
     *
     * @return the exit code and how long the shutdown took
     */
    public synchronized Exit sigterm(Duration timeout) throws Exception {
        if (!isAlive()) {
            throw new IllegalStateException("pipeline is not running");
        }
        long t0 = System.nanoTime();
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -TERM " + process.pid() + " failed");
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("pipeline did not exit within " + timeout + " of SIGTERM (killed)\n" + tail(40));
        }
        return new Exit(process.exitValue(), Duration.ofNanos(System.nanoTime() - t0));
    }

    /** How a SIGTERM ended: exit code (143 = 128 + SIGTERM after the shutdown hooks ran) and time taken. */
    public record Exit(int code, Duration took) {
    }

    public Path log() {
        return log;
    }

    /** The last lines of the log. */
    public String tail(int lines) {
        return Readiness.tail(log, lines);
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

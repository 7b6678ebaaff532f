package devservers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's Prometheus standing in for Thanos (same /api/v1/query API), loaded with the
 * series of an OpenMetrics file by scripts/servers/prometheus.sh.
 */
public final class PrometheusServer implements AutoCloseable {
    private final Path dir;
    private final String url;

    private PrometheusServer(Path dir, String url) {
        this.dir = dir;
        this.url = url;
    }

    public static PrometheusServer start(Path dir, Path openMetrics) {
        int port = FreePort.pick();
        ServerProcess.runScript(List.of("bash", ProjectPaths.script("prometheus.sh").toString(), "start",
                dir.toString(), Integer.toString(port), openMetrics.toString()),
                dir.resolveSibling(dir.getFileName() + "-script.log"), Duration.ofMinutes(5));
        return new PrometheusServer(dir, "http://127.0.0.1:" + port);
    }

    public String url() {
        return url;
    }

    /** Outage drill: stops the server; clients get connection refused, the loaded series stay. */
    public void pause() {
        script("pause", Duration.ofMinutes(1));
    }

    /** Starts the paused server again on the same port over the same data. */
    public void resume() {
        script("resume", Duration.ofMinutes(2));
    }

    private void script(String command, Duration timeout) {
        ServerProcess.runScript(List.of("bash", ProjectPaths.script("prometheus.sh").toString(), command, dir.toString()),
                dir.resolveSibling(dir.getFileName() + "-script.log"), timeout);
    }

    @Override
    public void close() {
        ServerProcess.runScript(List.of("bash", ProjectPaths.script("prometheus.sh").toString(), "stop", dir.toString()),
                dir.resolveSibling(dir.getFileName() + "-script.log"), Duration.ofMinutes(1));
    }
}

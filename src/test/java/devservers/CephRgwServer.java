package devservers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real single-node Ceph (mon + memstore OSD + radosgw) on loopback, started by
 * scripts/servers/ceph-rgw.sh, which installs the Debian packages when missing.
 */
public final class CephRgwServer implements AutoCloseable {
    private final Path dir;
    private final S3Credentials credentials;

    private CephRgwServer(Path dir, S3Credentials credentials) {
        this.dir = dir;
        this.credentials = credentials;
    }

    public static CephRgwServer start(Path dir, String accessKey, String secretKey) {
        int port = FreePort.pick();
        ServerProcess.runScript(List.of("bash", ProjectPaths.script("ceph-rgw.sh").toString(), "start",
                dir.toString(), Integer.toString(port), accessKey, secretKey),
                dir.resolveSibling(dir.getFileName() + "-script.log"), Duration.ofMinutes(8));
        return new CephRgwServer(dir, new S3Credentials("http://127.0.0.1:" + port, accessKey, secretKey, "us-east-1"));
    }

    public S3Credentials credentials() {
        return credentials;
    }

    /** Outage drill: stops only the S3 gateway; clients get connection refused, the data stays. */
    public void pause() {
        script("pause", Duration.ofMinutes(1));
    }

    /** Starts the S3 gateway again on the same port. */
    public void resume() {
        script("resume", Duration.ofMinutes(2));
    }

    private void script(String command, Duration timeout) {
        ServerProcess.runScript(List.of("bash", ProjectPaths.script("ceph-rgw.sh").toString(), command, dir.toString()),
                dir.resolveSibling(dir.getFileName() + "-script.log"), timeout);
    }

    @Override
    public void close() {
        ServerProcess.runScript(List.of("bash", ProjectPaths.script("ceph-rgw.sh").toString(), "stop", dir.toString()),
                dir.resolveSibling(dir.getFileName() + "-script.log"), Duration.ofMinutes(1));
    }
}

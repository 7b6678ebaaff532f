package devservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * S3Proxy as a child process (its ~90 jars stay off our classpath), on a filesystem
 * backend so the objects can be inspected, checking SigV4 signatures with fixed keys.
 * The objects live in files under {@code workDir/data}, so {@link #stop()} and
 * {@link #restart()} (same port, same data) make an outage drill.
 */
public final class S3ProxyServer implements AutoCloseable {
    private final Path conf;
    private final Path log;
    private final int port;
    private final S3Credentials credentials;
    private Process process;

    private S3ProxyServer(Path conf, Path log, int port, S3Credentials credentials) {
        this.conf = conf;
        this.log = log;
        this.port = port;
        this.credentials = credentials;
    }

    public static S3ProxyServer start(Path workDir, String accessKey, String secretKey) {
        try {
            int port = FreePort.pick();
            Path data = Files.createDirectories(workDir.resolve("data"));
            Path conf = workDir.resolve("s3proxy.properties");
            Files.writeString(conf, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=" + data.toAbsolutePath()) + "\n");
            S3ProxyServer server = new S3ProxyServer(conf, workDir.resolve("s3proxy.log"), port,
                    new S3Credentials("http://127.0.0.1:" + port, accessKey, secretKey, "us-east-1"));
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void launch() {
        Process p = ServerProcess.spawn(List.of(ProjectPaths.javaBinary(), "-Xmx256m",
                "-jar", ProjectPaths.s3ProxyJar().toString(), "--properties", conf.toString()), log);
        ServerProcess.awaitPort(port, Duration.ofSeconds(60), p, log);
        process = p;
    }

    public S3Credentials credentials() {
        return credentials;
    }

    /** Outage drill: stops the server; clients get connection refused, the objects stay on disk. */
    public synchronized void stop() {
        ServerProcess.stop(process);
    }

    /** Starts the stopped server again on the same port over the same data. */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            return;
        }
        launch();
    }

    @Override
    public synchronized void close() {
        ServerProcess.stop(process);
    }
}

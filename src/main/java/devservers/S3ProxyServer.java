package devservers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.nio.file.Files;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * S3Proxy as a child process (its ~90 jars stay off our classpath), on a filesystem
 * backend so the objects can be inspected, checking SigV4 signatures with fixed keys.
 */
public final class S3ProxyServer implements AutoCloseable {
    private final Process process;
    private final S3Credentials credentials;

    private S3ProxyServer(Process process, S3Credentials credentials) {
        this.process = process;
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
            Path log = workDir.resolve("s3proxy.log");
            Process p = ServerProcess.spawn(List.of(ProjectPaths.javaBinary(), "-Xmx256m",
                    "-jar", ProjectPaths.s3ProxyJar().toString(), "--properties", conf.toString()), log);
            ServerProcess.awaitPort(port, Duration.ofSeconds(60), p, log);
            return new S3ProxyServer(p, new S3Credentials("http://127.0.0.1:" + port, accessKey, secretKey, "us-east-1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public S3Credentials credentials() {
        return credentials;
    }

    @Override
    public void close() {
        ServerProcess.stop(process);
    }
}

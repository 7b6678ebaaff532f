package testing;

import devservers.ProjectPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testcontainers.DockerClientFactory;

/**
 * The project's image in the container engine, as the tests that run it need it: the engine started
 * (Debian docker.io through scripts/servers/docker.sh, as the rig starts its other servers) and
 * target/jib-image.tar loaded under its tag, once per JVM.
 */
public final class ProjectImage {
    public static final String TAG = "quay.io/ccx/ccx-pipeline:0.1.0";
    private static Path loaded;

    private ProjectImage() {
    }

    /** Loads the image (once per JVM) and returns the tar it came from. */
    public static synchronized Path load() throws Exception {
        if (loaded == null) {
            requireEngine();
            Path tar = ProjectPaths.projectDir().resolve("target/jib-image.tar");
            if (!Files.isRegularFile(tar)) {
                throw new IllegalStateException(tar + " missing: run `mvn verify` (jib:buildTar runs in pre-integration-test)");
            }
            try (InputStream in = Files.newInputStream(tar)) {
                DockerClientFactory.instance().client().loadImageCmd(in).exec();
            }
            loaded = tar;
        }
        return loaded;
    }

    static void requireEngine() throws Exception {
        Path script = ProjectPaths.script("docker.sh");
        run(List.of("bash", script.toString(), "install"));
        run(List.of("bash", script.toString(), "start"));
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("no container engine after `bash scripts/servers/docker.sh start` "
                    + "(Debian docker.io, dockerd --iptables=false): see /var/log/ccx-dockerd.log");
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}

package devservers;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the project checkout (scripts, the S3Proxy jar) from wherever the code runs. */
public final class ProjectPaths {
    private ProjectPaths() {
    }

    /** The `target` directory: parent of target/classes or of target/ccx-pipeline.jar. */
    public static Path targetDir() {
        try {
            Path code = Path.of(ProjectPaths.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path projectDir() {
        String configured = System.getProperty("ccx.project.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        return targetDir().getParent();
    }

    public static Path script(String name) {
        Path p = projectDir().resolve("scripts/servers").resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("server script not found: " + p);
        }
        return p;
    }

    public static Path s3ProxyJar() {
        String configured = System.getProperty("ccx.s3proxy.jar");
        Path jar = configured != null ? Path.of(configured) : targetDir().resolve("s3proxy/s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Proxy jar not found at " + jar + " (run `mvn package` first)");
        }
        return jar;
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

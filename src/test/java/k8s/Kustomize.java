package k8s;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization directory with the real kustomize, as {@code kubectl kustomize DIR}
 * (the kubectl package; {@code .ci/run} installs it when missing). Whatever kustomize refuses
 * (a patch target that matches nothing, a file outside the tree) fails the render with its own
 * message.
 */
public final class Kustomize {
    /** Rendered text per directory: the manifests do not change while the tests run, and each render forks kubectl. */
    private static final java.util.Map<Path, String> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The rendered objects of {@code dir}, in kustomize's output order. */
    public static List<Manifests.Doc> render(Path dir) {
        String yaml = renderText(dir);
        try {
            return Manifests.read(dir.resolve("kustomization.yaml"),
                    new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("kustomize output of " + dir + " is not YAML", e);
        }
    }

    /** The rendered YAML of {@code dir} (rendered once per test JVM). */
    public static String renderText(Path dir) {
        return RENDERED.computeIfAbsent(dir.toAbsolutePath().normalize(), Kustomize::run);
    }

    private static String run(Path dir) {
        ProcessBuilder pb = new ProcessBuilder(kubectl(), "kustomize", dir.toAbsolutePath().toString());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalArgumentException("kubectl kustomize " + dir + " failed: "
                        + new String(err, StandardCharsets.UTF_8).strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + kubectl() + " (install the kubectl package; "
                    + ".ci/run does): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted rendering " + dir, e);
        }
    }

    private static String kubectl() {
        return System.getProperty("ccx.kubectl", "kubectl");
    }
}

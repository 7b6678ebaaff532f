package topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real kustomize: {@code kubectl kustomize DIR} (no cluster needed), parsed into one tree per object. */
public final class Kubectl {
    static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> CANDIDATES = List.of("/usr/bin/kubectl", "/usr/local/bin/kubectl");

    private Kubectl() {
    }

    /** The kubectl binary: system property {@code ccx.kubectl}, else /usr/bin/kubectl or /usr/local/bin/kubectl. */
    public static Path binary() {
        String configured = System.getProperty("ccx.kubectl");
        if (configured != null && !configured.isBlank()) {
            return require(Path.of(configured));
        }
        for (String c : CANDIDATES) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        throw new IllegalStateException("kubectl not found (looked for " + CANDIDATES + "): the topology model renders the"
                + " manifests with the real kustomize; install it (Debian: apt-get install kubectl) or set -Dccx.kubectl=PATH");
    }

    private static Path require(Path p) {
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("kubectl " + p + " (-Dccx.kubectl) is not an executable file");
        }
        return p;
    }

    /** Every object {@code kubectl kustomize dir} prints, in its order. */
    public static List<ObjectNode> kustomize(Path dir) {
        if (!Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        try {
            Path err = Files.createTempFile("kustomize-", ".err");
            try {
                Process p = new ProcessBuilder(binary().toString(), "kustomize", dir.toAbsolutePath().toString())
                        .redirectError(err.toFile()).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + dir + " timed out");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + dir + " failed (" + p.exitValue() + "): "
                            + Files.readString(err));
                }
                return parse(new String(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kubectl kustomize " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<ObjectNode> parse(String multiDocumentYaml) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(multiDocumentYaml)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n instanceof ObjectNode o && !o.isEmpty()) {
                    docs.add(o);
                }
            }
        }
        return docs;
    }
}

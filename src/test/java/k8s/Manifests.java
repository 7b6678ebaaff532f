package k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loads Kubernetes YAML (several documents per file) as Jackson trees, plus a few lookups. */
public final class Manifests {
    public static final ObjectMapper YAML = new YAMLMapper();

    /** One YAML document and the file it came from. */
    public record Doc(Path file, int index, ObjectNode node) {
        public String kind() {
            return node.path("kind").asText("");
        }

        public String name() {
            return node.path("metadata").path("name").asText("");
        }

        @Override
        public String toString() {
            return kind() + "/" + name() + " (" + file + "#" + index + ")";
        }
    }

    private Manifests() {
    }

    /** The project directory: system property ccx.project.dir, else the working directory. */
    public static Path projectDir() {
        String dir = System.getProperty("ccx.project.dir");
        return (dir == null || dir.isBlank() ? Path.of("") : Path.of(dir)).toAbsolutePath().normalize();
    }

    /** Every non-empty document of a YAML file; a document that is not a mapping is an error. */
    public static List<Doc> load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static List<Doc> read(Path file, InputStream in) throws IOException {
        List<Doc> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class)
                .readValues(new YAMLFactory().createParser(in))) {
            int i = 0;
            while (it.hasNext()) {
                JsonNode node = it.next();
                i++;
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue; // an empty document (comments only, or a trailing ---)
                }
                if (!(node instanceof ObjectNode object)) {
                    throw new IllegalArgumentException(file + "#" + i + " is not a YAML mapping");
                }
                docs.add(new Doc(file, i, object));
            }
        }
        return docs;
    }

    public static List<Doc> parse(String yaml) {
        try {
            return read(Path.of("<inline>"), new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every *.yaml / *.yml file below dir, sorted. */
    public static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What every Kubernetes object needs: apiVersion, kind, metadata.name (a DNS-1123 subdomain).
     * Returns the problems, empty when the object is fine.
     */
    public static List<String> requiredFieldProblems(JsonNode node) {
        List<String> problems = new ArrayList<>();
        if (!node.path("apiVersion").isTextual() || node.path("apiVersion").asText().isBlank()) {
            problems.add("missing apiVersion");
        }
        if (!node.path("kind").isTextual() || node.path("kind").asText().isBlank()) {
            problems.add("missing kind");
        }
        JsonNode name = node.path("metadata").path("name");
        if (!name.isTextual() || name.asText().isBlank()) {
            problems.add("missing metadata.name");
        } else if (name.asText().length() > 253 || !name.asText().matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            problems.add("metadata.name '" + name.asText() + "' is not a DNS-1123 subdomain");
        }
        return problems;
    }
}

package archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import model.Json;
import testing.TarGz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The bundled real insights-operator sample archive, changed in memory for tests: replace, add or
 * remove entries, then take the {@code .tar.gz} bytes. Immutable; every change returns a new copy.
 * <pre>SampleArchive.load().with("config/id", "…").without("config/pod/**").bytes()</pre>
 */
public final class SampleArchive {

    public static final String RESOURCE = "/samples/insights-archive-sample.tar.gz";

    private static final Map<String, byte[]> ORIGINAL = Collections.unmodifiableMap(readOriginal());

    /** Regular files by normalized path, in archive order. */
    private final LinkedHashMap<String, byte[]> files;

    private SampleArchive(Map<String, byte[]> files) {
        this.files = new LinkedHashMap<>(files);
    }

    public static SampleArchive load() {
        return new SampleArchive(ORIGINAL);
    }

    /** The raw bytes of the bundled sample, unchanged. */
    public static byte[] originalBytes() {
        try (InputStream in = SampleArchive.class.getResourceAsStream(RESOURCE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SampleArchive with(String path, byte[] content) {
        SampleArchive copy = new SampleArchive(files);
        copy.files.put(normalize(path), content.clone());
        return copy;
    }

    /** Adds or replaces many files at once. */
    public SampleArchive withAll(Map<String, byte[]> contents) {
        SampleArchive copy = new SampleArchive(files);
        contents.forEach((path, content) -> copy.files.put(normalize(path), content.clone()));
        return copy;
    }

    public SampleArchive with(String path, String content) {
        return with(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public SampleArchive with(String path, JsonNode content) {
        try {
            return with(path, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes an exact path, or every path matching a glob. */
    public SampleArchive without(String pathOrGlob) {
        SampleArchive copy = new SampleArchive(files);
        String pattern = normalize(pathOrGlob);
        copy.files.keySet().removeIf(p -> Glob.isGlob(pattern) ? Glob.matches(pattern, p) : p.equals(pattern));
        return copy;
    }

    /** Changes a JSON file in place: {@code change} gets a private copy of its content. */
    public SampleArchive editJson(String path, Consumer<ObjectNode> change) {
        ObjectNode node = (ObjectNode) json(path);
        change.accept(node);
        return with(path, node);
    }

    /** A private, mutable copy of a JSON file's content. */
    public JsonNode json(String path) {
        byte[] bytes = files.get(normalize(path));
        if (bytes == null) {
            throw new IllegalArgumentException("no such file in the sample: " + path);
        }
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean has(String path) {
        return files.containsKey(normalize(path));
    }

    public Map<String, byte[]> files() {
        return Collections.unmodifiableMap(files);
    }

    /** The archive as {@code .tar.gz}, entries named {@code ./path} like the insights-operator writes them. */
    public byte[] bytes() {
        return TarGz.of(files);
    }

    /** Read back through the real reader with default limits. */
    public ArchiveFiles read(FileSelector selector) {
        try {
            return new ArchiveReader(ArchiveLimits.defaults()).read(new ByteArrayInputStream(bytes()), selector);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ArchiveFiles read() {
        return read(FileSelector.all());
    }

    private static String normalize(String path) {
        return path.startsWith("./") ? path.substring(2) : path;
    }

    private static Map<String, byte[]> readOriginal() {
        try (InputStream in = SampleArchive.class.getResourceAsStream(RESOURCE)) {
            return TarGz.regularFiles(in, SampleArchive::normalize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

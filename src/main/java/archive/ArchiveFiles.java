package archive;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import model.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The selected regular files of one archive, by normalized path (no leading {@code ./}). JSON and
 * Prometheus text are parsed on first use and cached, so files nobody reads cost only their bytes.
 * Safe to share between threads; treat the returned {@link JsonNode}s as read-only, they are shared.
 */
public final class ArchiveFiles {

    private final SortedMap<String, byte[]> files;
    private final int entriesSeen;
    private final long uncompressedBytesSeen;
    private final List<String> skippedEntries;
    private final Map<String, JsonNode> jsonCache = new ConcurrentHashMap<>();
    /** Glob → matching paths: the rules' requirements and the rules themselves ask for the same globs. */
    private final Map<String, List<String>> globCache = new ConcurrentHashMap<>();
    private final Map<String, PrometheusText> metricsCache = new ConcurrentHashMap<>();
    private final Map<JsonParts, Map<String, JsonNode>> partsCache = new ConcurrentHashMap<>();

    ArchiveFiles(SortedMap<String, byte[]> files, int entriesSeen, long uncompressedBytesSeen,
                 List<String> skippedEntries) {
        this.files = Collections.unmodifiableSortedMap(files);
        this.entriesSeen = entriesSeen;
        this.uncompressedBytesSeen = uncompressedBytesSeen;
        this.skippedEntries = List.copyOf(skippedEntries);
    }

    /** Files given directly (tests, callers that already hold the content); paths as in an archive. */
    public static ArchiveFiles of(Map<String, byte[]> files) {
        SortedMap<String, byte[]> copy = new TreeMap<>();
        files.forEach((path, bytes) -> copy.put(path.startsWith("./") ? path.substring(2) : path, bytes.clone()));
        long bytes = copy.values().stream().mapToLong(b -> b.length).sum();
        return new ArchiveFiles(copy, copy.size(), bytes, List.of());
    }

    public boolean has(String path) {
        return files.containsKey(path);
    }

    public SortedSet<String> paths() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(files.keySet()));
    }

    /** Kept paths matching {@code glob} ({@link FileSelector} syntax), sorted. */
    public List<String> paths(String glob) {
        return globCache.computeIfAbsent(glob, this::match);
    }

    private List<String> match(String glob) {
        Glob.Compiled compiled = Glob.compiled(glob);
        List<String> out = new ArrayList<>();
        // Only paths starting with the glob's literal prefix can match: a range of the sorted map.
        for (String path : files.subMap(compiled.prefix(), compiled.prefix() + Character.MAX_VALUE).keySet()) {
            if (compiled.matches(path)) {
                out.add(path);
            }
        }
        return List.copyOf(out);
    }

    /** A copy of the file's bytes. */
    public Optional<byte[]> bytes(String path) {
        byte[] bytes = files.get(path);
        return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }

    /** The file as UTF-8 text (malformed sequences replaced). */
    public Optional<String> text(String path) {
        byte[] bytes = files.get(path);
        return bytes == null ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Whether the file's bytes contain the UTF-8 encoding of {@code text}: a cheap test before parsing
     * a large file that can only matter if it mentions some value (a reason, a state). Encoders like
     * the insights-operator's write ASCII text in JSON strings as is, unescaped.
     */
    public boolean contains(String path, String text) {
        return containsAny(path, text);
    }

    /** Whether the file's bytes contain the UTF-8 encoding of any of {@code texts} ({@link #contains}). */
    public boolean containsAny(String path, String... texts) {
        byte[] bytes = files.get(path);
        if (bytes == null) {
            return false;
        }
        // ISO-8859-1 maps each byte to one char: String.indexOf then runs as a byte search, vectorized.
        String haystack = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String text : texts) {
            if (haystack.contains(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                return true;
            }
        }
        return false;
    }

    /** The file parsed as one JSON document; malformed or empty → {@link ArchiveFileException}. */
    public Optional<JsonNode> json(String path) {
        byte[] bytes = files.get(path);
        if (bytes == null) {
            return Optional.empty();
        }
        return Optional.of(jsonCache.computeIfAbsent(path, p -> parseJson(p, bytes)));
    }

    /**
     * Only some parts of the file's JSON ({@link JsonParts}), the rest skipped while parsing: for large
     * files of which a consumer reads little. Cached per path and parts; a missing part is absent
     * from the result. Malformed JSON → {@link ArchiveFileException}, as for {@link #json(String)}.
     */
    public Optional<JsonNode> json(String path, JsonParts parts) {
        byte[] bytes = files.get(path);
        if (bytes == null) {
            return Optional.empty();
        }
        JsonNode whole = jsonCache.get(path);
        if (whole != null) {
            return Optional.of(whole); // already parsed in full: a superset, for free
        }
        return Optional.of(partsCache.computeIfAbsent(parts, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(path, p -> parseParts(p, bytes, parts)));
    }

    /** The file parsed as Prometheus text; a malformed line → {@link ArchiveFileException}. */
    public Optional<PrometheusText> metrics(String path) {
        byte[] bytes = files.get(path);
        if (bytes == null) {
            return Optional.empty();
        }
        return Optional.of(metricsCache.computeIfAbsent(path, p -> {
            try {
                return PrometheusText.parse(new String(bytes, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new ArchiveFileException(p, "not Prometheus text: " + e.getMessage(), e);
            }
        }));
    }

    /**
     * A resource in either archive layout (contract §8.2): {@code config/version} is
     * {@code config/version.json}, or else the first (sorted) {@code *.json} under {@code config/version/}.
     */
    public Optional<JsonNode> resource(String name) {
        String file = resourcePath(name);
        return file == null ? Optional.empty() : json(file);
    }

    /** The path {@link #resource(String)} reads for {@code name}, or null when neither layout is present. */
    public String resourcePath(String name) {
        if (files.containsKey(name + ".json")) {
            return name + ".json";
        }
        List<String> inDirectory = paths(escape(name) + "/*.json");
        return inDirectory.isEmpty() ? null : inDirectory.get(0);
    }

    /** Every tar entry of the archive, of any type, selected or not. */
    public int entriesSeen() {
        return entriesSeen;
    }

    /** Uncompressed bytes of the whole tar stream (headers included): what the total limit counts. */
    public long uncompressedBytesSeen() {
        return uncompressedBytesSeen;
    }

    /** Entries ignored because they are links, devices or FIFOs, as "path (type)". */
    public List<String> skippedEntries() {
        return skippedEntries;
    }

    private static JsonNode parseParts(String path, byte[] bytes, JsonParts parts) {
        return parse(path, () -> parts.read(bytes));
    }

    private static JsonNode parseJson(String path, byte[] bytes) {
        return parse(path, () -> Json.mapper().readTree(bytes));
    }

    private interface Parse {
        JsonNode run() throws IOException;
    }

    private static JsonNode parse(String path, Parse parse) {
        try {
            JsonNode node = parse.run();
            if (node == null || node.isMissingNode()) {
                throw new ArchiveFileException(path, "not JSON: empty file");
            }
            return node;
        } catch (JacksonException e) {
            throw new ArchiveFileException(path, "not JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"), e);
        } catch (IOException e) {
            throw new ArchiveFileException(path, "not JSON: " + e.getMessage(), e);
        }
    }

    /** Quotes glob metacharacters so a resource name is matched literally. */
    private static String escape(String literal) {
        StringBuilder out = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if ("*?[]{}\\".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}

package features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import model.Json;
import testing.TarGz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Edits a tar.gz archive in memory for tests: {@code ArchiveEdit.of(sample).put(path, text).remove(path).bytes()}.
 * Paths are written without {@code ./}; entries are written back as {@code ./<path>}, as the
 * insights-operator does. Only regular files are kept.
 */
final class ArchiveEdit {

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    private ArchiveEdit() {
    }

    static ArchiveEdit of(byte[] tarGz) {
        ArchiveEdit edit = new ArchiveEdit();
        edit.files.putAll(TarGz.regularFiles(tarGz, ArchiveEdit::normalize));
        return edit;
    }

    ArchiveEdit put(String path, String content) {
        return put(path, content.getBytes(StandardCharsets.UTF_8));
    }

    ArchiveEdit put(String path, byte[] content) {
        files.put(normalize(path), content.clone());
        return this;
    }

    /** The content of a file; fails if it is not there. */
    byte[] get(String path) {
        byte[] content = files.get(normalize(path));
        if (content == null) {
            throw new IllegalArgumentException("no file " + path + " in the archive");
        }
        return content.clone();
    }

    /** Removes one file; fails if it is not there, so a typo cannot pass silently. */
    ArchiveEdit remove(String path) {
        if (files.remove(normalize(path)) == null) {
            throw new IllegalArgumentException("no file " + path + " in the archive");
        }
        return this;
    }

    /** Removes every file under {@code directory}; fails if there is none. */
    ArchiveEdit removeUnder(String directory) {
        String prefix = normalize(directory).endsWith("/") ? normalize(directory) : normalize(directory) + "/";
        if (!files.keySet().removeIf(path -> path.startsWith(prefix))) {
            throw new IllegalArgumentException("no file under " + directory + " in the archive");
        }
        return this;
    }

    /** Parses a JSON file, lets {@code edit} change the tree, writes it back. */
    ArchiveEdit editJson(String path, Consumer<JsonNode> edit) {
        try {
            JsonNode tree = Json.mapper().readTree(get(path));
            edit.accept(tree);
            return put(path, Json.mapper().writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #editJson} for a file whose root is an object. */
    ArchiveEdit editObject(String path, Consumer<ObjectNode> edit) {
        return editJson(path, tree -> edit.accept((ObjectNode) tree));
    }

    byte[] bytes() {
        return TarGz.of(files);
    }

    private static String normalize(String path) {
        String p = path;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }
}

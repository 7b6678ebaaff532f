package features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import model.Json;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(new ByteArrayInputStream(tarGz)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    edit.files.put(normalize(entry.getName()), tar.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry("./" + file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String normalize(String path) {
        String p = path;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }
}

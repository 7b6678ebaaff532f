package archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads the cluster id from an insights-operator archive's {@code config/id} file (spec §8.1). */
public final class ClusterIdReader {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_ID_BYTES = 1024;

    private ClusterIdReader() {
    }

    public static Optional<String> clusterId(Path tarGz) throws IOException {
        try (InputStream in = new TarArchiveInputStream(
                new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(tarGz))))) {
            TarArchiveInputStream tar = (TarArchiveInputStream) in;
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                if (entry.isFile() && name.equals("config/id")) {
                    String text = new String(tar.readNBytes(MAX_ID_BYTES), StandardCharsets.UTF_8).trim();
                    return UUID.matcher(text).matches() ? Optional.of(text.toLowerCase()) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}

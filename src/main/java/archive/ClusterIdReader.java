package archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Reads the cluster id from an insights-operator archive's {@code config/id} file (contract §8.1). */
public final class ClusterIdReader {
    private static final FileSelector ID = FileSelector.of("config/id");

    private ClusterIdReader() {
    }

    /** The id, lower case; empty when the file is missing or not a UUID. Hostile archives are rejected. */
    public static Optional<String> clusterId(Path tarGz) throws IOException {
        try (InputStream in = Files.newInputStream(tarGz)) {
            return clusterId(new ArchiveReader(ArchiveLimits.defaults()).read(in, ID));
        }
    }

    public static Optional<String> clusterId(ArchiveFiles files) {
        return files.text("config/id")
                .map(String::trim)
                .filter(model.ClusterId::isValid)
                .map(text -> text.toLowerCase(Locale.ROOT));
    }
}

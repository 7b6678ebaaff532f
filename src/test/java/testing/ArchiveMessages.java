package testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import model.ArchiveMetadata;
import model.ArchiveSynced;
import model.Json;
import storage.S3Key;

/** The pipeline's Kafka messages about one archive, as the tests feed them to a stage: written from the model records. */
public final class ArchiveMessages {
    private ArchiveMessages() {
    }

    /**
     * The {@code archive-synced} message of an archive at {@code cephPath}, copied from the S3 key
     * {@code originalKey} (its cluster and organization are the key's), as the archive-sync stage writes it.
     */
    public static String archiveSynced(String cephPath, String originalKey) {
        S3Key key = S3Key.parse(originalKey);
        try {
            return Json.mapper().writeValueAsString(
                    new ArchiveSynced(cephPath, originalKey, new ArchiveMetadata(key.clusterId(), key.organization())));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

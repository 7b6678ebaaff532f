package features;

import archive.ArchiveFiles;
import archive.FileSelector;

import java.util.List;
import java.util.Map;

/**
 * One feature of the features message (contract §12.2): its id, the code that makes it, its
 * {@code schema.fields}, the archive files it reads, and its {@code data} rows.
 * <p>
 * Contract for implementations: rows are built with {@link FeatureFields#row()} (keys = schema
 * field names), every row has the context's {@code cluster_id}, DateTime values are TS-NAIVE text
 * and {@code last_transition_time} is never null. A missing source file yields no rows, never an
 * exception; {@link archive.ArchiveFileException} (malformed JSON) may escape and is handled by
 * {@link FeaturesService}. Implementations are stateless and thread-safe.
 * <p>
 * Registration is a plain list, {@link FeatureExtractors#standard()}: the set is fixed at build
 * time and its order is the order of the message's {@code report}.
 */
public interface FeatureExtractor {

    /** {@code metadata.feature_id}, e.g. {@code cluster_info}. */
    String featureId();

    /** {@code metadata.component}: the code name of the extractor, its class name. */
    default String component() {
        return getClass().getName();
    }

    FeatureFields fields();

    /** The archive files {@link #rows} reads; the reader extracts only these. */
    FileSelector requiredFiles();

    List<Map<String, Object>> rows(ArchiveFiles files, FeatureContext context);
}

package features;

import archive.ArchiveFileException;
import archive.ArchiveFiles;
import archive.FileSelector;
import model.ArchiveMetadata;
import model.FeaturesMessage;
import model.FeaturesMessage.FeatureMetadata;
import model.FeaturesMessage.FeatureResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The features service bean (contract §12.2): runs every extractor over one archive's files and
 * builds the features message, one {@code report} entry per extractor, in list order.
 * <p>
 * Every row gets the metadata's cluster id and the Ceph path; all rows of a message share one
 * {@code analysis_time} (the clock's instant, UTC, whole seconds).
 * <p>
 * A source file with malformed JSON ({@link ArchiveFileException}) empties only the features that
 * read it (logged as a warning): the other features of the archive are still good, as insights-core
 * skips only the rules whose parser failed. Any other exception is a bug and propagates.
 * <p>
 * Immutable and thread-safe.
 */
public final class FeaturesService {

    private static final Logger LOG = LoggerFactory.getLogger(FeaturesService.class);

    private final List<FeatureExtractor> extractors;
    private final Clock clock;
    private final FileSelector requiredFiles;

    public FeaturesService(List<FeatureExtractor> extractors, Clock clock) {
        this.extractors = List.copyOf(extractors);
        this.clock = clock;
        Set<String> ids = new HashSet<>();
        FileSelector files = FileSelector.none();
        for (FeatureExtractor extractor : this.extractors) {
            if (!ids.add(extractor.featureId())) {
                throw new IllegalArgumentException("feature_id '" + extractor.featureId() + "' twice");
            }
            files = files.union(extractor.requiredFiles());
        }
        this.requiredFiles = files;
    }

    /** All standard extractors, system UTC clock. */
    public static FeaturesService standard() {
        return new FeaturesService(FeatureExtractors.standard(), Clock.systemUTC());
    }

    /** The union of the extractors' needs: what the archive reader must extract. */
    public FileSelector requiredFiles() {
        return requiredFiles;
    }

    public FeaturesMessage extract(ArchiveFiles files, String cephPath, ArchiveMetadata metadata) {
        FeatureContext context = FeatureContext.of(metadata.clusterId(), cephPath, clock.instant());
        List<FeatureResult> report = new ArrayList<>();
        for (FeatureExtractor extractor : extractors) {
            report.add(new FeatureResult(
                    new FeatureMetadata(extractor.featureId(), extractor.component()),
                    extractor.fields().schema(),
                    rows(extractor, files, context)));
        }
        return new FeaturesMessage(cephPath, metadata, List.copyOf(report));
    }

    private static List<Map<String, Object>> rows(FeatureExtractor extractor, ArchiveFiles files, FeatureContext context) {
        try {
            return List.copyOf(extractor.rows(files, context));
        } catch (ArchiveFileException e) {
            LOG.warn("{}: feature {} left empty, a source file is malformed: {}",
                    context.cephPath(), extractor.featureId(), e.getMessage());
            return List.of();
        }
    }
}

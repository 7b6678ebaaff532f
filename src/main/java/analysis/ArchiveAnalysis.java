package analysis;

import archive.ArchiveFiles;
import archive.ArchiveReader;
import archive.FileSelector;
import features.FeaturesService;
import java.io.IOException;
import java.io.InputStream;
import model.ArchiveSynced;
import model.FeaturesMessage;
import model.RulesResults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rules.RulesService;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import storage.ArchiveMissingException;
import storage.CephPath;

/**
 * Stage 8–9: one archive-synced message → the archive streamed once from Ceph and decompressed
 * once, keeping only the files the enabled engines need → rules results and/or features.
 * Either engine may be absent (a rules-only or features-only deployment).
 */
public final class ArchiveAnalysis {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveAnalysis.class);

    private final S3Client ceph;
    private final String bucket;
    private final ArchiveReader reader;
    private final RulesService rules;
    private final FeaturesService features;
    private final FileSelector wanted;

    public ArchiveAnalysis(S3Client ceph, String bucket, ArchiveReader reader, RulesService rules, FeaturesService features) {
        if (rules == null && features == null) {
            throw new IllegalArgumentException("archive analysis needs the rules engine, the features extractors, or both");
        }
        this.ceph = ceph;
        this.bucket = bucket;
        this.reader = reader;
        this.rules = rules;
        this.features = features;
        FileSelector selector = rules != null ? rules.requiredFiles() : features.requiredFiles();
        this.wanted = rules != null && features != null ? selector.union(features.requiredFiles()) : selector;
    }

    /** The outputs of one archive; a field is null when its engine is not enabled. */
    public record Outputs(RulesResults rules, FeaturesMessage features) {
    }

    /** The Kamelet's step: the archive read from Ceph with this bean's own client. */
    public Outputs analyse(ArchiveSynced synced) throws IOException {
        CephPath.parse(synced.path());
        try (InputStream in = ceph.getObject(b -> b.bucket(bucket).key(synced.path()))) {
            return analyse(synced, in);
        } catch (NoSuchKeyException e) {
            throw new ArchiveMissingException("archive " + synced.path() + " is not in the Ceph bucket " + bucket);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new ArchiveMissingException("archive " + synced.path() + " is not in the Ceph bucket " + bucket);
            }
            throw e;
        }
    }

    /** The route's step: the archive as its Ceph GET streams it (closed here once read). */
    public Outputs analyse(ArchiveSynced synced, InputStream archive) throws IOException {
        CephPath.parse(synced.path());
        long t0 = System.nanoTime();
        ArchiveFiles files;
        try (InputStream in = archive) {
            files = reader.read(in, wanted);
        }
        RulesResults rulesResults = rules == null ? null : rules.analyse(files, synced.path(), synced.metadata());
        FeaturesMessage featuresMessage = features == null ? null : features.extract(files, synced.path(), synced.metadata());
        LOG.info("analysed cluster={} ceph={} entries={} bytes={} hits={} features={} in {} ms",
                synced.metadata().clusterId(), synced.path(), files.entriesSeen(), files.uncompressedBytesSeen(),
                rulesResults == null ? "-" : rulesResults.report().reports().size(),
                featuresMessage == null ? "-" : featuresMessage.report().size(), (System.nanoTime() - t0) / 1_000_000);
        return new Outputs(rulesResults, featuresMessage);
    }
}

package app.demo;

import archive.ArchiveFileException;
import archive.ArchiveFiles;
import archive.ArchiveLimits;
import archive.ArchiveReader;
import archive.ArchiveRejectedException;
import archive.ClusterIdReader;
import archive.FileSelector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import multiplex.ArchiveClassifier;
import multiplex.ArchiveKind;

/**
 * An archive the demo uploads: the file, the cluster that uploads it (the S3 key's second segment)
 * and its kind as the 2024 multiplexor tells it.
 * <p>
 * Ingress takes the cluster id from the uploader's identity, not from the archive; the demo has no
 * identity, so it plays one: an Insights Operator archive's {@code config/id}; an OpenShift
 * Lightspeed archive has none, so the {@code cluster_id} of its marker
 * {@code openshift_lightspeed.json} (the demo's own OLS archives carry the id they were made for);
 * anything else a UUID named after the file, stable across runs.
 *
 * @param kind {@code openshift}, {@code ols} or {@code neither} (broken, or of no kind: the
 *             multiplexor dead-letters it)
 */
record DemoArchive(Path file, String clusterId, String kind) {
    static final String OPENSHIFT = "openshift";
    static final String OLS = "ols";
    static final String NEITHER = "neither";

    static DemoArchive of(Path file) throws IOException {
        String kind = kind(file);
        Optional<String> id = NEITHER.equals(kind) ? Optional.empty() : configId(file);
        if (id.isEmpty() && OLS.equals(kind)) {
            id = olsMarkerClusterId(file);
        }
        return new DemoArchive(file, id.orElseGet(() -> nameBased(file)), kind);
    }

    /** The multiplexor's own classifier, so the demo's expectation is the route's rule. */
    private static String kind(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            ArchiveKind kind = new ArchiveClassifier(new ArchiveReader(ArchiveLimits.defaults())).classify(in);
            return kind.name().toLowerCase(Locale.ROOT);
        } catch (ArchiveRejectedException e) {
            return NEITHER;
        }
    }

    private static Optional<String> configId(Path file) throws IOException {
        try {
            return ClusterIdReader.clusterId(file);
        } catch (ArchiveRejectedException e) {
            return Optional.empty(); // broken after the OLS marker: uploaded all the same, as Ingress would
        }
    }

    private static Optional<String> olsMarkerClusterId(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            ArchiveFiles marker = new ArchiveReader(ArchiveLimits.defaults()).read(in,
                    FileSelector.of(ArchiveClassifier.OLS_MARKER), ArchiveClassifier.OLS_MARKER::equals);
            return marker.json(ArchiveClassifier.OLS_MARKER).map(m -> m.path("cluster_id").asText(""))
                    .filter(model.ClusterId::isValid).map(id -> id.toLowerCase(Locale.ROOT));
        } catch (ArchiveRejectedException | ArchiveFileException e) {
            return Optional.empty(); // a broken marker: the multiplexor still routes it as OLS
        }
    }

    private static String nameBased(Path file) {
        return UUID.nameUUIDFromBytes(file.getFileName().toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}

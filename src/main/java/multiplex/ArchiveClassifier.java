package multiplex;

import archive.ArchiveFiles;
import archive.ArchiveReader;
import archive.ArchiveRejectedException;
import archive.FileSelector;
import java.io.IOException;
import java.io.InputStream;

/**
 * Tells an OpenShift Lightspeed archive from an Insights Operator one by its member names, read
 * as a stream through the safe {@link ArchiveReader} (its limits on bytes, entries, paths and
 * time apply; only the two marker files are kept, every other entry is skipped unread). The read
 * stops at the OLS marker; an Insights Operator archive is known only at its end (a marker could
 * come last), so its headers are all read, its contents streamed past, never held.
 * <p>
 * The rule of the 2024 multiplexor (insights-ccx-messaging, {@code deploy/multiplexor.yaml}):
 * a member named {@code openshift_lightspeed.json} at the root makes it OLS, whatever else it
 * holds. Unlike the original (an exact member-name match) {@code ./openshift_lightspeed.json} is
 * the root too: the reader normalises {@code ./}. Where the original sent every other readable
 * archive to the Insights Operator topic, an archive without {@code config/id} (the cluster id
 * every Insights Operator archive carries, contract §8.2) is refused here as bad input: it is
 * neither kind, and the rules would find nothing in it.
 */
public final class ArchiveClassifier {
    public static final String OLS_MARKER = "openshift_lightspeed.json";
    public static final String CLUSTER_ID_FILE = "config/id";
    private static final FileSelector MARKERS = FileSelector.of(OLS_MARKER, CLUSTER_ID_FILE);

    private final ArchiveReader reader;

    public ArchiveClassifier(ArchiveReader reader) {
        this.reader = reader;
    }

    /**
     * @throws ArchiveRejectedException for a broken archive (the reader's reason) or one of neither kind
     */
    public ArchiveKind classify(InputStream tarGz) throws IOException {
        // Stops at the marker: an OLS archive is told after its headers up to it.
        ArchiveFiles markers = reader.read(tarGz, MARKERS, OLS_MARKER::equals);
        if (markers.has(OLS_MARKER)) {
            return ArchiveKind.OLS;
        }
        if (markers.has(CLUSTER_ID_FILE)) {
            return ArchiveKind.OPENSHIFT;
        }
        throw new ArchiveRejectedException(ArchiveRejectedException.Reason.OTHER, "neither " + OLS_MARKER
                + " at the archive root nor " + CLUSTER_ID_FILE + ": not an OpenShift Lightspeed or Insights Operator archive");
    }
}

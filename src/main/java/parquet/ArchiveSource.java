package parquet;

import model.ArchiveMetadata;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The columns every archive-derived row shares (contract §13.3 common derivations):
 * {@code cluster_id} ← the message's {@code metadata.cluster_id}, {@code archive_path} ← its
 * {@code path}, {@code collected_at} ← the time in that path (UTC, whole seconds).
 *
 * @param collectedAtMillis boxed once here, not once per row
 * @param hour              {@code collected_at} truncated to the hour: the rows' partition
 */
record ArchiveSource(String clusterId, String archivePath, Long collectedAtMillis, Instant hour) {

    private static final String PREFIX = "archives/compressed/";
    private static final String SUFFIX = ".tar.gz";
    /** {@code archives/compressed/aa/<uuid>/YYYYMM/DD/hhmmss.tar.gz} */
    private static final int LENGTH = PREFIX.length() + 3 + 37 + 7 + 3 + 6 + SUFFIX.length();

    /**
     * @throws RejectedValueException when the path is not a Ceph path in the form
     *                                {@link storage.CephPath} accepts, or the metadata's cluster differs
     *                                from the path's (contract §13.4: they must agree)
     */
    static ArchiveSource of(String path, ArchiveMetadata metadata) {
        long collectedAt = collectedAtMillis(path);
        String pathCluster = path.substring(PREFIX.length() + 3, PREFIX.length() + 39);
        String clusterId = ValueChecks.uuid("cluster_id", metadata == null ? null : metadata.clusterId());
        if (!clusterId.equals(pathCluster)) {
            throw ValueChecks.reject("cluster_id", "not the cluster of the path", clusterId);
        }
        return new ArchiveSource(clusterId, path, collectedAt, Instant.ofEpochMilli(collectedAt - collectedAt % 3_600_000));
    }

    /**
     * The archive time of a Ceph path, checked as {@link storage.CephPath#parse} checks it (P-CEPH,
     * six time digits, prefix = the UUID's first two characters), but by hand: this runs once per
     * message on the factory's hot path, where a regex and a {@code DateTimeFormatter} cost more
     * than the rest of a small message's mapping.
     */
    static long collectedAtMillis(String path) {
        if (path == null || path.length() != LENGTH || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
            throw notCeph(path);
        }
        int p = PREFIX.length();
        // aa/ then the UUID (lowercase, hyphens at 8, 13, 18, 23) then /
        if (!hex(path, p, p + 2) || path.charAt(p + 2) != '/' || path.charAt(p + 39) != '/'
                || !path.startsWith(path.substring(p, p + 2), p + 3)) {
            throw notCeph(path);
        }
        int u = p + 3;
        if (!hex(path, u, u + 8) || path.charAt(u + 8) != '-' || !hex(path, u + 9, u + 13) || path.charAt(u + 13) != '-'
                || !hex(path, u + 14, u + 18) || path.charAt(u + 18) != '-' || !hex(path, u + 19, u + 23)
                || path.charAt(u + 23) != '-' || !hex(path, u + 24, u + 36)) {
            throw notCeph(path);
        }
        int t = p + 40; // YYYYMM/DD/hhmmss
        if (path.charAt(t + 6) != '/' || path.charAt(t + 9) != '/') {
            throw notCeph(path);
        }
        try {
            LocalDateTime at = LocalDateTime.of(digits(path, t, 4), digits(path, t + 4, 2), digits(path, t + 7, 2),
                    digits(path, t + 10, 2), digits(path, t + 12, 2), digits(path, t + 14, 2));
            return at.toEpochSecond(ZoneOffset.UTC) * 1000;
        } catch (DateTimeException | NumberFormatException e) {
            throw notCeph(path);
        }
    }

    private static boolean hex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException();
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static RejectedValueException notCeph(String path) {
        return ValueChecks.reject("archive_path", "not a Ceph archive path", path);
    }
}

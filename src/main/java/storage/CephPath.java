package storage;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import model.ClusterId;

/**
 * Key of an archive in the Ceph bucket, in the validator's form (contract §3.3, §15.1):
 * {@code archives/compressed/<first 2 hex of cluster id>/<cluster id>/<YYYYMM>/<DD>/<hhmmss>.tar.gz}.
 */
public record CephPath(String clusterId, LocalDateTime collectedAt) {

    /** What the pipeline writes and reads: groups 1 prefix, 2 cluster id, 3 YYYYMM, 4 DD, 5 hhmmss. */
    private static final Pattern FORMAT = Pattern.compile(
            "^archives/compressed/([0-9a-f]{2})/(" + ClusterId.LOWERCASE_REGEX + ")/([0-9]{6})/([0-9]{2})/([0-9]{6})\\.tar\\.gz$");
    /**
     * The contract's P-CEPH (contract §3.3), what a message's path must match: any number of time
     * digits. Groups 1 prefix, 2 cluster id.
     */
    public static final Pattern CONTRACT_FORM = Pattern.compile(
            "archives/compressed/([0-9a-f]{2})/(" + ClusterId.LOWERCASE_REGEX + ")/[0-9]{6}/[0-9]{2}/[0-9]+\\.tar\\.gz");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuuMM", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);

    public CephPath {
        clusterId = clusterId.toLowerCase(Locale.ROOT);
        collectedAt = collectedAt.withNano(0);
    }

    /** The Ceph key for a raw archive: same cluster, the S3 key's timestamp. */
    public static CephPath of(S3Key key) {
        return new CephPath(key.clusterId(), key.uploadedAt());
    }

    public static CephPath parse(String path) {
        Matcher m = FORMAT.matcher(path == null ? "" : path);
        if (!m.matches()) {
            throw new InvalidKeyException("not a Ceph archive path: " + path);
        }
        if (!m.group(2).startsWith(m.group(1))) {
            throw new InvalidKeyException("Ceph path prefix " + m.group(1) + " is not the start of " + m.group(2));
        }
        return new CephPath(m.group(2), LocalDateTime.parse(m.group(3) + m.group(4) + m.group(5), S3Key.STAMP));
    }

    @Override
    public String toString() {
        return "archives/compressed/" + clusterId.substring(0, 2) + "/" + clusterId + "/"
                + MONTH.format(collectedAt) + "/" + DAY.format(collectedAt) + "/" + TIME.format(collectedAt) + ".tar.gz";
    }
}

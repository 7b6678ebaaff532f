package storage;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key of a raw archive in the AWS S3 bucket (contract §3.2):
 * {@code <org id>/<cluster uuid>/<YYYYMMDDhhmmss>-<32 hex>}; the timestamp is the upload time in UTC.
 */
public record S3Key(String organization, String clusterId, LocalDateTime uploadedAt, String requestId) {

    private static final Pattern FORMAT = Pattern.compile(
            "^([0-9]+)/(" + model.ClusterId.REGEX + ")/([0-9]{14})-([0-9a-f]{32})$");
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT);

    public S3Key {
        clusterId = clusterId.toLowerCase(Locale.ROOT);
    }

    /** Parses a key, or throws {@link InvalidKeyException} saying which part is wrong. */
    public static S3Key parse(String key) {
        if (key == null) {
            throw new InvalidKeyException("S3 key is missing");
        }
        Matcher m = FORMAT.matcher(key);
        if (!m.matches()) {
            throw new InvalidKeyException("not an archive key <org>/<cluster uuid>/<YYYYMMDDhhmmss>-<32 hex>: " + key);
        }
        try {
            return new S3Key(m.group(1), m.group(2), LocalDateTime.parse(m.group(3), STAMP), m.group(4));
        } catch (DateTimeParseException e) {
            throw new InvalidKeyException("bad timestamp in S3 key " + key + ": " + e.getMessage());
        }
    }

    public static boolean isArchiveKey(String key) {
        try {
            parse(key);
            return true;
        } catch (InvalidKeyException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return organization + "/" + clusterId + "/" + STAMP.format(uploadedAt) + "-" + requestId;
    }
}

package model;

import java.util.regex.Pattern;

/**
 * The cluster UUID (contract §3.1, P-UUID): canonical 8-4-4-4-12 hex, either case. The one
 * place its pattern is written; keys and paths embed {@link #REGEX} in their own patterns.
 */
public final class ClusterId {
    /** The pattern as text, for patterns that contain a cluster id (S3 keys, Ceph paths). */
    public static final String REGEX = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    /** The lowercase form, as Ceph paths carry it (contract §3.3). */
    public static final String LOWERCASE_REGEX = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Pattern PATTERN = Pattern.compile(REGEX);

    private ClusterId() {
    }

    /** Whether {@code text} is a cluster UUID (null is not). */
    public static boolean isValid(String text) {
        return text != null && PATTERN.matcher(text).matches();
    }
}

package parquet;

import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The validator's column checks (VALIDATION §4, §5.5–§5.15) applied before a value is written, so
 * every file the factory writes passes them. A failed check throws {@link RejectedValueException}
 * naming the column; the row is then skipped and reported.
 */
final class ValueChecks {

    /** P-VERSION-B. */
    private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+.*");
    /**
     * RULEID-BYTES (§4.1), {@code [A-Za-z0-9_]+([_][A-Za-z0-9_]+)+\|[A-Z0-9_]+([_][A-Z0-9_]+)+},
     * in an equivalent form without the nested repetition, which costs java.util.regex an
     * allocation per match: "X+(_X+)+" over a class X that holds "_" is "X+_X+".
     */
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9_]+_[A-Za-z0-9_]+\\|[A-Z0-9_]+_[A-Z0-9_]+");
    /** P-DOMAIN. */
    private static final Pattern DOMAIN = Pattern.compile("((?!-)[A-Za-z0-9-]{1,63}(?<!-)\\.)+[A-Za-z]{2,10}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    /** §13.4 {@code cluster_info.platform}. */
    static final List<String> PLATFORMS = List.of("VSphere", "BareMetal", "OpenStack", "Azure", "AWS", "None",
            "Libvirt", "oVirt", "GCP", "KubeVirt");
    static final List<String> CONDITION_TYPES = List.of("Available", "Degraded", "Progressing", "Upgradeable", "Failing");
    static final List<String> ALERT_STATES = List.of("pending", "firing");
    static final List<String> RECOMMENDED = List.of("True", "False", "Unknown");
    static final List<String> SUPPORT_LEVELS = List.of("None", "Eval", "Standard", "Premium", "Self-Support");

    private ValueChecks() {
    }

    static RejectedValueException reject(String column, String problem) {
        return new RejectedValueException(column + ": " + problem);
    }

    static String present(String column, String value) {
        if (value == null) {
            throw reject(column, "missing");
        }
        return value;
    }

    /**
     * P-UUID in the canonical 8-4-4-4-12 form we emit: either case in, lowercase out. By hand, as
     * it runs once per message.
     */
    static String uuid(String column, String value) {
        if (present(column, value).length() != 36) {
            throw reject(column, quote(value) + " is not a UUID");
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-' : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                throw reject(column, quote(value) + " is not a UUID");
            }
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** P-VERSION-B: {@code N.N.N} then anything. */
    static String version(String column, String value) {
        if (!VERSION.matcher(present(column, value)).matches()) {
            throw reject(column, quote(value) + " is not a version N.N.N...");
        }
        return value;
    }

    /** P-NEBYTES. */
    static String nonEmpty(String column, String value) {
        if (present(column, value).isEmpty()) {
            throw reject(column, "empty");
        }
        return value;
    }

    /** P-BYTES for a value that may be absent: absent is written as "". */
    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** P-ENUM-B, case-sensitive. */
    static String oneOf(String column, String value, Collection<String> allowed) {
        if (!allowed.contains(present(column, value))) {
            throw reject(column, quote(value) + " is not one of " + allowed);
        }
        return value;
    }

    /**
     * P-RULEID-B: RULEID-BYTES (§4.1), {@code [A-Za-z0-9_]+([_][A-Za-z0-9_]+)+\\|[A-Z0-9_]+([_][A-Z0-9_]+)+}.
     * Checked by hand: it runs once per rule hit, and java.util.regex allocates per match for the
     * nested repetition. "X+(_X+)+" over a class X that holds "_" means: only X characters, and an
     * "_" that is neither first nor last.
     */
    static String ruleId(String column, String value) {
        int pipe = present(column, value).indexOf('|');
        if (pipe < 0 || !underscoreJoined(value, 0, pipe, true) || !underscoreJoined(value, pipe + 1, value.length(), false)) {
            throw reject(column, quote(value) + " is not <rule_module>|<ERROR_KEY>");
        }
        return value;
    }

    /** {@code value[from, to)} is [A-Z0-9_] (and a-z when {@code lower}) with an inner "_". */
    private static boolean underscoreJoined(String value, int from, int to, boolean lower) {
        boolean innerUnderscore = false;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c == '_') {
                innerUnderscore |= i > from && i < to - 1;
            } else if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || lower && c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return innerUnderscore;
    }

    /** P-DOMAIN-B. */
    static String domain(String column, String value) {
        if (!DOMAIN.matcher(present(column, value)).matches()) {
            throw reject(column, quote(value) + " is not an e-mail domain");
        }
        return value;
    }

    /** P-POSINT-B, in the plain digits form we emit. */
    static String positiveDigits(String column, String value) {
        if (!DIGITS.matcher(present(column, value)).matches() || new BigInteger(value).signum() <= 0) {
            throw reject(column, quote(value) + " is not a positive integer");
        }
        return value;
    }

    /** P-POSINT0 into INT32 (the spec's UINT32 and "int"): 0 ≤ value ≤ 2^31-1. */
    static int nonNegativeInt(String column, Long value) {
        if (value == null) {
            throw reject(column, "missing");
        }
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw reject(column, value + " is out of range 0.." + Integer.MAX_VALUE);
        }
        return value.intValue();
    }

    /** P-POSINT0 into UINT8 (stored as INT32): 0 ≤ value ≤ 255. */
    static int uint8(String column, Long value) {
        int v = nonNegativeInt(column, value);
        if (v > 255) {
            throw reject(column, v + " is out of range 0..255");
        }
        return v;
    }

    /** P-POSINT0 into INT64. */
    static long nonNegativeLong(String column, Long value) {
        if (value == null) {
            throw reject(column, "missing");
        }
        if (value < 0) {
            throw reject(column, value + " is negative");
        }
        return value;
    }

    static boolean bool(String column, Boolean value) {
        if (value == null) {
            throw reject(column, "missing");
        }
        return value;
    }

    /** TS-NAIVE (UTC) feature text as epoch milliseconds. */
    static long naiveTime(String column, String value) {
        try {
            return LocalDateTime.parse(present(column, value)).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw reject(column, quote(value) + " is not a date-time YYYY-MM-DDTHH:MM:SS");
        }
    }

    static String quote(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}

package parquet;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What a value must be to go into its column, and what an absent one is written as.
 * <p>
 * The rule (docs/parquet-values.md): a value is data. A text column takes any text, including
 * values outside the 2021 validators' lists (a platform such as {@code Nutanix}, a newer alert
 * state, a support level) and versions that are not {@code N.N.N}; an absent text is written as
 * "". An absent count is written as 0 (the unsigned columns' empty value: {@code network_mtu},
 * {@code network_host_prefix}, {@code duration_in_ms}, {@code shape_instances}). Only a value the
 * column cannot hold rejects its row ({@link RejectedValueException}): a negative or too large
 * count, an absent boolean or timestamp (neither has an empty value), a cluster id that is not a
 * UUID, a rule id that is not {@code module|KEY}. A rejected row is counted and logged by the
 * factory, never dropped in silence.
 */
final class ValueChecks {

    private ValueChecks() {
    }

    static RejectedValueException reject(String column, String problem, Object value) {
        return new RejectedValueException(column, problem, value);
    }

    /** Any text; absent is "". */
    static String text(String value) {
        return value == null ? "" : value;
    }

    /**
     * P-UUID in the canonical 8-4-4-4-12 form we emit: either case in, lowercase out. By hand, as
     * it runs once per message.
     */
    static String uuid(String column, String value) {
        if (value == null) {
            throw reject(column, "missing", null);
        }
        boolean ok = value.length() == 36;
        for (int i = 0; ok && i < 36; i++) {
            char c = value.charAt(i);
            ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-' : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
        }
        if (!ok) {
            throw reject(column, "not a UUID", quote(value));
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /**
     * P-RULEID-B: RULEID-BYTES (§3.4), {@code [A-Za-z0-9_]+([_][A-Za-z0-9_]+)+\\|[A-Z0-9_]+([_][A-Z0-9_]+)+}:
     * {@code rule_hits} is keyed on it, and the rules service writes it itself. Checked by hand: it
     * runs once per rule hit, and java.util.regex allocates per match for the nested repetition.
     * "X+(_X+)+" over a class X that holds "_" means: only X characters, and an "_" that is
     * neither first nor last.
     */
    static String ruleId(String column, String value) {
        if (value == null) {
            throw reject(column, "missing", null);
        }
        int pipe = value.indexOf('|');
        if (pipe < 0 || !underscoreJoined(value, 0, pipe, true) || !underscoreJoined(value, pipe + 1, value.length(), false)) {
            throw reject(column, "not <rule_module>|<ERROR_KEY>", quote(value));
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

    /** The spec's UINT32 and "int" in INT32: 0 ≤ value ≤ 2^31-1; absent is 0. */
    static int unsignedInt(String column, Long value) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            throw reject(column, "negative", value);
        }
        if (value > Integer.MAX_VALUE) {
            throw reject(column, "out of range", value);
        }
        return value.intValue();
    }

    /** The spec's UINT8 (stored as INT32): 0 ≤ value ≤ 255; absent is 0. */
    static int uint8(String column, Long value) {
        int v = unsignedInt(column, value);
        if (v > 255) {
            throw reject(column, "out of range", v);
        }
        return v;
    }

    /** INT64 ≥ 0; absent is 0. */
    static long unsignedLong(String column, Long value) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            throw reject(column, "negative", value);
        }
        return value;
    }

    /** A BOOLEAN column has no empty value: an absent one rejects the row. */
    static boolean bool(String column, Boolean value) {
        if (value == null) {
            throw reject(column, "missing", null);
        }
        return value;
    }

    /** TS-NAIVE (UTC) feature text as epoch milliseconds; a TIMESTAMP column has no empty value. */
    static long naiveTime(String column, String value) {
        if (value == null) {
            throw reject(column, "missing", null);
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw reject(column, "not a date-time", quote(value));
        }
    }

    static String quote(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}

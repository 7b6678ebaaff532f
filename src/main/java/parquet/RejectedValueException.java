package parquet;

/**
 * A value that cannot go into its column at all (a negative count in an unsigned column, a
 * boolean or timestamp that is absent, a JSON value of the wrong type); the mapper skips the row
 * and records a {@link RejectedRow}.
 */
final class RejectedValueException extends RuntimeException {
    private final String reason;

    /**
     * @param column  the column
     * @param problem what is wrong, from a small fixed set ("missing", "negative", ...): with the
     *                column, it is the {@code reason} label of the rejected-rows counter
     * @param value   the offending value for the log line, or null
     */
    RejectedValueException(String column, String problem, Object value) {
        super(column + ": " + problem + (value == null ? "" : " (" + value + ")"), null, false, false); // expected: no stack
        this.reason = column + ": " + problem;
    }

    /** {@code column: problem}, without the value: few distinct ones, fit for a metric label. */
    String reason() {
        return reason;
    }
}

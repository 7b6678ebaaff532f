package parquet;

/** A value that cannot go into its column; the mapper skips the row and records a {@link RejectedRow}. */
final class RejectedValueException extends RuntimeException {

    RejectedValueException(String message) {
        super(message, null, false, false); // an expected outcome: no stack trace needed
    }
}

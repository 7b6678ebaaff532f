package thanos;

/**
 * Thanos could not answer a query: unreachable, timed out, TLS failure, a non-200 answer or
 * {@code status != "success"}. Retryable: the hour stays undone and is queried again later.
 */
public class ThanosUnavailableException extends RuntimeException {
    public ThanosUnavailableException(String message) {
        super(message);
    }

    public ThanosUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

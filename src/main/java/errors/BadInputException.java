package errors;

/**
 * Input that can never be processed however often it is retried (bad JSON, a key outside the
 * layout, a missing or oversized archive). Routes send it straight to the dead-letter topic.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

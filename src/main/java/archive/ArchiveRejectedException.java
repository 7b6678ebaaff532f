package archive;

import errors.BadInputException;

/**
 * The archive is hostile, corrupt or over a limit: retrying cannot help, so routes dead-letter it.
 * {@link #reason()} says which check failed; the message says exactly why.
 */
public class ArchiveRejectedException extends BadInputException {

    /** Which check rejected the archive. */
    public enum Reason {
        NOT_GZIP, TRUNCATED, CORRUPT, TOTAL_BYTES, ENTRY_BYTES, ENTRY_COUNT, PATH_LENGTH, ABSOLUTE_PATH,
        PARENT_SEGMENT, HEADER_BYTES, UNSUPPORTED_ENTRY, TIME_BUDGET,
        /** Rejected by a caller's own check, not by one of the reader's. */
        OTHER
    }

    private final Reason reason;

    public ArchiveRejectedException(String message) {
        this(Reason.OTHER, message);
    }

    public ArchiveRejectedException(String message, Throwable cause) {
        this(Reason.OTHER, message, cause);
    }

    public ArchiveRejectedException(Reason reason, String message) {
        super("archive rejected (" + reason + "): " + message);
        this.reason = reason;
    }

    public ArchiveRejectedException(Reason reason, String message, Throwable cause) {
        super("archive rejected (" + reason + "): " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

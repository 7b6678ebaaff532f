package storage;

import errors.BadInputException;

/** The archive exceeds the configured size limit; copying it would be refused downstream anyway. */
public class ArchiveTooLargeException extends BadInputException {
    public ArchiveTooLargeException(String message) {
        super(message);
    }
}

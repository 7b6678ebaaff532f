package storage;

import errors.BadInputException;

/** The archive named by a message is not in the source bucket (S3 keeps uploads only two days). */
public class ArchiveMissingException extends BadInputException {
    public ArchiveMissingException(String message) {
        super(message);
    }
}

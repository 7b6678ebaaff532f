package storage;

import errors.BadInputException;

/** An object key that does not follow the pipeline's key layout: bad input, never retried. */
public class InvalidKeyException extends BadInputException {
    public InvalidKeyException(String message) {
        super(message);
    }
}

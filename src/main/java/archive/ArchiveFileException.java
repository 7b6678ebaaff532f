package archive;

/**
 * One file of an otherwise readable archive cannot be parsed (malformed JSON, bad Prometheus text).
 * Unchecked: a consumer (a rule, a feature extractor) fails alone, the others go on.
 */
public class ArchiveFileException extends RuntimeException {

    private final String path;

    public ArchiveFileException(String path, String message, Throwable cause) {
        super(path + ": " + message, cause);
        this.path = path;
    }

    public ArchiveFileException(String path, String message) {
        this(path, message, null);
    }

    /** The archive path of the file, e.g. {@code config/version.json}. */
    public String path() {
        return path;
    }
}

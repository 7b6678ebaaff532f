package storage;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;

/** The end of an S3 GET's stream. */
public final class S3Streams {
    private static final Logger LOG = LoggerFactory.getLogger(S3Streams.class);

    private S3Streams() {
    }

    /**
     * Closed when read to its end (the connection goes back to the pool), aborted otherwise
     * (closing would drain the rest of a large archive first).
     */
    public static void release(InputStream body) {
        try {
            if (body instanceof ResponseInputStream<?> response && response.read() != -1) {
                response.abort();
            } else if (body != null) {
                body.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing an S3 object stream: {}", e.toString());
        }
    }
}

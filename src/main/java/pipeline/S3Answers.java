package pipeline;

import org.apache.camel.Exchange;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What an S3 or Ceph endpoint's failure was, for a route's {@code doCatch(S3Exception.class).onWhen(...)}.
 * Plain predicates, not bean calls: the exception is still the exchange's own while onWhen runs.
 */
public final class S3Answers {
    private S3Answers() {
    }

    /** 404: no such object. */
    public static boolean notFound(Exchange exchange) {
        return status(exchange) == 404;
    }

    /** 412: a conditional PUT ({@code If-None-Match: *}) found an object already there. */
    public static boolean alreadyPresent(Exchange exchange) {
        return status(exchange) == 412;
    }

    private static int status(Exchange exchange) {
        Exception e = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        return e instanceof S3Exception s3 ? s3.statusCode() : -1;
    }
}

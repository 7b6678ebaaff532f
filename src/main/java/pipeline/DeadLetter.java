package pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Headers that travel with a dead-lettered message so an operator can tell why and from where
 * without reading logs. The reason is the failure's message, or one a route set before.
 */
public final class DeadLetter {
    public static final String REASON = "ccx_dead_letter_reason";
    public static final String ERROR = "ccx_dead_letter_error";
    public static final String ROUTE = "ccx_dead_letter_route";
    public static final String SOURCE = "ccx_dead_letter_source";
    public static final String AT = "ccx_dead_letter_at";
    /**
     * The longest reason kept. A hostile input can make a failure message of megabytes (one line per
     * schema violation); the reason travels in a header of the dead-letter record and in a log line,
     * and a record over Kafka's size limit would fail the dead-letter send and stall the partition.
     */
    public static final int MAX_REASON_CHARS = 4096;
    private static final String SOURCE_PROPERTY = "ccxSource";

    private DeadLetter() {
    }

    /** Sets the headers from the caught exception, keeping a reason a route has already given. */
    public static Processor describe() {
        return exchange -> {
            var msg = exchange.getMessage();
            Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            Object reason = msg.getHeader(REASON);
            if (reason == null) {
                reason = cause == null ? "unknown" : String.valueOf(cause.getMessage());
            }
            msg.setHeader(REASON, bounded(String.valueOf(reason)));
            if (msg.getHeader(ERROR) == null) {
                msg.setHeader(ERROR, cause == null ? "Rejected" : cause.getClass().getName());
            }
            // The route the message failed in (a batch's record fails in its stage's route, not the
            // batch consumer's); a rejection without an exception names the route it came in by.
            String failedIn = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
            msg.setHeader(ROUTE, failedIn != null ? failedIn : exchange.getFromRouteId());
            msg.setHeader(SOURCE, source(exchange));
            msg.setHeader(AT, java.time.Instant.now().toString());
        };
    }

    /** The reason, cut to {@link #MAX_REASON_CHARS} with a note of how much was left out. */
    static String bounded(String reason) {
        if (reason.length() <= MAX_REASON_CHARS) {
            return reason;
        }
        int keep = MAX_REASON_CHARS - 40;
        if (Character.isHighSurrogate(reason.charAt(keep - 1))) {
            keep--;
        }
        return reason.substring(0, keep) + " … (" + (reason.length() - keep) + " more characters)";
    }

    /** Keeps the origin of a consumed message for later steps that drop its Kafka headers. */
    public static Processor rememberSource() {
        return exchange -> exchange.setProperty(SOURCE_PROPERTY, source(exchange));
    }

    private static String source(Exchange exchange) {
        String remembered = exchange.getProperty(SOURCE_PROPERTY, String.class);
        if (remembered != null) {
            return remembered;
        }
        Object topic = exchange.getMessage().getHeader("kafka.TOPIC");
        if (topic != null) {
            return "kafka:" + topic + "/" + exchange.getMessage().getHeader("kafka.PARTITION") + "@"
                    + exchange.getMessage().getHeader("kafka.OFFSET");
        }
        Object sqsId = exchange.getMessage().getHeader("CamelAwsSqsMessageId");
        if (sqsId != null) {
            return "sqs:" + sqsId;
        }
        return exchange.getFromEndpoint() == null ? "unknown" : exchange.getFromEndpoint().getEndpointUri();
    }
}

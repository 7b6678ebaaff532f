package pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * Commits the consumed record's offset. Routes call it only after their output (or the
 * dead-letter copy) is acknowledged, so a crash before that point replays the record.
 */
public final class KafkaOffsets {
    /** Exchange property: a {@link Barrier} run before the offset is committed, on any path. */
    public static final String BEFORE_COMMIT = "ccxBeforeCommit";

    /** What must be durable before an offset moves (e.g. the Parquet factory's spill files forced to disk). */
    @FunctionalInterface
    public interface Barrier {
        void await() throws Exception;
    }

    private KafkaOffsets() {
    }

    /** Sets the barrier every later commit of this exchange runs first, the dead-letter path's included. */
    public static Processor beforeCommit(Barrier barrier) {
        return exchange -> exchange.setProperty(BEFORE_COMMIT, barrier);
    }

    public static Processor commit() {
        return (Exchange exchange) -> {
            KafkaManualCommit manual = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (manual != null) {
                Barrier barrier = exchange.getProperty(BEFORE_COMMIT, Barrier.class);
                if (barrier != null) {
                    barrier.await();
                }
                manual.commit();
            }
        };
    }
}

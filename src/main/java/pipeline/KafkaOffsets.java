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
    private KafkaOffsets() {
    }

    public static Processor commit() {
        return (Exchange exchange) -> {
            KafkaManualCommit manual = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (manual != null) {
                manual.commit();
            }
        };
    }
}

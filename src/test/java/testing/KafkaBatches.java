package testing;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.support.DefaultExchange;

/** Stands in for camel-kafka's batching consumer in route tests: a poll as the list of its records' exchanges. */
public final class KafkaBatches {
    private KafkaBatches() {
    }

    /** One record of a poll: its value, topic, partition, offset and commit handle, as the consumer sets them. */
    public static Exchange record(CamelContext camel, String value, String topic, int partition, long offset,
                                  KafkaManualCommit commit) {
        Exchange record = new DefaultExchange(camel);
        record.getMessage().setBody(value);
        record.getMessage().setHeader(KafkaConstants.TOPIC, topic);
        record.getMessage().setHeader(KafkaConstants.PARTITION, partition);
        record.getMessage().setHeader(KafkaConstants.OFFSET, offset);
        record.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, commit);
        return record;
    }

    /** A poll of one record (partition 0, offset 0). */
    public static List<Exchange> of(CamelContext camel, String value, String topic, KafkaManualCommit commit) {
        return List.of(record(camel, value, topic, 0, 0, commit));
    }
}

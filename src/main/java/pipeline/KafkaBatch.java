package pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.support.ExpressionAdapter;

/**
 * A poll's records as one exchange (camel-kafka's batching consumer, {@code batching=true}): the
 * Splitter routes each record on its own, several at once, and the batch's offsets are committed
 * once every record of it is done (its output acknowledged, or its dead-letter copy). A record
 * whose failure escapes its route fails the batch: nothing is committed, the consumer breaks off
 * and polls the batch again from the last committed offsets (the stages are idempotent).
 */
public final class KafkaBatch {
    private KafkaBatch() {
    }

    /**
     * The batch's records as messages to split: each the record's body and headers, without its
     * commit handle, so no step commits a single record while others of its partition are in flight.
     */
    public static Expression records() {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                List<Message> messages = new ArrayList<>();
                for (Exchange record : exchanges(exchange)) {
                    Message message = record.getMessage().copy();
                    message.removeHeader(KafkaConstants.MANUAL_COMMIT);
                    messages.add(message);
                }
                return messages;
            }
        };
    }

    /** Commits, for each partition of the batch, the offset after its last record: one commit per partition. */
    public static Processor commit() {
        return exchange -> {
            Map<String, Exchange> last = new LinkedHashMap<>();
            for (Exchange record : exchanges(exchange)) {
                Message message = record.getMessage();
                String partition = message.getHeader(KafkaConstants.TOPIC) + "/" + message.getHeader(KafkaConstants.PARTITION);
                Exchange seen = last.get(partition);
                if (seen == null || offset(seen) < offset(record)) {
                    last.put(partition, record);
                }
            }
            for (Exchange record : last.values()) {
                KafkaManualCommit manual = record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
                if (manual != null) {
                    manual.commit();
                }
            }
        };
    }

    /**
     * The threads a stage's batches run on: {@code <stage>.parallelism} records of a poll at once,
     * for each of its {@code <stage>.consumers}.
     */
    public static ExecutorService pool(CamelContext camel, Object owner, String name, String stage) {
        var properties = camel.getPropertiesComponent();
        int consumers = properties.resolveProperty(stage + ".consumers").map(Integer::parseInt).orElse(1);
        int parallelism = properties.resolveProperty(stage + ".parallelism").map(Integer::parseInt).orElse(1);
        if (consumers < 1 || parallelism < 1) {
            throw new IllegalArgumentException(stage + ".consumers and " + stage + ".parallelism must be at least 1");
        }
        return camel.getExecutorServiceManager().newFixedThreadPool(owner, name, consumers * parallelism);
    }

    private static long offset(Exchange record) {
        Long offset = record.getMessage().getHeader(KafkaConstants.OFFSET, Long.class);
        return offset == null ? -1 : offset;
    }

    private static List<Exchange> exchanges(Exchange batch) {
        List<?> body = batch.getMessage().getBody(List.class);
        List<Exchange> records = new ArrayList<>();
        if (body != null) {
            for (Object item : body) {
                if (item instanceof Exchange record) {
                    records.add(record);
                }
            }
        }
        return records;
    }
}

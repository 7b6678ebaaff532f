package testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/** Stands in for the Kafka consumer's manual-commit handle in route tests: counts commits. */
public final class CountingCommit implements KafkaManualCommit {
    private final AtomicInteger commits = new AtomicInteger();

    @Override
    public void commit() {
        commits.incrementAndGet();
    }

    public int commits() {
        return commits.get();
    }
}

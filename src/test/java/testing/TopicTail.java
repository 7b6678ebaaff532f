package testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every record of a fixed set of topics, read from the beginning without a consumer group and
 * kept in memory; {@link #refresh()} reads up to the current end offsets (single-partition topics).
 * Shared by the suites that check what reached each topic (fault suite, topology test).
 */
public final class TopicTail implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<String, List<ConsumerRecord<String, String>>> records = new HashMap<>();

    public TopicTail(String bootstrap, List<String> topics) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "2000");
        consumer = new KafkaConsumer<>(p);
        for (String topic : topics) {
            partitions.add(new TopicPartition(topic, 0));
            records.put(topic, new ArrayList<>());
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads everything up to the end offsets of now; false when the broker did not answer in time. */
    public synchronized boolean refresh() {
        try {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.get(r.topic()).add(r));
            }
            return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
        } catch (TimeoutException e) {
            return false;
        }
    }

    public synchronized List<ConsumerRecord<String, String>> records(String topic) {
        return records.getOrDefault(topic, List.of());
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}

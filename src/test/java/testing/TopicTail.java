package testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every record of a fixed set of topics (all their partitions), read from the beginning without a
 * consumer group and kept in memory: the one topic reader of the tests. {@link #refresh()} reads up
 * to the current end offsets (fault suite, topology test); {@link #await} reads until a topic holds
 * enough records (benchmarks); {@link #read} is the one-shot form (the integration tests).
 */
public final class TopicTail implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final boolean keepValues;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<String, List<ConsumerRecord<String, String>>> records = new HashMap<>();

    public TopicTail(String bootstrap, List<String> topics) {
        this(bootstrap, topics, true);
    }

    /** With {@code keepValues} false only keys, timestamps and offsets are kept (benchmarks read many records). */
    public TopicTail(String bootstrap, List<String> topics, boolean keepValues) {
        this.keepValues = keepValues;
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "2000");
        consumer = new KafkaConsumer<>(p);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            while (infos.isEmpty() && System.nanoTime() < deadline) { // a topic the broker creates on this first look
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            }
            if (infos.isEmpty()) {
                throw new IllegalStateException("the broker does not know topic " + topic);
            }
            infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            records.put(topic, new ArrayList<>());
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every record of {@code topic} from its beginning, waiting until at least {@code atLeast} or {@code timeout}; a short extra look catches records beyond (duplicates). */
    public static List<ConsumerRecord<String, String>> read(String bootstrap, String topic, int atLeast, Duration timeout) {
        try (TopicTail tail = new TopicTail(bootstrap, List.of(topic))) {
            tail.pollUntil(topic, atLeast, timeout);
            tail.add(tail.consumer.poll(Duration.ofMillis(500)));
            return tail.records(topic);
        }
    }

    /** Reads everything up to the end offsets of now; false when the broker did not answer in time. */
    public synchronized boolean refresh() {
        try {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                add(consumer.poll(Duration.ofMillis(200)));
            }
            return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Reads until {@code topic} holds at least {@code n} records; fails when it does not within {@code timeout}. */
    public synchronized List<ConsumerRecord<String, String>> await(String topic, int n, Duration timeout) {
        if (!pollUntil(topic, n, timeout)) {
            throw new IllegalStateException("only " + records(topic).size() + " of " + n + " records of " + topic + " within " + timeout);
        }
        return records(topic);
    }

    public synchronized List<ConsumerRecord<String, String>> records(String topic) {
        return List.copyOf(records.getOrDefault(topic, List.of()));
    }

    private boolean pollUntil(String topic, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.get(topic).size() < n && System.nanoTime() < deadline) {
            add(consumer.poll(Duration.ofMillis(200)));
        }
        return records.get(topic).size() >= n;
    }

    private void add(ConsumerRecords<String, String> polled) {
        for (ConsumerRecord<String, String> r : polled) {
            records.get(r.topic()).add(keepValues ? r : new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(),
                    r.timestampType(), r.serializedKeySize(), r.serializedValueSize(), r.key(), null, r.headers(), r.leaderEpoch()));
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}

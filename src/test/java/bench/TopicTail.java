package bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

/** Reads a topic from its beginning on a thread of its own; the records' keys and timestamps are kept. */
final class TopicTail implements AutoCloseable {
    record Seen(String key, long timestamp, String value) {
    }

    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean stop;

    TopicTail(String bootstrap, String topic, boolean keepValues) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
                List<TopicPartition> partitions = new ArrayList<>();
                while (partitions.isEmpty() && !stop) {
                    List<PartitionInfo> infos = consumer.partitionsFor(topic);
                    if (infos != null) {
                        infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                    }
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (!stop) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        seen.add(new Seen(r.key(), r.timestamp(), keepValues ? r.value() : null));
                    }
                }
            }
        }, "tail-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    int count() {
        return seen.size();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** Waits until at least {@code n} records were read. */
    List<Seen> await(int n, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("only " + seen.size() + " of " + n + " records within " + timeout);
            }
            Thread.sleep(20);
        }
        return seen();
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(5_000);
    }
}

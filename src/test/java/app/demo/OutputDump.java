package app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Writes what the pipeline left behind: every topic as JSON lines, every bucket's objects as files. */
public final class OutputDump {
    private OutputDump() {
    }

    /** Every record of every non-internal topic → {@code out/topics/<topic>.jsonl}; returns counts per topic. */
    public static Map<String, Integer> topics(String bootstrap, Path out) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            for (String topic : new TreeMap<>(admin.listTopics().namesToListings().get()).keySet()) {
                List<String> lines = readAll(bootstrap, topic);
                Files.createDirectories(out.resolve("topics"));
                Files.write(out.resolve("topics").resolve(topic + ".jsonl"), lines, StandardCharsets.UTF_8);
                counts.put(topic, lines.size());
            }
        }
        return counts;
    }

    /** A dead-lettered record's headers ({@link pipeline.DeadLetter}): the route it failed in and why. */
    public record DeadLettered(String route, String reason) {
    }

    /** The dead-letter topic's records, with the route and reason each carries in its headers. */
    public static List<DeadLettered> deadLetters(String bootstrap, String topic) {
        List<DeadLettered> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records(bootstrap, topic)) {
            out.add(new DeadLettered(header(r, pipeline.DeadLetter.ROUTE), header(r, pipeline.DeadLetter.REASON)));
        }
        return out;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? "(none)" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<String> readAll(String bootstrap, String topic) {
        return records(bootstrap, topic).stream().map(ConsumerRecord::value).toList();
    }

    private static List<ConsumerRecord<String, String>> records(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        List<ConsumerRecord<String, String>> lines = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    lines.add(r);
                }
            }
        }
        return lines;
    }

    /** Every object of every bucket → {@code out/buckets/<bucket>/<key>}; returns counts per bucket. */
    public static Map<String, Integer> buckets(S3Client s3, Path out) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (Bucket bucket : s3.listBuckets().buckets()) {
            int n = 0;
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket.name())).contents()) {
                Path target = out.resolve("buckets").resolve(bucket.name()).resolve(o.key()).normalize();
                if (!target.startsWith(out.resolve("buckets"))) {
                    throw new IOException("object key escapes the output folder: " + o.key());
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = s3.getObject(b -> b.bucket(bucket.name()).key(o.key()))) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                n++;
            }
            counts.put(bucket.name(), n);
        }
        return counts;
    }
}

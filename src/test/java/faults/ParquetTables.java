package faults;

import aggregation.SourceRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import model.FeaturesMessage;
import model.Json;
import model.RulesResults;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import testing.KnownSeries;

/**
 * One pipeline's Parquet tables against its inputs, for the fault suite's exactly-once check (both
 * shapes): the rows expected are the distinct prod analysis outputs (one per cluster id) mapped by
 * the factory's own mapper; the rows found are every file of the tables bucket, read back.
 */
final class ParquetTables {
    /** The factory's mapping bean, its rejection counter on a registry of its own. */
    private static final aggregation.MessageRows MAPPING =
            new aggregation.MessageRows(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

    private final Map<String, Long> expected = new TreeMap<>(); // "<table>|<hour ms>" -> rows
    private final Map<String, Long> actual = new TreeMap<>();
    private final Map<Long, Set<String>> archivesPerHour = new HashMap<>();
    private final Map<String, List<String>> thanosClusters = new TreeMap<>();
    final int files;

    /**
     * Reads the expected rows from {@code rules} and {@code features} (prod, duplicates skipped) and
     * every {@code .parquet} file of {@code bucket} (downloaded into {@code dir}).
     */
    ParquetTables(List<ConsumerRecord<String, String>> rules, List<ConsumerRecord<String, String>> features,
                  S3Client tables, String bucket, Path dir) throws IOException {
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, String> r : rules) {
            if (seen.add("rules|" + r.key())) {
                expect(MAPPING.fromRules(Json.mapper().readValue(r.value(), RulesResults.class)));
            }
        }
        for (ConsumerRecord<String, String> r : features) {
            if (seen.add("features|" + r.key())) {
                expect(MAPPING.fromFeatures(Json.mapper().readValue(r.value(), FeaturesMessage.class)));
            }
        }
        Files.createDirectories(dir);
        List<String> keys = tables.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("fleet_aggregations/"))
                .contents().stream().map(S3Object::key).filter(k -> k.endsWith(".parquet")).sorted().toList();
        for (String key : keys) {
            // fleet_aggregations/<table>/hourly/date=YYYY-MM-DD/hour=HH/<table>-<n>.parquet
            String[] parts = key.split("/");
            String table = parts[1];
            long hourMs = LocalDate.parse(parts[3].substring(5)).atTime(Integer.parseInt(parts[4].substring(5)), 0)
                    .toInstant(ZoneOffset.UTC).toEpochMilli();
            Path file = dir.resolve(key.replace('/', '_'));
            Files.write(file, tables.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
            List<GenericRecord> rows = read(file);
            actual.merge(table + "|" + hourMs, (long) rows.size(), Long::sum);
            if (table.equals("archives")) {
                rows.forEach(r -> archivesPerHour.computeIfAbsent(hourMs, h -> new HashSet<>()).add(r.get("cluster_id").toString()));
            }
            if (table.equals("cluster_thanos_info")) {
                rows.forEach(r -> thanosClusters.computeIfAbsent(Instant.ofEpochMilli(hourMs).toString(), h -> new ArrayList<>())
                        .add(r.get("cluster_id").toString()));
            }
        }
        files = keys.size();
    }

    private void expect(List<SourceRows> batches) {
        for (SourceRows b : batches) {
            expected.merge(b.partition().table().tableName() + "|" + b.hour().toEpochMilli(), (long) b.rows().size(), Long::sum);
        }
    }

    /**
     * The hour of one batch: every expected table has exactly its rows, nothing else is there, and
     * the archives table holds exactly {@code archiveIds}. Adds what is wrong to {@code problems}.
     *
     * @return {rows found, rows expected} in the hour
     */
    long[] checkHour(String name, LocalDateTime hour, Set<String> archiveIds, List<String> problems) {
        long hourMs = hour.toInstant(ZoneOffset.UTC).toEpochMilli();
        long rows = 0;
        long exp = 0;
        for (var e : expected.entrySet()) {
            if (e.getKey().endsWith("|" + hourMs)) {
                exp += e.getValue();
                long got = actual.getOrDefault(e.getKey(), 0L);
                if (got != e.getValue()) {
                    problems.add(String.format("%s: parquet %s has %d row(s), expected %d", name,
                            e.getKey().substring(0, e.getKey().indexOf('|')), got, e.getValue()));
                }
            }
        }
        for (var e : actual.entrySet()) {
            if (e.getKey().endsWith("|" + hourMs)) {
                rows += e.getValue();
                if (!expected.containsKey(e.getKey())) {
                    problems.add(name + ": unexpected parquet rows in " + e.getKey());
                }
            }
        }
        Set<String> archived = archivesPerHour.getOrDefault(hourMs, Set.of());
        if (!archived.equals(archiveIds)) {
            problems.add(String.format("%s: parquet archives table holds %d of the %d cluster ids (and %d other)", name,
                    archived.stream().filter(archiveIds::contains).count(), archiveIds.size(),
                    archived.stream().filter(id -> !archiveIds.contains(id)).count()));
        }
        return new long[] {rows, exp};
    }

    /** True when every table expected in the hour has all its rows (files written; nothing said about extra rows). */
    boolean written(LocalDateTime hour) {
        String suffix = "|" + hour.toInstant(ZoneOffset.UTC).toEpochMilli();
        List<String> tablesOfHour = expected.keySet().stream().filter(k -> k.endsWith(suffix)).toList();
        return !tablesOfHour.isEmpty() && tablesOfHour.stream().allMatch(k -> actual.getOrDefault(k, 0L) >= expected.get(k));
    }

    /** Rows of {@code table} found in the hour (e.g. rule_hits). */
    long rows(String table, LocalDateTime hour) {
        return actual.getOrDefault(table + "|" + hour.toInstant(ZoneOffset.UTC).toEpochMilli(), 0L);
    }

    /**
     * Thanos: every loaded hour once, with the clusters that have subscription labels.
     *
     * @return the hours cluster_thanos_info was written for
     */
    int checkThanos(String name, List<String> problems) {
        List<String> labelled = KnownSeries.CLUSTERS.stream().filter(c -> c.emailDomain() != null).map(KnownSeries.Cluster::id).sorted().toList();
        for (Instant h = KnownSeries.START; h.isBefore(KnownSeries.END); h = h.plus(1, ChronoUnit.HOURS)) {
            List<String> got = thanosClusters.getOrDefault(h.toString(), List.of()).stream().sorted().toList();
            if (!got.equals(labelled)) {
                problems.add(name + ": cluster_thanos_info for " + h + " has " + got + ", expected " + labelled);
            }
        }
        return thanosClusters.size();
    }

    static List<GenericRecord> read(Path file) throws IOException {
        List<GenericRecord> out = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                new LocalInputFile(file), new PlainParquetConfiguration()).withDataModel(GenericData.get()).build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                out.add(r);
            }
        }
        return out;
    }
}

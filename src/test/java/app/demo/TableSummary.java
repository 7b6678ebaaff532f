package app.demo;

import aggregation.MessageRows;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import parquet.ParquetTable;

/**
 * The demo's account of every table: rows in the files, rows the factory could not write (its
 * {@code ccx_parquet_rows_rejected_total} counter, by reason), and which clusters have a
 * {@code cluster_info} row. Printed and written to {@code summary.json} with the {@link FlowSummary}.
 *
 * @param rejected table → reason → rows
 */
record TableSummary(Map<String, Long> rows, Map<String, Map<String, Long>> rejected, Set<String> clustersUploaded,
                    Set<String> clustersWithClusterInfo, boolean featuresRun) {

    /** The factory's rejected-rows counters as they stand (read before the pipeline stops). */
    static Map<String, Map<String, Long>> rejectedRows(MeterRegistry meters) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        if (meters != null) {
            for (Counter c : meters.find(MessageRows.REJECTED_METER).counters()) {
                out.computeIfAbsent(c.getId().getTag("table"), t -> new TreeMap<>())
                        .merge(c.getId().getTag("reason"), (long) c.count(), Long::sum);
            }
        }
        return out;
    }

    /** @param featuresRun whether the shape has the features stage, the source of {@code cluster_info} rows */
    static TableSummary of(Path buckets, Map<String, Map<String, Long>> rejected, Set<String> clustersUploaded,
                           boolean featuresRun) throws IOException {
        return new TableSummary(ParquetRowCounts.perTable(buckets), rejected, new TreeSet<>(clustersUploaded),
                clusterIds(buckets, ParquetTable.CLUSTER_INFO), featuresRun);
    }

    long rejectedIn(String table) {
        return rejected.getOrDefault(table, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line per table of the spec, with rows written and rows rejected (zero or counted). */
    void print() {
        Demo.say("parquet tables (rows written, rows rejected):");
        for (ParquetTable table : ParquetTable.values()) {
            String name = table.tableName();
            Map<String, Long> reasons = rejected.getOrDefault(name, Map.of());
            Demo.say("  %-40s %6d row(s), %4d rejected%s", name, rows.getOrDefault(name, 0L), rejectedIn(name),
                    reasons.isEmpty() ? "" : " " + reasons);
        }
        if (!featuresRun) {
            // The 2024 shape has no features stage: cluster_info rows come from features messages only.
            Demo.say("  cluster_info: not made in this shape (no features stage); %d cluster(s) uploaded", clustersUploaded.size());
            return;
        }
        Set<String> missing = new TreeSet<>(clustersUploaded);
        missing.removeAll(clustersWithClusterInfo);
        Demo.say("  cluster_info: %d of %d uploaded cluster(s) have a row%s", clustersUploaded.size() - missing.size(),
                clustersUploaded.size(), missing.isEmpty() ? "" : "; MISSING " + missing);
    }

    Map<String, Object> json() {
        Map<String, Object> tables = new LinkedHashMap<>();
        for (ParquetTable table : ParquetTable.values()) {
            String name = table.tableName();
            tables.put(name, Map.of("rows", rows.getOrDefault(name, 0L), "rejected", rejectedIn(name),
                    "rejected_by_reason", rejected.getOrDefault(name, Map.of())));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("tables", tables);
        summary.put("clusters_uploaded", clustersUploaded);
        summary.put("clusters_with_cluster_info", clustersWithClusterInfo);
        return summary;
    }

    /** The distinct cluster_id values in the dumped files of {@code table}. */
    private static Set<String> clusterIds(Path buckets, ParquetTable table) throws IOException {
        Set<String> ids = new TreeSet<>();
        if (!Files.isDirectory(buckets)) {
            return ids;
        }
        try (Stream<Path> files = Files.walk(buckets)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(table.tableName() + "-")
                    && f.toString().endsWith(".parquet")).toList()) {
                try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file)).build()) {
                    for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                        ids.add(row.get("cluster_id").toString());
                    }
                }
            }
        }
        return ids;
    }
}

package bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import model.ArchiveMetadata;
import model.FeaturesMessage.FeatureMetadata;
import model.FeaturesMessage.FeatureResult;
import model.FeaturesMessage.FeatureSchema;
import model.FeaturesMessage;
import model.Json;
import model.RulesReport.ReportHit;
import model.RulesReport;
import model.RulesResults;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import parquet.DuckDbCheck;
import parquet.MappedRows;
import parquet.ParquetFileWriter;
import parquet.ParquetSink;
import parquet.ParquetTable;
import parquet.TableRow;
import parquet.TableRows;
import parquet.WrittenFile;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Parquet factory benchmark (issue 6). Not a test: run it by hand, from the project directory,
 * after {@code npm ci --prefix tools/parquet-check} (about 2 minutes):
 * <pre>
 * mvn -B -q -o test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     "-Dexec.args=-cp %classpath bench.ParquetBenchmark"
 * </pre>
 * ({@code exec:java -Dexec.mainClass=bench.ParquetBenchmark} works too once the pom's exec plugin
 * takes its main class from that property instead of fixing it.) Options, as {@code -D} before
 * {@code -cp} in {@code exec.args}: {@code bench.rows} (500000) rows per throughput run,
 * {@code bench.hourRows} (1000000) rows of the heap runs.
 * <p>
 * <b>Throughput</b>, for {@code rule_hits} (4 narrow columns, 10 hits per rules-results message)
 * and {@code workload_containers} (11 columns, 100 containers per features message), rows/s of:
 * <ol>
 *   <li>the factory path: messages (as deserialized from Kafka) → {@link TableRows} mapping with
 *       every validator check → {@link ParquetFileWriter} (Snappy) into a local file;</li>
 *   <li>(a) a bare parquet-avro writer loop over the same, already built GenericRecords;</li>
 *   <li>(b) DuckDB (npm {@code @duckdb/node-api}) converting the same rows from JSON lines:
 *       {@code COPY (SELECT * FROM read_json_auto(...)) TO ... (FORMAT parquet)}, timed inside node
 *       (the COPY alone, no process start).</li>
 * </ol>
 * Each figure is the best of 5 interleaved runs after a warm-up (DuckDB: best of 3). Goals
 * (issue 6): factory ≥ 0.8× (a), ≥ 1.0× (b).
 * <p>
 * <b>Heap</b>: a child JVM with {@code -Xmx512m} maps and writes a 1-million-row
 * {@code workload_containers} hour through {@link ParquetSink} (the upload goes to a stub store
 * that only counts bytes), generating the messages lazily as a consumer would receive them. It
 * reports the live heap after a full GC every 100,000 rows and the heap pools' peak usage. It runs
 * twice: with the 128 MiB row groups of §13.3, where the writer holds the open row group's
 * encoded pages (here the whole 35 MB file, as it is one row group), and with 8 MiB row groups,
 * where the live heap stays flat: the writer's memory is bounded by the row group, not the rows.
 */
public final class ParquetBenchmark {

    private static final String HEAP_CHILD = "--heap-child";

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals(HEAP_CHILD)) {
            heapChild(Integer.parseInt(args[1]), Long.parseLong(args[2]));
            return;
        }
        int rows = Integer.getInteger("bench.rows", 500_000);
        int hourRows = Integer.getInteger("bench.hourRows", 1_000_000);
        Path dir = Files.createTempDirectory("parquet-bench-");
        try {
            System.out.printf("Parquet factory benchmark: %,d rows per run, %d cores, Java %s%n",
                    rows, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            boolean duckDb = DuckDbCheck.nodeAvailable();
            if (!duckDb) {
                System.out.println("node not found: the DuckDB baseline (b) is skipped");
            }
            throughput("rule_hits", ParquetTable.RULE_HITS, rows, 10, Inputs::rulesMessage, dir, duckDb);
            throughput("workload_containers", ParquetTable.WORKLOAD_CONTAINERS, rows, 100, Inputs::workloadMessage, dir, duckDb);
            heapRun(hourRows, ParquetFileWriter.DEFAULT_ROW_GROUP_BYTES);
            heapRun(hourRows, 8L * 1024 * 1024);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    // ---- throughput ----

    private static void throughput(String label, ParquetTable table, int rows, int rowsPerMessage,
                                   IntFunction<Object> message, Path dir, boolean duckDb) throws Exception {
        int messages = rows / rowsPerMessage;
        List<Object> inputs = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            inputs.add(message.apply(i));
        }
        List<GenericRecord> records = new ArrayList<>(rows);
        for (Object input : inputs) {
            mapped(input).rows(table).forEach(r -> records.add(r.record()));
        }
        int total = records.size();

        // Warm-up of both Java paths on a tenth of the input.
        factoryPath(table, inputs.subList(0, Math.max(1, messages / 10)), dir.resolve("warm-f.parquet"));
        bareWriter(table, records.subList(0, Math.max(1, total / 10)), dir.resolve("warm-b.parquet"));

        long factory = Long.MAX_VALUE;
        long bare = Long.MAX_VALUE;
        for (int run = 0; run < 5; run++) { // interleaved, best of 5: robust to a busy machine
            factory = Math.min(factory, factoryPath(table, inputs, dir.resolve("factory.parquet")));
            bare = Math.min(bare, bareWriter(table, records, dir.resolve("bare.parquet")));
        }
        System.out.printf("%n%s (%,d rows, %s):%n", label, total, sizes(dir));
        System.out.printf("  factory path (map + write)  %,12.0f rows/s%n", perSecond(total, factory));
        System.out.printf("  (a) bare parquet-avro loop  %,12.0f rows/s   factory/(a) = %.2f  (goal >= 0.8)%n",
                perSecond(total, bare), (double) bare / factory);
        if (duckDb) {
            Path jsonLines = dir.resolve("rows.jsonl");
            writeJsonLines(table, records, jsonLines);
            long duck = Long.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                Path out = dir.resolve("duckdb.parquet");
                Files.deleteIfExists(out);
                JsonNode result = DuckDbCheck.convert(jsonLines, out);
                if (result.path("rows").asLong() != total) {
                    throw new IllegalStateException("DuckDB wrote " + result.path("rows") + " rows, not " + total);
                }
                duck = Math.min(duck, (long) (result.path("millis").asDouble() * 1_000_000));
            }
            System.out.printf("  (b) DuckDB JSON -> Parquet  %,12.0f rows/s   factory/(b) = %.2f  (goal >= 1.0)%n",
                    perSecond(total, duck), (double) duck / factory);
            Files.deleteIfExists(jsonLines);
        }
    }

    private static MappedRows mapped(Object input) {
        return input instanceof RulesResults rules ? TableRows.fromRules(rules) : TableRows.fromFeatures((FeaturesMessage) input);
    }

    /** Nanoseconds to map every message and stream its rows into one file. */
    private static long factoryPath(ParquetTable table, List<Object> inputs, Path file) throws IOException {
        Files.deleteIfExists(file);
        long start = System.nanoTime();
        new ParquetFileWriter().write(table, new MappingIterator(inputs.iterator(), table), file);
        return System.nanoTime() - start;
    }

    /** Nanoseconds of the plain parquet-avro loop with the same settings. */
    private static long bareWriter(ParquetTable table, List<GenericRecord> records, Path file) throws IOException {
        Files.deleteIfExists(file);
        long start = System.nanoTime();
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration()).withSchema(table.schema()).withDataModel(GenericData.get())
                .withCompressionCodec(CompressionCodecName.SNAPPY).withRowGroupSize(ParquetFileWriter.DEFAULT_ROW_GROUP_BYTES)
                .build()) {
            for (GenericRecord record : records) {
                writer.write(record);
            }
        }
        return System.nanoTime() - start;
    }

    private static void writeJsonLines(ParquetTable table, List<GenericRecord> records, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
            json.setRootValueSeparator(null);
            for (GenericRecord record : records) {
                json.writeStartObject();
                for (Schema.Field field : table.schema().getFields()) {
                    Object value = record.get(field.pos());
                    json.writeFieldName(field.name());
                    if (field.schema().getLogicalType() != null) {
                        json.writeString(Instant.ofEpochMilli((Long) value).toString()); // timestamps as ISO text
                    } else {
                        json.writeObject(value instanceof CharSequence text ? text.toString() : value);
                    }
                }
                json.writeEndObject();
                json.writeRaw('\n');
            }
        }
    }

    private static String sizes(Path dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : List.of("factory.parquet", "bare.parquet")) {
            out.put(name.replace(".parquet", ""), String.format("%.1f MB", Files.size(dir.resolve(name)) / 1e6));
        }
        return "file " + out;
    }

    private static double perSecond(long rows, long nanos) {
        return rows * 1e9 / nanos;
    }

    /** Maps messages one at a time, so only one message's rows are in memory at once. */
    private static final class MappingIterator implements Iterator<GenericRecord> {
        private final Iterator<?> messages;
        private final ParquetTable table;
        private Iterator<TableRow> current = List.<TableRow>of().iterator();

        MappingIterator(Iterator<?> messages, ParquetTable table) {
            this.messages = messages;
            this.table = table;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && messages.hasNext()) {
                current = mapped(messages.next()).rows(table).iterator();
            }
            return current.hasNext();
        }

        @Override
        public GenericRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next().record();
        }
    }

    // ---- heap ----

    private static void heapRun(int rows, long rowGroupBytes) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", classPath(), ParquetBenchmark.class.getName(), HEAP_CHILD, Integer.toString(rows),
                Long.toString(rowGroupBytes));
        System.out.printf("%n%,d-row hour, row groups of %d MiB, in a child JVM with -Xmx512m:%n", rows, rowGroupBytes >> 20);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream out = child.getInputStream()) {
            out.transferTo(System.out);
        }
        if (!child.waitFor(30, TimeUnit.MINUTES) || child.exitValue() != 0) {
            throw new IllegalStateException("heap run failed");
        }
    }

    /** The class path of this run: exec:java's class loader, else the JVM's. */
    private static String classPath() {
        if (ParquetBenchmark.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    private static void heapChild(int rows, long rowGroupBytes) throws IOException {
        int perMessage = 100;
        int messages = rows / perMessage;
        long[] liveAfterGc = new long[1];
        Iterator<Object> inputs = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < messages;
            }

            @Override
            public Object next() {
                if (next % 1000 == 0 && next > 0) { // every 100,000 rows
                    System.gc();
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    liveAfterGc[0] = Math.max(liveAfterGc[0], used);
                    System.out.printf("  after %,9d rows: live heap %5.1f MB%n", (long) next * perMessage, used / 1e6);
                }
                return Inputs.workloadMessage(next++);
            }
        };
        Path temp = Files.createTempDirectory("parquet-heap-");
        long start = System.nanoTime();
        WrittenFile file = new ParquetSink(new CountingS3(), "bench", "fleet_aggregations", new ParquetFileWriter(rowGroupBytes), temp)
                .write(ParquetTable.WORKLOAD_CONTAINERS, Inputs.HOUR, new MappingIterator(inputs, ParquetTable.WORKLOAD_CONTAINERS));
        long nanos = System.nanoTime() - start;
        Files.delete(temp);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("  %s: %,d rows, %.1f MB, %.1f s (%,.0f rows/s, including making the messages and the GCs above)%n", file.key(), file.rows(),
                file.bytes() / 1e6, nanos / 1e9, file.rows() * 1e9 / nanos);
        System.out.printf("  max heap %d MB; max live heap after GC %.1f MB; heap pools' peak sum %.1f MB%n",
                Runtime.getRuntime().maxMemory() / (1024 * 1024), liveAfterGc[0] / 1e6, peak / 1e6);
    }

    /** An S3 stand-in that reads and counts each upload, keeping nothing. */
    private static final class CountingS3 implements S3Client {
        @Override
        public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
            try (InputStream in = body.contentStreamProvider().newStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return PutObjectResponse.builder().build();
        }

        @Override
        public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
            return ListObjectsV2Response.builder().isTruncated(false).build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }

    // ---- inputs ----

    /** Deterministic messages as a consumer deserializes them; all in one hour. */
    static final class Inputs {
        static final Instant HOUR = Instant.parse("2021-02-08T00:00:00Z");
        private static final List<String> RULES = List.of("pods_check|POD_ISSUE", "operators_check|OPERATOR_ISSUE",
                "pods_check_containers|POD_CONTAINER_ISSUE", "nodes_requirements_check|NODES_MINIMUM_REQUIREMENTS_NOT_MET",
                "ccx_rules_ocp_bug|BUGZILLA_BUG_1821905", "image_registry_pv_not_bound|IMAGE_REGISTRY_PV_NOT_BOUND",
                "cluster_wide_proxy_auth_check|AUTH_OPERATOR_PROXY_ERROR", "sap_data_intelligence|SAP_DI_TOO_LOW_MEMORY");
        private static final FeatureSchema WORKLOAD_SCHEMA = new features.WorkloadInfoNamespacesExtractor().fields().schema();

        private Inputs() {
        }

        static String cluster(int i) {
            return String.format("%08x-%04x-4%03x-8%03x-%012x", i * 2654435761L & 0xffffffffL, i & 0xffff, i & 0xfff,
                    (i >> 12) & 0xfff, (long) i * 31);
        }

        static String path(int i) {
            String cluster = cluster(i);
            int second = i % 3600;
            return String.format("archives/compressed/%s/%s/202102/08/00%02d%02d.tar.gz", cluster.substring(0, 2), cluster,
                    second / 60, second % 60);
        }

        static RulesResults rulesMessage(int i) {
            List<ReportHit> hits = new ArrayList<>();
            for (int h = 0; h < 10; h++) {
                String ruleId = RULES.get((i + h) % RULES.size());
                String key = ruleId.substring(ruleId.indexOf('|') + 1);
                hits.add(new ReportHit(ruleId, "ccx_rules_ocp.external.rules.x.report", "rule", key,
                        Map.of("type", "rule", "error_key", key), List.of(), Map.of()));
            }
            RulesReport report = new RulesReport(new RulesReport.ReportSystem(Map.of(), null, null), hits, List.of(),
                    List.of(), List.of(), List.of(), null);
            return new RulesResults(path(i), new ArchiveMetadata(cluster(i), "1234567"), report);
        }

        /** 10 namespaces × 2 shapes × (4 containers + 1 init container) = 100 rows. */
        static FeaturesMessage workloadMessage(int i) {
            Random random = new Random(i);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int n = 0; n < 10; n++) {
                List<Object> shapes = new ArrayList<>();
                for (int s = 0; s < 2; s++) {
                    List<Object> containers = new ArrayList<>();
                    for (int c = 0; c < 4; c++) {
                        containers.add(container(random));
                    }
                    shapes.add(Map.of("containers", containers, "initContainers", List.of(container(random)),
                            "shapeInstances", 1 + random.nextInt(3), "restartAlways", random.nextBoolean()));
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("cluster_id", cluster(i));
                row.put("namespace", hash(random, 12));
                row.put("shapes", shapes);
                rows.add(row);
            }
            return new FeaturesMessage(path(i), new ArchiveMetadata(cluster(i), "1234567"), List.of(new FeatureResult(
                    new FeatureMetadata("workload_info_namespaces", "features.WorkloadInfoNamespacesExtractor"),
                    WORKLOAD_SCHEMA, rows)));
        }

        /** A fleet shares images: containers draw from 5,000 of them. */
        private static final String[] IMAGES = new String[5000];

        static {
            for (int i = 0; i < IMAGES.length; i++) {
                IMAGES[i] = String.format("sha256:%064x", (long) i * 0x9E3779B97F4A7C15L & Long.MAX_VALUE);
            }
        }

        private static Map<String, Object> container(Random random) {
            return Map.of("imageID", IMAGES[random.nextInt(IMAGES.length)], "firstArg", random.nextInt(4) == 0 ? "" : hash(random, 12),
                    "firstCommand", hash(random, 8));
        }

        private static String hash(Random random, int length) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            StringBuilder out = new StringBuilder(length);
            for (int k = 0; k < length; k++) {
                out.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return out.toString();
        }
    }
}

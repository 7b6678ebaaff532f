package bench;

import org.apache.commons.io.FileUtils;
import aggregation.SourceRows;
import aggregation.Spill;
import aggregation.SpillStore;
import aggregation.SpillWriter;
import contract.Contract;
import contract.ContractValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import model.FeaturesMessage;
import model.RulesResults;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import parquet.ParquetFileWriter;
import parquet.ParquetSink;
import parquet.ParquetTable;
import parquet.WrittenFile;
import pipeline.ContractCheck;
import pipeline.JsonFormats;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The Parquet factory's durable path for one (table, hour), the steps of the {@code parquet-input}
 * route and of the aggregator's completion with the shipped settings, without Kafka and without
 * Camel's routing between the steps:
 * <ol>
 *   <li>the Kafka record value (JSON bytes) becomes the String body the consumer's
 *       {@code StringDeserializer} gives;</li>
 *   <li>the route's processors: {@link ContractCheck} (JSON Schema + cross checks) then
 *       {@link JsonFormats} (camel-jackson bind), on an exchange per record;</li>
 *   <li>{@link aggregation.MessageRows#fromRules}/{@link aggregation.MessageRows#fromFeatures} (the mapping with every
 *       validator check); the measured table's rows are appended to its {@link Spill} (what
 *       {@code SpillAggregation} does), in a {@link SpillStore} with {@code ccx.parquet.fsync};</li>
 *   <li>{@link SpillStore#sync()} at the last record of every poll of {@code ccx.parquet.max-poll-records}
 *       records (the group commit before the offset commit) and after the last record;</li>
 *   <li>completion: {@link SpillStore#seal}, {@link SpillWriter#write} through a {@link ParquetSink}
 *       with {@code ccx.parquet.row-group-bytes} row groups (Snappy) to a temporary file, uploaded
 *       to S3, then {@link SpillStore#confirm}.</li>
 * </ol>
 * The settings are read from the shipped {@code application.properties}.
 */
final class DurablePath {
    /** The factory's mapping bean, its rejection counter on a registry of its own. */
    private static final aggregation.MessageRows MAPPING =
            new aggregation.MessageRows(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    /** ccx.parquet.row-group-bytes, ccx.parquet.max-poll-records, ccx.parquet.fsync as shipped. */
    static final long ROW_GROUP_BYTES;
    static final int POLL_RECORDS;
    static final boolean FSYNC;

    static {
        Properties shipped = new Properties();
        try (InputStream in = DurablePath.class.getResourceAsStream("/application.properties")) {
            shipped.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ROW_GROUP_BYTES = Long.parseLong(shipped.getProperty("ccx.parquet.row-group-bytes").trim());
        POLL_RECORDS = Integer.parseInt(shipped.getProperty("ccx.parquet.max-poll-records").trim());
        FSYNC = Boolean.parseBoolean(shipped.getProperty("ccx.parquet.fsync").trim());
    }

    /** The steps timed inside the two phases (nanoseconds, summed over the records). */
    static final List<String> STEPS = List.of("string", "contract", "jackson", "mapping", "append", "fsync", "parquet", "s3");

    /**
     * One hour through the path: rows in the file, its size, time to the spill (ingest) and time of
     * seal + write + upload + confirm (write); {@code steps} splits them as {@link #STEPS}: the
     * record value to a String, the contract check, the Jackson bind, {@code SourceRows} (mapping),
     * {@code Spill.append}, {@code SpillStore.sync} (fsync); in the write phase the S3 calls
     * (listing for the file's index, PUT) and the rest (reading the spill, Parquet encoding into the
     * temporary file, seal, confirm).
     */
    record Result(long rows, long fileBytes, String key, long ingestNanos, long writeNanos, long[] steps) {
        long totalNanos() {
            return ingestNanos + writeNanos;
        }

        /** "contract 412 ms, jackson 120 ms, ..." */
        String stepsText() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < STEPS.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(STEPS.get(i)).append(' ').append(Math.round(steps[i] / 1e6)).append(" ms");
            }
            return out.toString();
        }

        /** "string=1.2 contract=412.0 ..." (milliseconds), for the RESULT lines. */
        String stepsFields() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < STEPS.size(); i++) {
                out.append(i == 0 ? "" : " ").append(STEPS.get(i)).append("Ms=").append(String.format("%.1f", steps[i] / 1e6));
            }
            return out.toString();
        }
    }

    private final CamelContext camel = new DefaultCamelContext();
    private final Processor rulesCheck = new ContractCheck(ContractValidator.shared(), Contract.RULES_RESULTS);
    private final Processor featuresCheck = new ContractCheck(ContractValidator.shared(), Contract.FEATURES);
    private final Processor rulesRead = unmarshal(RulesResults.class);
    private final Processor featuresRead = unmarshal(FeaturesMessage.class);
    private final S3Client s3;
    private final String bucket;

    private long s3Nanos;

    /** The routes' read step: the camel-jackson data format of {@link JsonFormats}. */
    private Processor unmarshal(Class<?> type) {
        var format = JsonFormats.of(type);
        format.setCamelContext(camel);
        format.start();
        return e -> e.getMessage().setBody(format.unmarshal(e, e.getMessage().getBody()));
    }

    DurablePath(S3Client s3, String bucket) {
        // Every call of the sink's S3 client is timed (the write phase's "s3" step).
        this.s3 = (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    long t = System.nanoTime();
                    try {
                        return method.invoke(s3, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        s3Nanos += System.nanoTime() - t;
                    }
                });
        this.bucket = bucket;
    }

    static String settings() {
        return String.format("row groups %d MiB, sync every %d records, fsync %s", ROW_GROUP_BYTES >> 20, POLL_RECORDS, FSYNC);
    }

    /**
     * Runs every record through the path into a fresh state directory under {@code work} (deleted
     * afterwards) and writes the table's hour as one file.
     */
    Result run(ParquetTable table, Iterator<byte[]> records, Path work) throws Exception {
        boolean rules = table == ParquetTable.RULE_HITS || table == ParquetTable.ARCHIVES;
        Processor check = rules ? rulesCheck : featuresCheck;
        Processor read = rules ? rulesRead : featuresRead;
        Path state = Files.createTempDirectory(work, "state-");
        Path upload = Files.createDirectories(state.resolve("upload"));
        try {
            SpillStore store = new SpillStore(state.resolve("spill"), FSYNC);
            SpillWriter writer = new SpillWriter(new ParquetSink(s3, bucket, "fleet_aggregations",
                    new ParquetFileWriter(ROW_GROUP_BYTES), upload), new SimpleMeterRegistry());
            long[] steps = new long[STEPS.size()];
            long start = System.nanoTime();
            Spill spill = null;
            int inPoll = 0;
            while (records.hasNext()) {
                long t0 = System.nanoTime();
                Exchange exchange = new DefaultExchange(camel);
                exchange.getMessage().setBody(new String(records.next(), StandardCharsets.UTF_8));
                long t1 = System.nanoTime();
                check.process(exchange);
                long t2 = System.nanoTime();
                read.process(exchange);
                long t3 = System.nanoTime();
                Object message = exchange.getMessage().getBody();
                List<SourceRows> batches = rules ? MAPPING.fromRules((RulesResults) message)
                        : MAPPING.fromFeatures((FeaturesMessage) message);
                long t4 = System.nanoTime();
                for (SourceRows batch : batches) {
                    if (batch.partition().table() == table) {
                        if (spill == null) {
                            spill = store.open(batch.partition());
                        }
                        spill.append(batch);
                    }
                }
                long t5 = System.nanoTime();
                if (++inPoll == POLL_RECORDS || !records.hasNext()) { // last record of the poll
                    store.sync();
                    inPoll = 0;
                }
                long t6 = System.nanoTime();
                steps[0] += t1 - t0;
                steps[1] += t2 - t1;
                steps[2] += t3 - t2;
                steps[3] += t4 - t3;
                steps[4] += t5 - t4;
                steps[5] += t6 - t5;
            }
            long ingested = System.nanoTime();
            if (spill == null) {
                throw new IllegalStateException("no " + table + " row in the input");
            }
            s3Nanos = 0;
            store.seal(spill, exchangeId());
            WrittenFile file = writer.write(spill).orElseThrow();
            store.confirm(spill);
            long written = System.nanoTime();
            steps[7] = s3Nanos;
            steps[6] = written - ingested - s3Nanos;
            return new Result(file.rows(), file.bytes(), file.key(), ingested - start, written - ingested, steps);
        } finally {
            FileUtils.deleteDirectory(state.toFile());
        }
    }

    private String exchangeId() {
        return new DefaultExchange(camel).getExchangeId().replace('.', '-');
    }

}

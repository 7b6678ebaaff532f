package aggregation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import parquet.ParquetTable;
import parquet.TablePartition;

/**
 * The aggregate of one (table, hour): an append-only Avro container file on the state volume,
 * one block per source ({@code {source, rows, data}}, the rows Avro-binary in the table's schema).
 * The file is the whole state: which sources it holds (the de-duplication set) is read back from
 * it, and a block torn by a crash is cut off on reopening, together with its source, so a
 * redelivered message is stored again, once. Once complete it is sealed (no more appends) and
 * streamed into the hour's Parquet file.
 * <p>
 * Thread-safe: the aggregator appends under its lock, the input route syncs from its own thread.
 */
public final class Spill {
    /** One source's rows in one block. */
    static final Schema BLOB = SchemaBuilder.record("spill_blob").fields()
            .requiredString("source").requiredInt("rows").requiredBytes("data").endRecord();
    static final String OPEN = ".open";
    static final String SEALED = ".sealed";

    private final TablePartition partition;
    private final int generation;
    /** Sources stored for this partition by earlier generations (sealed or written). */
    private final Set<String> earlier;
    /** Sources this generation holds: what it adds to the partition's written record once written. */
    private final Set<String> sources;
    private Path file;
    private DataFileWriter<GenericRecord> writer;
    private long rows;
    private boolean dirty;
    private String sealedId;
    private boolean recovered;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    private BinaryEncoder encoder;
    private final GenericDatumWriter<GenericRecord> rowWriter;
    private final GenericData.Record blob = new GenericData.Record(BLOB);

    private Spill(TablePartition partition, int generation, Path file, Set<String> earlier, Set<String> sources, long rows) {
        this.partition = partition;
        this.generation = generation;
        this.file = file;
        this.earlier = Set.copyOf(earlier);
        this.sources = sources;
        this.rows = rows;
        this.rowWriter = new GenericDatumWriter<>(partition.table().schema());
    }

    /** A new, empty generation; {@code earlier} are the sources already stored for this partition. */
    static Spill create(TablePartition partition, int generation, Path file, Set<String> earlier) throws IOException {
        Spill spill = new Spill(partition, generation, file, earlier, new HashSet<>(), 0);
        spill.writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(BLOB));
        spill.writer.setMeta("ccx.partition", partition.correlationKey());
        spill.writer.create(BLOB, file.toFile());
        spill.writer.fSync();
        return spill;
    }

    /**
     * Reopens an open generation left by an earlier process: whole blocks are kept, a torn tail is
     * cut off. Returns null when not even the header made it to disk (the file is removed).
     */
    static Spill reopen(TablePartition partition, int generation, Path file, Set<String> earlier) throws IOException {
        Set<String> sources = new HashSet<>();
        Scan scan = scan(file, sources);
        if (scan == null) {
            Files.delete(file);
            return null;
        }
        if (scan.validBytes() < Files.size(file)) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(scan.validBytes());
                channel.force(true);
            }
        }
        Spill spill = new Spill(partition, generation, file, earlier, sources, scan.rows());
        spill.writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(BLOB)).appendTo(file.toFile());
        return spill;
    }

    /** A sealed generation found on disk (its completion was not confirmed before a restart). */
    static Spill sealed(TablePartition partition, int generation, Path file, String sealedId) throws IOException {
        Set<String> sources = new HashSet<>();
        Scan scan = scan(file, sources);
        Spill spill = new Spill(partition, generation, file, Set.of(), sources, scan == null ? 0 : scan.rows());
        spill.sealedId = sealedId;
        spill.recovered = true;
        return spill;
    }

    private record Scan(long validBytes, long rows) {
    }

    /** Reads the sources of every whole block into {@code sources}; null when the header is unreadable. */
    private static Scan scan(Path file, Set<String> sources) throws IOException {
        DataFileReader<GenericRecord> reader;
        try {
            reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>(BLOB));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        long rows = 0;
        long valid = reader.previousSync();
        try (reader) {
            GenericRecord record = null;
            while (reader.hasNext()) {
                record = reader.next(record);
                sources.add(record.get("source").toString());
                rows += (Integer) record.get("rows");
                valid = reader.previousSync();
            }
            // A block cut short ends the read like the end of the file does: keep up to the last whole one.
            valid = reader.previousSync();
        } catch (IOException | RuntimeException torn) {
            // A block cut short by a crash: everything before it stays.
        }
        return new Scan(valid, rows);
    }

    public TablePartition partition() {
        return partition;
    }

    public int generation() {
        return generation;
    }

    /** The rows stored so far (in this generation). */
    public synchronized long rows() {
        return rows;
    }

    /** Whether the source is stored for this partition, in this generation or an earlier one. */
    public synchronized boolean holds(String source) {
        return sources.contains(source) || earlier.contains(source);
    }

    public synchronized Path file() {
        return file;
    }

    /** Set once sealed: the id of the completed exchange, also in the sealed file's name. */
    public synchronized String sealedId() {
        return sealedId;
    }

    /** Sealed by an earlier process or an earlier attempt: its file may already be in the bucket. */
    public synchronized boolean recovered() {
        return recovered;
    }

    synchronized void markRecovered() {
        recovered = true;
    }

    /**
     * Appends one source's rows as one block, written through to the file (a process crash keeps
     * it; {@link #sync()} makes it survive the machine's).
     *
     * @return false when this source is already stored for the partition (a redelivery)
     */
    public synchronized boolean append(SourceRows batch) throws IOException {
        if (writer == null) {
            throw new IllegalStateException(partition + " generation " + generation + " is sealed");
        }
        if (!batch.partition().equals(partition)) {
            throw new IllegalArgumentException(batch.partition() + " rows do not belong in " + partition);
        }
        if (holds(batch.source())) {
            return false;
        }
        buffer.reset();
        encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
        for (GenericRecord row : batch.rows()) {
            rowWriter.write(row, encoder);
        }
        encoder.flush();
        blob.put("source", batch.source());
        blob.put("rows", batch.rows().size());
        blob.put("data", ByteBuffer.wrap(buffer.toByteArray()));
        writer.append(blob);
        writer.flush();
        sources.add(batch.source());
        rows += batch.rows().size();
        dirty = true;
        return true;
    }

    /** Forces appended blocks to the disk; cheap when nothing was appended since. */
    public synchronized void sync() throws IOException {
        if (dirty && writer != null) {
            writer.fSync();
            dirty = false;
        }
    }

    /** Ends appends: the file is synced, closed and renamed {@code g<N>.<id>.sealed}. */
    synchronized void seal(String id) throws IOException {
        if (writer != null) {
            writer.fSync();
            writer.close();
            writer = null;
            dirty = false;
        }
        Path target = file.resolveSibling("g" + generation + "." + id + SEALED);
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        file = target;
        sealedId = id;
    }

    /** Closes an open generation without sealing it (shutdown): it is reopened at the next start. */
    synchronized void close() throws IOException {
        if (writer != null) {
            writer.fSync();
            writer.close();
            writer = null;
        }
    }

    /** The sources this generation holds, not the earlier ones (for the partition's record of written sources). */
    synchronized Set<String> sources() {
        return Set.copyOf(sources);
    }

    /**
     * Streams the generation's rows, block by block. With {@code reuse} the record handed out, and
     * its strings ({@code Utf8}, not {@code String}), are reused, so a consumer uses it before
     * asking for the next (as a Parquet writer does).
     */
    public RowCursor rows(boolean reuse) throws IOException {
        return new RowCursor(file, partition.table(), reuse);
    }

    /** The rows of a spill file, decoded one at a time. */
    public static final class RowCursor implements Iterator<GenericRecord>, AutoCloseable {
        private final DataFileReader<GenericRecord> blocks;
        private final GenericDatumReader<GenericRecord> rowReader;
        private final boolean reuse;
        private final Schema schema;
        /** With reuse, the field types when every one is decoded by {@link #readFlat}; else null. */
        private final Schema.Type[] flat;
        private GenericRecord blob;
        private GenericRecord row;
        private BinaryDecoder decoder;
        private int remaining;

        RowCursor(Path file, ParquetTable table, boolean reuse) throws IOException {
            this.blocks = new DataFileReader<>(file.toFile(), new GenericDatumReader<>(BLOB));
            this.rowReader = new GenericDatumReader<>(table.schema());
            this.reuse = reuse;
            this.schema = table.schema();
            Schema.Type[] types = schema.getFields().stream().map(f -> f.schema().getType()).toArray(Schema.Type[]::new);
            this.flat = reuse && Arrays.stream(types).allMatch(FLAT::contains) ? types : null;
        }

        @Override
        public boolean hasNext() {
            while (remaining == 0) {
                if (!blocks.hasNext()) {
                    return false;
                }
                try {
                    blob = blocks.next(blob);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the spill " + blocks, e);
                }
                ByteBuffer data = (ByteBuffer) blob.get("data");
                decoder = DecoderFactory.get().binaryDecoder(data.array(), data.arrayOffset() + data.position(),
                        data.remaining(), decoder);
                remaining = (Integer) blob.get("rows");
            }
            return true;
        }

        @Override
        public GenericRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                row = flat != null ? readFlat(row) : rowReader.read(reuse ? row : null, decoder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            remaining--;
            return row;
        }

        /**
         * One row of a flat table (every field a required string, long, int or boolean, as the
         * Avro binary encoding has them one after the other) into the reused record, strings as
         * reused {@code Utf8}s: parquet-avro writes a {@code Utf8}'s bytes as they are, where a
         * {@code String} would be decoded from UTF-8 here only to be encoded again by the writer,
         * and the generic reader's per-field schema resolution is skipped.
         */
        private GenericRecord readFlat(GenericRecord old) throws IOException {
            GenericRecord out = old != null ? old : new GenericData.Record(schema);
            for (int i = 0; i < flat.length; i++) {
                switch (flat[i]) {
                    case STRING -> out.put(i, decoder.readString(out.get(i) instanceof Utf8 reused ? reused : null));
                    case LONG -> out.put(i, decoder.readLong());
                    case INT -> out.put(i, decoder.readInt());
                    case BOOLEAN -> out.put(i, decoder.readBoolean());
                    default -> throw new IllegalStateException("not a flat field: " + flat[i]);
                }
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            blocks.close();
        }
    }

    private static final Set<Schema.Type> FLAT = EnumSet.of(Schema.Type.STRING, Schema.Type.LONG, Schema.Type.INT,
            Schema.Type.BOOLEAN);

    @Override
    public String toString() {
        return partition + " g" + generation;
    }
}

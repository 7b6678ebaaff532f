package parquet;

import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One row of one table, with the hour it belongs to (its archive's {@code collected_at}, or the
 * Thanos window, truncated to the hour, UTC). The hour is carried beside the record because
 * {@code alerts} has no {@code collected_at} column.
 * <p>
 * Java serialization (what a persistent Camel AggregationRepository uses) writes the table, the
 * hour and the record in Avro binary form: compact, and independent of Avro's classes, which are
 * not {@link Serializable}.
 */
public record TableRow(ParquetTable table, Instant hour, GenericRecord record) implements Serializable {

    public TableRow {
        if (record.getSchema() != table.schema()) {
            throw new IllegalArgumentException("record is not a " + table + " row: " + record.getSchema().getFullName());
        }
        if (hour.getNano() != 0 || Math.floorMod(hour.getEpochSecond(), 3600) != 0) {
            hour = hour.truncatedTo(ChronoUnit.HOURS);
        }
    }

    public TablePartition partition() {
        return new TablePartition(table, hour);
    }

    /** The row's {@code archive_path}; null for {@code cluster_thanos_info}, which has none. */
    public String archivePath() {
        return table.hasColumn("archive_path") ? (String) record.get("archive_path") : null;
    }

    /** The record in Avro binary encoding with the table's schema. */
    public byte[] encode() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(128);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(table.schema()).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reverses {@link #encode()}. */
    public static TableRow decode(ParquetTable table, Instant hour, byte[] avro) {
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(avro, null);
            return new TableRow(table, hour, new GenericDatumReader<GenericRecord>(table.schema()).read(null, decoder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Serial
    private Object writeReplace() {
        return new SerializedRow(table.tableName(), hour.toEpochMilli(), encode());
    }

    /** The serialized form of a {@link TableRow}. */
    private record SerializedRow(String table, long hourMillis, byte[] avro) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() {
            return decode(ParquetTable.byName(table), Instant.ofEpochMilli(hourMillis), avro);
        }
    }
}

package parquet;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Streams rows of one table into a local Parquet file with parquet-avro: Snappy, 128 MiB row
 * groups (§13.3), the table's Avro schema (strings as BINARY/STRING, timestamps as INT64
 * TIMESTAMP(MILLIS, UTC)). Only the open row group is held in memory, never the whole file.
 * No Hadoop {@code Configuration} is created: a {@link PlainParquetConfiguration} and a
 * {@link LocalOutputFile} keep Hadoop's file systems and XML files out.
 */
public final class ParquetFileWriter {

    /** §13.3: the original factory's row group size. */
    public static final long DEFAULT_ROW_GROUP_BYTES = 128L * 1024 * 1024;

    private final long rowGroupBytes;

    public ParquetFileWriter() {
        this(DEFAULT_ROW_GROUP_BYTES);
    }

    public ParquetFileWriter(long rowGroupBytes) {
        this.rowGroupBytes = rowGroupBytes;
    }

    /**
     * Writes every row to {@code file}, which must not exist yet.
     *
     * @return the number of rows written
     * @throws IllegalArgumentException when a record is not of {@code table}'s schema
     */
    public long write(ParquetTable table, Iterator<? extends GenericRecord> rows, Path file) throws IOException {
        long count = 0;
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withSchema(table.schema())
                .withDataModel(GenericData.get())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(rowGroupBytes)
                .build()) {
            while (rows.hasNext()) {
                GenericRecord row = rows.next();
                if (row.getSchema() != table.schema()) {
                    throw new IllegalArgumentException("not a " + table + " row: " + row.getSchema().getFullName());
                }
                writer.write(row);
                count++;
            }
        }
        return count;
    }
}

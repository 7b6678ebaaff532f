package parquet;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * The column types of contract §13.4 as Avro types, and what parquet-avro writes for each.
 * <p>
 * Avro has no unsigned integers: the spec's UINT32 ({@code network_mtu}), UINT8
 * ({@code network_host_prefix}) and "int" ({@code duration_in_ms}) are Avro {@code int}, Parquet
 * INT32 without an unsigned annotation; the row mappers reject negative values (and values above
 * 255 for UINT8), so every value written is a valid unsigned one.
 */
public enum ColumnType {
    /** Avro {@code string}: Parquet BINARY, logical type STRING (UTF-8). Java value: {@link String}. */
    STRING(stringSchema()),
    /**
     * Avro {@code long} with logical type {@code timestamp-millis}: Parquet INT64
     * TIMESTAMP(MILLIS, isAdjustedToUTC=true). Java value: {@link Long} epoch milliseconds (UTC).
     */
    TIMESTAMP(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))),
    /** Avro {@code boolean}: Parquet BOOLEAN. Java value: {@link Boolean}. */
    BOOLEAN(Schema.create(Schema.Type.BOOLEAN)),
    /** Avro {@code int}: Parquet INT32 (also the spec's UINT32, UINT8 and "int"). Java value: {@link Integer}. */
    INT32(Schema.create(Schema.Type.INT)),
    /** Avro {@code long}: Parquet INT64. Java value: {@link Long}. */
    INT64(Schema.create(Schema.Type.LONG));

    private final Schema avro;

    ColumnType(Schema avro) {
        this.avro = avro;
    }

    /** The Avro type of a required column (never a union with null). */
    public Schema avro() {
        return avro;
    }

    /** The Java class a {@link org.apache.avro.generic.GenericRecord} holds for this column. */
    public Class<?> javaType() {
        return switch (this) {
            case STRING -> String.class;
            case TIMESTAMP, INT64 -> Long.class;
            case BOOLEAN -> Boolean.class;
            case INT32 -> Integer.class;
        };
    }

    /** Strings read back as {@link String}, not Avro's {@code Utf8}, so rows compare with plain values. */
    private static Schema stringSchema() {
        Schema string = Schema.create(Schema.Type.STRING);
        GenericData.setStringType(string, GenericData.StringType.String);
        return string;
    }
}

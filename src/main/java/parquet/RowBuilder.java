package parquet;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Builds one {@link GenericRecord} of a {@link ParquetTable}: unknown column names and values of
 * the wrong Java type are programming errors; {@link #build()} refuses a row with a column unset,
 * because every column is required.
 */
public final class RowBuilder {
    private final ParquetTable table;
    private final GenericData.Record record;

    RowBuilder(ParquetTable table) {
        this.table = table;
        this.record = new GenericData.Record(table.schema());
    }

    public RowBuilder set(String column, Object value) {
        Schema.Field field = table.schema().getField(column);
        if (field == null) {
            throw new IllegalArgumentException(table + " has no column '" + column + "'");
        }
        Class<?> expected = table.javaType(field.pos());
        if (value != null && !expected.isInstance(value)) {
            throw new IllegalArgumentException(table + "." + column + " holds " + expected.getSimpleName()
                    + ", not " + value.getClass().getSimpleName());
        }
        record.put(field.pos(), value);
        return this;
    }

    public GenericRecord build() {
        for (Schema.Field field : table.schema().getFields()) {
            if (record.get(field.pos()) == null) {
                throw new IllegalStateException(table + "." + field.name() + " is not set");
            }
        }
        return record;
    }
}

package parquet;

import org.apache.avro.generic.GenericRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The rows one input message gives, per table, and the rows it could not give.
 * {@link #byTable()} holds only tables with at least one row, in {@link ParquetTable} order; rows
 * keep the order of the message.
 */
public final class MappedRows {
    private final Map<ParquetTable, List<TableRow>> byTable;
    private final List<RejectedRow> rejected;

    private MappedRows(Map<ParquetTable, List<TableRow>> byTable, List<RejectedRow> rejected) {
        this.byTable = byTable;
        this.rejected = rejected;
    }

    /** Table → rows, only tables that have rows. Unmodifiable. */
    public Map<ParquetTable, List<TableRow>> byTable() {
        return byTable;
    }

    /** The rows of one table; empty if none. */
    public List<TableRow> rows(ParquetTable table) {
        return byTable.getOrDefault(table, List.of());
    }

    /** (table, hour) → rows: what the aggregator correlates on. Unmodifiable. */
    public Map<TablePartition, List<TableRow>> byPartition() {
        Map<TablePartition, List<TableRow>> out = new LinkedHashMap<>();
        byTable.values().forEach(rows -> rows.forEach(row ->
                out.computeIfAbsent(row.partition(), p -> new ArrayList<>()).add(row)));
        out.replaceAll((p, rows) -> Collections.unmodifiableList(rows));
        return Collections.unmodifiableMap(out);
    }

    /** Every row, table by table. */
    public List<TableRow> all() {
        List<TableRow> out = new ArrayList<>();
        byTable.values().forEach(out::addAll);
        return out;
    }

    /** Row count of one table. */
    public int count(ParquetTable table) {
        return rows(table).size();
    }

    /** Rows not written, with the reason; a caller logs or counts them. */
    public List<RejectedRow> rejected() {
        return rejected;
    }

    static Builder builder() {
        return new Builder();
    }

    /** Collects rows; a {@link RejectedValueException} while building one becomes a {@link RejectedRow}. */
    static final class Builder {
        private final Map<ParquetTable, List<TableRow>> byTable = new EnumMap<>(ParquetTable.class);
        private final List<RejectedRow> rejected = new ArrayList<>();

        /** Adds the row the supplier builds, or records why it could not. */
        void add(ParquetTable table, Instant hour, String source, Supplier<GenericRecord> row) {
            try {
                put(table, hour, row.get());
            } catch (RejectedValueException e) {
                reject(table, source, e);
            }
        }

        void reject(ParquetTable table, String source, RejectedValueException e) {
            rejected.add(RejectedRow.of(table, source, e));
        }

        private void put(ParquetTable table, Instant hour, GenericRecord record) {
            byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(new TableRow(table, hour, record));
        }

        MappedRows build() {
            Map<ParquetTable, List<TableRow>> frozen = new EnumMap<>(ParquetTable.class);
            byTable.forEach((table, rows) -> frozen.put(table, Collections.unmodifiableList(rows)));
            return new MappedRows(Collections.unmodifiableMap(frozen), Collections.unmodifiableList(rejected));
        }
    }
}

package parquet;

/**
 * A row the mappers could not write: a value in it cannot be represented in its column at all
 * (see {@link ValueChecks}). Counted ({@code ccx_parquet_rows_rejected_total{table,reason}}) and
 * logged by the factory, never dropped in silence.
 *
 * @param table  the table the row was meant for
 * @param source the archive path, or {@code thanos <cluster id> <time>} for Thanos rows
 * @param reason which column and what is wrong, from a small fixed set: {@code network_mtu: negative}
 * @param detail the reason with the offending value, for the log: {@code network_mtu: negative (-1)}
 */
public record RejectedRow(ParquetTable table, String source, String reason, String detail) {

    static RejectedRow of(ParquetTable table, String source, RejectedValueException e) {
        return new RejectedRow(table, source, e.reason(), e.getMessage());
    }
}

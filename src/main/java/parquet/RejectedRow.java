package parquet;

/**
 * A row the mappers did not write because a value breaks its table's check (VALIDATION §5.5–§5.15,
 * §6.5): a file with such a row would fail the validator as a whole.
 *
 * @param table  the table the row was meant for; null when the whole message was unusable
 * @param source the archive path, or {@code thanos <cluster id> <time>} for Thanos rows
 * @param reason which column and why, e.g. {@code platform: 'Nutanix' is not one of [...]}
 */
public record RejectedRow(ParquetTable table, String source, String reason) {
}

package parquet;

/**
 * A Parquet file in the bucket.
 *
 * @param key   its object key, {@code <prefix>/<table>/hourly/date=YYYY-MM-DD/hour=HH/<table>-<N>.parquet}
 * @param rows  rows written
 * @param bytes file size
 */
public record WrittenFile(String key, long rows, long bytes) {
}

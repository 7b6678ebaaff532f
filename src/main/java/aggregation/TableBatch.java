package aggregation;

import java.util.List;

/**
 * The rows one source (an archive path, or a Thanos window) adds to one table in one hour,
 * each row Avro-binary encoded with the table's schema, plus the newest archive time among them.
 */
public record TableBatch(String table, long hourMs, String source, List<byte[]> rows, long collectedAtMs) {

    /** The aggregator's correlation key. */
    public String group() {
        return table + "|" + hourMs;
    }
}

package aggregation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import model.FeaturesMessage;
import model.RulesResults;
import parquet.MappedRows;
import parquet.TablePartition;
import parquet.TableRow;
import parquet.TableRows;
import storage.CephPath;
import thanos.HourResult;

/** Input messages → the table batches the aggregator stores, one per (table, hour). */
public final class ParquetBatches {

    public List<TableBatch> fromRules(RulesResults message) {
        return batches(TableRows.fromRules(message), message.path(), archiveTime(message.path()));
    }

    public List<TableBatch> fromFeatures(FeaturesMessage message) {
        return batches(TableRows.fromFeatures(message), message.path(), archiveTime(message.path()));
    }

    /** A Thanos window is its own source: re-querying the same hour adds nothing. */
    public List<TableBatch> fromThanos(HourResult hour) {
        Instant end = hour.hourStart().plusSeconds(3600);
        return batches(TableRows.fromThanos(hour.rows()), "thanos:" + hour.hourStart(), end.toEpochMilli() - 1);
    }

    private static long archiveTime(String cephPath) {
        return CephPath.parse(cephPath).collectedAt().toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
    }

    private static List<TableBatch> batches(MappedRows mapped, String source, long collectedAtMs) {
        List<TableBatch> batches = new ArrayList<>();
        for (Map.Entry<TablePartition, List<TableRow>> e : mapped.byPartition().entrySet()) {
            List<byte[]> rows = new ArrayList<>(e.getValue().size());
            e.getValue().forEach(r -> rows.add(r.encode()));
            batches.add(new TableBatch(e.getKey().table().tableName(), e.getKey().hour().toEpochMilli(), source, rows,
                    collectedAtMs));
        }
        return batches;
    }
}

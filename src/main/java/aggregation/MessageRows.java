package aggregation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import model.FeaturesMessage;
import model.RulesResults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parquet.MappedRows;
import parquet.RejectedRow;
import parquet.TableRows;
import thanos.HourResult;

/**
 * The factory's mapping step: an input message → its rows per (table, hour), and every row it
 * could not give counted ({@code ccx_parquet_rows_rejected_total{table,reason}}) and logged with
 * its archive path and reason. No row leaves in silence.
 */
public final class MessageRows {
    private static final Logger LOG = LoggerFactory.getLogger(MessageRows.class);
    public static final String REJECTED_METER = "ccx.parquet.rows.rejected";

    private final MeterRegistry meters;

    public MessageRows(MeterRegistry meters) {
        this.meters = meters;
    }

    /** {@code rule_hits} and {@code archives} rows of a rules-results message, per (table, hour). */
    public List<SourceRows> fromRules(RulesResults message) {
        return SourceRows.of(reported(TableRows.fromRules(message)), "rules " + message.path());
    }

    /** The feature tables' rows of a features message, per (table, hour). */
    public List<SourceRows> fromFeatures(FeaturesMessage message) {
        return SourceRows.of(reported(TableRows.fromFeatures(message)), "features " + message.path());
    }

    /** A Thanos window is its own source: re-querying the same hour adds nothing. */
    public List<SourceRows> fromThanos(HourResult hour) {
        return SourceRows.of(reported(TableRows.fromThanos(hour.rows())), "thanos " + hour.hourStart());
    }

    private MappedRows reported(MappedRows mapped) {
        for (RejectedRow row : mapped.rejected()) {
            Counter.builder(REJECTED_METER)
                    .description("rows the Parquet factory could not write: a value its column cannot hold")
                    .tag("table", row.table().tableName()).tag("reason", row.reason())
                    .register(meters).increment();
            LOG.warn("{} row not written, {}: {}", row.table(), row.source(), row.detail());
        }
        return mapped;
    }
}

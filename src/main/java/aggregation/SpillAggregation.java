package aggregation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * The Aggregator EIP's strategy: the aggregate of a (table, hour) is its {@link Spill}, and
 * aggregating is appending one source's {@link SourceRows} to it (a source already there is a
 * redelivery and adds nothing). The rows go to the state volume, not the heap, whatever the hour's size.
 */
public final class SpillAggregation implements AggregationStrategy {
    private final SpillStore store;
    private final Counter duplicates;

    public SpillAggregation(SpillStore store, MeterRegistry meters) {
        this.store = store;
        this.duplicates = Counter.builder("ccx.parquet.duplicate.sources")
                .description("rows of a source already stored for its table and hour, not stored again").register(meters);
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        SourceRows rows = newExchange.getMessage().getBody(SourceRows.class);
        try {
            Exchange aggregate = oldExchange == null ? newExchange : oldExchange;
            Spill spill = oldExchange == null ? store.open(rows.partition()) : oldExchange.getMessage().getBody(Spill.class);
            if (!spill.append(rows)) {
                duplicates.increment();
            }
            aggregate.getMessage().setBody(spill);
            return aggregate;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store rows of " + rows.key() + " from " + rows.source(), e);
        }
    }
}

package aggregation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.RecoverableAggregationRepository;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The Aggregator EIP's repository over the {@link SpillStore}: an open group is an open spill
 * (its exchange only a handle, the rows on disk), completing a group seals it, and a sealed spill
 * stays on disk until its Parquet file is written ({@link #confirm}). After a restart the open
 * spills are the groups again and the sealed ones are recovered by the aggregator's own recovery
 * task, which retries a failed write every recovery interval, without limit.
 */
public final class SpillRepository extends ServiceSupport implements RecoverableAggregationRepository {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SpillRepository.class);
    private final SpillStore store;
    private final long recoveryIntervalMs;
    private final HourCloser closer;
    private final Map<String, Exchange> groups = new ConcurrentHashMap<>();
    private final Map<String, Spill> reopened = new ConcurrentHashMap<>();
    private final Map<String, Spill> inFlight = new ConcurrentHashMap<>();

    public SpillRepository(SpillStore store, long recoveryIntervalMs, HourCloser closer) {
        this.store = store;
        this.recoveryIntervalMs = recoveryIntervalMs;
        this.closer = closer;
    }

    @Override
    protected void doStart() throws Exception {
        reopened.putAll(store.reopenAll());
    }

    @Override
    protected void doStop() throws Exception {
        store.closeAll();
        groups.clear();
        reopened.clear();
    }

    @Override
    public Exchange add(CamelContext camelContext, String key, Exchange exchange) {
        return groups.put(key, exchange);
    }

    @Override
    public Exchange get(CamelContext camelContext, String key) {
        Exchange group = groups.get(key);
        if (group == null) {
            Spill left = reopened.remove(key);
            if (left != null) {
                group = new DefaultExchange(camelContext);
                group.getMessage().setBody(left);
                // The aggregator restores the group's completion timeout from this after a restart.
                group.setProperty(ExchangePropertyKey.AGGREGATED_TIMEOUT, closer.remainingMs(left.partition()));
                groups.put(key, group);
            }
        }
        return group;
    }

    @Override
    public void remove(CamelContext camelContext, String key, Exchange exchange) {
        groups.remove(key);
        Spill spill = exchange.getMessage().getBody(Spill.class);
        try {
            store.seal(spill, exchange.getExchangeId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot seal " + spill, e);
        }
        inFlight.put(exchange.getExchangeId(), spill);
    }

    @Override
    public void confirm(CamelContext camelContext, String exchangeId) {
        confirmWithResult(camelContext, exchangeId);
    }

    @Override
    public boolean confirmWithResult(CamelContext camelContext, String exchangeId) {
        try {
            Spill spill = inFlight.remove(exchangeId);
            if (spill == null) {
                spill = store.findSealed(exchangeId).orElse(null);
            }
            if (spill != null) {
                store.confirm(spill);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot confirm the written spill " + exchangeId, e);
        }
    }

    @Override
    public Set<String> getKeys() {
        Set<String> keys = ConcurrentHashMap.newKeySet();
        keys.addAll(groups.keySet());
        keys.addAll(reopened.keySet());
        return keys;
    }

    /** Never throws: an exception would end the aggregator's recovery task for good. */
    @Override
    public Set<String> scan(CamelContext camelContext) {
        try {
            return store.sealedIds();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot list the sealed spills, retrying at the next recovery: {}", e.toString());
            return Set.of();
        }
    }

    @Override
    public Exchange recover(CamelContext camelContext, String exchangeId) {
        try {
            Spill spill = inFlight.get(exchangeId);
            if (spill == null) {
                spill = store.findSealed(exchangeId).orElse(null);
                if (spill == null) {
                    return null;
                }
                inFlight.put(exchangeId, spill);
            }
            // Its file may be in the bucket already (a crash, or a failed reply): the writer checks.
            spill.markRecovered();
            Exchange exchange = new DefaultExchange(camelContext);
            exchange.setExchangeId(exchangeId);
            exchange.setProperty(ExchangePropertyKey.AGGREGATED_CORRELATION_KEY, spill.partition().correlationKey());
            // The aggregator's statistics switch on this; without it the recovery task dies of a
            // NullPointerException (Camel 4.18 AggregateProcessor.aggregateCompletionCounter).
            exchange.setProperty(ExchangePropertyKey.AGGREGATED_COMPLETED_BY, "timeout");
            exchange.getMessage().setBody(spill);
            return exchange;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot recover the sealed spill {}, retrying at the next recovery: {}", exchangeId, e.toString(), e);
            return null;
        }
    }

    @Override
    public void setRecoveryInterval(long interval, java.util.concurrent.TimeUnit timeUnit) {
        throw new UnsupportedOperationException("set ccx.parquet.recovery-interval-ms instead");
    }

    @Override
    public void setRecoveryInterval(long interval) {
        throw new UnsupportedOperationException("set ccx.parquet.recovery-interval-ms instead");
    }

    @Override
    public long getRecoveryInterval() {
        return recoveryIntervalMs;
    }

    @Override
    public boolean isUseRecovery() {
        return true;
    }

    @Override
    public void setUseRecovery(boolean useRecovery) {
        if (!useRecovery) {
            throw new UnsupportedOperationException("a sealed spill is always recovered");
        }
    }

    @Override
    public void setDeadLetterUri(String deadLetterUri) {
        throw new UnsupportedOperationException("a sealed spill is retried until written, never dead-lettered");
    }

    @Override
    public String getDeadLetterUri() {
        return null;
    }

    @Override
    public void setMaximumRedeliveries(int maximumRedeliveries) {
        throw new UnsupportedOperationException("a sealed spill is retried until written");
    }

    @Override
    public int getMaximumRedeliveries() {
        return 0;
    }
}

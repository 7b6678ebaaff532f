package pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * An idempotent repository that also knows the keys being processed right now. With records of a
 * poll handled in parallel, the same archive twice in one poll (a redelivery upstream) would pass
 * a non-eager check twice before either is remembered; here the second asks while the first is in
 * flight and waits for its outcome: remembered (a duplicate, skipped) or failed (its turn).
 * Keys are still remembered only once their outputs are sent (the idempotent consumer's
 * {@code eager(false)}), so a crash mid-way never skips the redelivery.
 */
public final class InFlightIdempotency extends ServiceSupport implements IdempotentRepository, CamelContextAware {
    /** How long a record waits for another with its key before it goes ahead anyway (at least once). */
    static final long MAX_WAIT_MS = 300_000;

    private final IdempotentRepository remembered;
    private final Map<String, CountDownLatch> inFlight = new ConcurrentHashMap<>();
    private CamelContext camelContext;

    public InFlightIdempotency(IdempotentRepository remembered) {
        this.remembered = remembered;
    }

    /** False (and the key is now this caller's) unless remembered; waits while another caller holds the key. */
    @Override
    public boolean contains(String key) {
        while (true) {
            if (remembered.contains(key)) {
                return true;
            }
            CountDownLatch mine = new CountDownLatch(1);
            CountDownLatch other = inFlight.putIfAbsent(key, mine);
            if (other == null) {
                return false;
            }
            try {
                if (!other.await(MAX_WAIT_MS, TimeUnit.MILLISECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Whether the key is remembered (its outputs sent), without claiming it or waiting: for checks and tests. */
    public boolean remembered(String key) {
        return remembered.contains(key);
    }

    @Override
    public boolean add(String key) {
        try {
            return remembered.add(key);
        } finally {
            release(key);
        }
    }

    @Override
    public boolean remove(String key) {
        try {
            return remembered.remove(key);
        } finally {
            release(key);
        }
    }

    @Override
    public boolean confirm(String key) {
        return remembered.confirm(key);
    }

    @Override
    public void clear() {
        remembered.clear();
    }

    private void release(String key) {
        CountDownLatch latch = inFlight.remove(key);
        if (latch != null) {
            latch.countDown();
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** Handed on: the Kafka-backed repository needs the context (Camel injects it into what it sees, this wrapper). */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
        CamelContextAware.trySetCamelContext(remembered, camelContext);
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(remembered);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(remembered);
    }
}

package thanos;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/** {@link ThanosClient}s on one started CamelContext per test JVM (the client is a camel-http producer). */
final class ThanosClients {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static CamelContext camel;

    private ThanosClients() {
    }

    static synchronized ThanosClient of(ThanosConfig config) {
        if (camel == null) {
            camel = new DefaultCamelContext();
            camel.start();
        }
        return new ThanosClient(config, camel, "thanos-test-" + NEXT.incrementAndGet());
    }
}

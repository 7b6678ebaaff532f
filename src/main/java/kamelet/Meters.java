package kamelet;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;

/** The registry camel-micrometer exposes ("metricsRegistry"), or null (the services then count privately). */
final class Meters {
    private Meters() {
    }

    static MeterRegistry of(CamelContext camel) {
        return camel == null ? null : camel.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
    }
}

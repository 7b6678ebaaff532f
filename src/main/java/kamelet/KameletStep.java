package kamelet;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/** What every Kamelet bean of ours has: its CamelContext (the registry its meters go to, {@link Meters}; the Thanos source's camel-http). */
public abstract class KameletStep implements CamelContextAware {
    private CamelContext camelContext;

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}

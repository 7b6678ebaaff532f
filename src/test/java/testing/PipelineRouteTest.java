package testing;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every {@code @CamelMainTest} of the pipeline's routes shares: each stage added as the
 * runnable jar adds it ({@link PipelineRoutes}), the Camel context injected, the mock endpoints
 * reset before each test. A subclass says in its {@code @CamelMainTest} which stages run, which
 * inputs are direct endpoints, which endpoints are mocked and which steps are advised
 * ({@code advices = @AdviceRouteMapping(...)}: applied before the context starts).
 */
public abstract class PipelineRouteTest {
    @BeanInject
    protected CamelContext camel;

    @Configure
    protected void addPipelineRoutes(MainConfigurationProperties configuration) {
        PipelineRoutes.addTo(configuration);
    }

    @BeforeEach
    protected void resetMocks() {
        MockEndpoint.resetMocks(camel);
    }
}

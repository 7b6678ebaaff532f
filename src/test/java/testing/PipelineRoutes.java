package testing;

import app.PipelineMain;
import org.apache.camel.main.MainConfigurationProperties;

/** Adds every stage of the pipeline to a @CamelMainTest, exactly as the runnable jar does. */
public final class PipelineRoutes {
    private PipelineRoutes() {
    }

    public static void addTo(MainConfigurationProperties configuration) {
        PipelineMain.routes().forEach(configuration::addRoutesBuilder);
    }
}

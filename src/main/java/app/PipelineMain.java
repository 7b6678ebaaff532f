package app;

import java.util.List;
import java.util.Properties;
import org.apache.camel.RoutesBuilder;
import health.Readiness;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import routes.ArchiveAnalysisRoutes;
import routes.ArchiveSyncRoutes;
import routes.DeadLetterRoutes;
import routes.ErrorHandling;
import routes.ParquetFactoryRoutes;
import routes.SqsListenerRoutes;
import routes.UploadAnnouncementRoutes;

/**
 * The runnable pipeline: camel-main with every stage's RouteBuilder; each stage runs only when
 * its {@code ccx.stages.<stage>} switch is on. Configuration comes from application.properties,
 * overridden by system properties and environment variables (CCX_KAFKA_BROKERS for ccx.kafka.brokers).
 */
public final class PipelineMain {
    private PipelineMain() {
    }

    public static void main(String[] args) throws Exception {
        create(new Properties()).run(args);
    }

    /** A configured, not yet started camel-main; {@code overrides} win over application.properties. */
    public static Main create(Properties overrides) {
        // No base-package scan: the stages and beans are listed explicitly below.
        Main main = new Main();
        main.configure().addConfiguration(PipelineBeans.class);
        for (RoutesBuilder routes : routes()) {
            main.configure().addRoutesBuilder(routes);
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                Readiness.install(configured.getCamelContext());
            }
        });
        if (!overrides.isEmpty()) {
            main.setOverrideProperties(overrides);
        }
        return main;
    }

    /** Every stage of the pipeline, in flow order. */
    public static List<RoutesBuilder> routes() {
        return List.of(new ErrorHandling(), new DeadLetterRoutes(), new SqsListenerRoutes(),
                new UploadAnnouncementRoutes(), new ArchiveSyncRoutes(), new ArchiveAnalysisRoutes(),
                new ParquetFactoryRoutes());
    }
}

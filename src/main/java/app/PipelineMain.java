package app;

import camelk.CamelKMounts;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.RoutesBuilder;
import health.Readiness;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import routes.ArchiveAnalysisRoutes;
import routes.ArchiveSyncRoutes;
import routes.AwsS3ArchiveRoutes;
import routes.DeadLetterRoutes;
import routes.ErrorHandling;
import routes.MultiplexorRoutes;
import routes.RulesUploaderRoutes;
import routes.ParquetFactoryRoutes;
import routes.SqsListenerRoutes;
import routes.UploadAnnouncementRoutes;

/**
 * The runnable pipeline: camel-main with every stage's RouteBuilder; each stage runs only when
 * its {@code ccx.stages.<stage>} switch is on. Configuration comes from application.properties,
 * overridden by system properties and environment variables (CCX_KAFKA_BROKERS for ccx.kafka.brokers).
 *
 * <p>In a Camel K pod of our image (CAMEL_K_CONF / CAMEL_K_CONF_D set, see {@link CamelKMounts}) it
 * also reads the operator's properties files (kamelet location, the Pipe's Kamelet properties)
 * and loads the mounted flow, e.g. a Pipe's {@code camel-k-embedded-flow.yaml}.
 */
public final class PipelineMain {
    private PipelineMain() {
    }

    public static void main(String[] args) throws Exception {
        create(new Properties()).run(args);
    }

    /**
     * A configured, not yet started camel-main; {@code overrides} win over application.properties.
     * The Camel K mounts come from the environment ({@link CamelKMounts#detect()}).
     */
    public static Main create(Properties overrides) {
        return create(overrides, CamelKMounts.detect());
    }

    /** As {@link #create(Properties)}, with the Camel K mounts given (none: a plain camel-main). */
    public static Main create(Properties overrides, Optional<CamelKMounts> camelK) {
        // No base-package scan: the stages and beans are listed explicitly below.
        Main main = new Main();
        camelK.ifPresent(mounts -> {
            main.setPropertyPlaceholderLocations(String.join(",", mounts.propertyLocations()));
            mounts.routesIncludePattern().ifPresent(pattern ->
                    main.configure().withRoutesIncludePattern(CamelKMounts.DEFAULT_ROUTES + "," + pattern));
        });
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
                new UploadAnnouncementRoutes(), new AwsS3ArchiveRoutes(), new MultiplexorRoutes(), new ArchiveSyncRoutes(), new ArchiveAnalysisRoutes(),
                new RulesUploaderRoutes(), new ParquetFactoryRoutes());
    }
}

package camelk;

import static org.assertj.core.api.Assertions.assertThat;

import app.PipelineMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PipelineMain started the way the operator starts our image for a Pipe: the operator's
 * application.properties (kamelet bundle location, routes pattern), conf.d/user.properties (the
 * Kamelet's properties, stages off) and the generated flow, here all in a temp dir.
 */
class PipelineMainInCamelKPodTest {
    @TempDir
    Path etc;

    @Test
    void theMountedFlowRunsWithTheBundledKameletAndItsProperties() throws Exception {
        Path bundle = Files.createDirectories(etc.resolve("kamelets/kamelets-bundle-test-001"));
        Files.writeString(bundle.resolve("greet-action.kamelet.yaml"), """
                apiVersion: camel.apache.org/v1
                kind: Kamelet
                metadata:
                  name: greet-action
                spec:
                  definition:
                    properties:
                      greeting:
                        type: string
                  template:
                    from:
                      uri: kamelet:source
                      steps:
                      - setBody:
                          simple: "{{greeting}} ${body}"
                """);
        Path sources = Files.createDirectories(etc.resolve("sources"));
        Files.writeString(sources.resolve("camel-k-embedded-flow.yaml"), """
                - route:
                    id: binding
                    from:
                      uri: direct:pipe
                      steps:
                      - kamelet:
                          name: greet-action/action-0
                """);
        Path conf = Files.writeString(etc.resolve("application.properties"),
                "camel.component.kamelet.location=file:" + bundle + ",classpath:/kamelets\n"
                        + "camel.component.kamelet.no-error-handler=false\n"
                        + "camel.main.routes-include-pattern=file:" + sources + "/**\n");
        Path confD = Files.createDirectories(etc.resolve("conf.d"));
        Files.writeString(confD.resolve("user.properties"), """
                camel.kamelet.greet-action.action-0.greeting=hello
                ccx.stages.sqs-listener=false
                ccx.stages.upload-listener=false
                ccx.stages.archive-sync=false
                ccx.stages.rules=false
                ccx.stages.features=false
                ccx.stages.parquet-factory=false
                ccx.stages.thanos-poll=false
                ccx.http.enabled=false
                """);

        Main main = PipelineMain.create(new Properties(), Optional.of(new CamelKMounts(conf, confD)));
        main.start();
        try {
            CamelContext camel = main.getCamelContext();
            assertThat(camel.getComponent("kamelet", KameletComponent.class).getLocation()).startsWith("file:" + bundle);
            // conf.d wins over the classpath application.properties (which switches the stage on)
            assertThat(camel.getPropertiesComponent().resolveProperty("ccx.stages.sqs-listener")).contains("false");
            assertThat(camel.getRoutes()).extracting(r -> r.getRouteId()).contains("binding").doesNotContain("sqs-listener");
            String out = camel.createProducerTemplate().requestBody("direct:pipe", "world", String.class);
            System.out.println("flow answered: " + out);
            assertThat(out).isEqualTo("hello world");
        } finally {
            main.stop();
        }
    }

    @Test
    void withoutMountsNothingChanges() {
        Main main = PipelineMain.create(new Properties(), Optional.empty());
        assertThat(main.getPropertyPlaceholderLocations()).isNull();
        assertThat(main.configure().getRoutesIncludePattern()).isEqualTo(CamelKMounts.DEFAULT_ROUTES);
    }
}

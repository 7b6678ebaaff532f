package kamelet;

import app.PipelineMain;
import camelk.CamelKMounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.main.Main;

/**
 * What the Camel K operator puts into a pod for a Pipe on our image (an action between two Kafka
 * endpoints, a source Kamelet into Kafka, or Kafka into a sink Kamelet), laid out in a temp dir the way
 * it lays out /etc/camel: the generated flow in sources/camel-k-embedded-flow.yaml, the Kamelet
 * (copied from kamelets/) in kamelets/kamelets-bundle-&lt;it&gt;-001, application.properties naming both,
 * and conf.d/user.properties with the Pipe's {@code camel.kamelet.<name>.<id>.<property>} values and
 * every ccx stage off. {@link #start()} runs PipelineMain on it, as the image's entrypoint would
 * with CAMEL_K_CONF and CAMEL_K_CONF_D set.
 */
final class CamelKPod implements AutoCloseable {
    static final Path PROJECT = Path.of(System.getProperty("ccx.project.dir", "."));
    private static final String[] STAGES = {"sqs-listener", "upload-listener", "archive-sync", "rules", "features",
            "parquet-factory", "thanos-poll"};

    private final Path etc;
    private final String integration;
    private final String kamelet;
    private final String id;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private String flow;
    private Main main;

    private CamelKPod(Path etc, String integration, String kamelet, String id) {
        this.etc = etc;
        this.integration = integration;
        this.kamelet = kamelet;
        this.id = id;
    }

    /** A Pipe kafka:in → kamelet (an action, as step action-0) → kafka:out. */
    static CamelKPod action(Path etc, String integration, String kamelet, String brokers, String in, String out) {
        CamelKPod pod = new CamelKPod(etc, integration, kamelet, "action-0");
        pod.flow = """
                - route:
                    id: binding
                    from:
                      uri: "kafka:%s"
                      parameters:
                        brokers: "%s"
                        groupId: "%s"
                        autoOffsetReset: earliest
                      steps:
                      - kamelet:
                          name: "%s/action-0"
                      - to:
                          uri: "kafka:%s"
                          parameters:
                            brokers: "%s"
                """.formatted(in, brokers, integration, kamelet, out, brokers);
        return pod;
    }

    /** A Pipe kafka:in → kamelet (a sink, as step sink): the Kamelet ends the flow. */
    static CamelKPod sink(Path etc, String integration, String kamelet, String brokers, String in) {
        CamelKPod pod = new CamelKPod(etc, integration, kamelet, "sink");
        pod.flow = """
                - route:
                    id: binding
                    from:
                      uri: "kafka:%s"
                      parameters:
                        brokers: "%s"
                        groupId: "%s"
                        autoOffsetReset: earliest
                      steps:
                      - to:
                          uri: "kamelet:%s/sink"
                """.formatted(in, brokers, integration, kamelet);
        return pod;
    }

    /** A Pipe kamelet (a source) → kafka:out. */
    static CamelKPod source(Path etc, String integration, String kamelet, String brokers, String out) {
        CamelKPod pod = new CamelKPod(etc, integration, kamelet, "source");
        pod.flow = """
                - route:
                    id: binding
                    from:
                      uri: "kamelet:%s/source"
                      steps:
                      - to:
                          uri: "kafka:%s"
                          parameters:
                            brokers: "%s"
                """.formatted(kamelet, out, brokers);
        return pod;
    }

    /** A Pipe property of the Kamelet: {@code camel.kamelet.<name>.<id>.<key>} in user.properties. */
    CamelKPod with(String key, Object value) {
        properties.put(key, String.valueOf(value));
        return this;
    }

    CamelKPod start() {
        try {
            Path bundle = Files.createDirectories(etc.resolve("kamelets/kamelets-bundle-" + integration + "-001"));
            Files.copy(PROJECT.resolve("kamelets/" + kamelet + ".kamelet.yaml"), bundle.resolve(kamelet + ".kamelet.yaml"));
            Path sources = Files.createDirectories(etc.resolve("sources"));
            Files.writeString(sources.resolve("camel-k-embedded-flow.yaml"), flow);
            // As the operator writes it for the plain-quarkus provider.
            Path conf = Files.writeString(etc.resolve("application.properties"),
                    "camel.component.kamelet.location=file:" + bundle + ",classpath:/kamelets\n"
                            + "camel.component.kamelet.no-error-handler=false\n"
                            + "camel.main.source-location-enabled=true\n"
                            + "camel.main.routes-include-pattern=file:" + sources + "/**\n");
            Path confD = Files.createDirectories(etc.resolve("conf.d"));
            Properties user = new Properties();
            properties.forEach((k, v) -> user.setProperty("camel.kamelet." + kamelet + "." + id + "." + k, v));
            for (String stage : STAGES) {
                user.setProperty("ccx.stages." + stage, "false");
            }
            user.setProperty("ccx.http.enabled", "false");
            try (var out = Files.newBufferedWriter(confD.resolve("user.properties"))) {
                user.store(out, "the Pipe's Kamelet properties");
            }
            main = PipelineMain.create(new Properties(), Optional.of(new CamelKMounts(conf, confD)));
            main.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the pod did not start", e);
        }
    }

    Main main() {
        return main;
    }

    @Override
    public void close() throws Exception {
        if (main != null) {
            main.stop();
        }
    }
}

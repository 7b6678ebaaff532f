package kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import analysis.ArchiveAnalysis;
import archive.ArchiveLimits;
import archive.ArchiveReader;
import com.fasterxml.jackson.databind.JsonNode;
import contract.Contract;
import contract.ContractValidator;
import features.FeaturesService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import model.Json;
import org.apache.camel.BindToRegistry;
import org.apache.camel.EndpointInject;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import rules.RulesService;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The shipped Kamelets (classpath:kamelets/, the copies of kamelets/) run in camel-main exactly as
 * a Camel K Pipe would wire them: kafka → action → kafka, here direct → action → mock. The
 * analysis bean is the real one, reading the bundled sample from a stand-in Ceph bucket.
 */
@CamelMainTest
class KameletsInCamelMainTest {
    static final String CLUSTER = "5d5892d3-1f74-4ccf-91af-548dfc9767aa";
    static final String PATH = "archives/compressed/5d/" + CLUSTER + "/202012/09/131008.tar.gz";
    static final List<String> fetched = new ArrayList<>();

    @BindToRegistry("archiveAnalysis")
    ArchiveAnalysis analysis = new ArchiveAnalysis(new SampleCeph(), "ccx-datahub",
            new ArchiveReader(new ArchiveLimits(512L << 20, 128L << 20, 20_000, 1024, Duration.ofSeconds(60))),
            RulesService.fromServiceLoader(Set.of(), new SimpleMeterRegistry()), FeaturesService.standard());

    @Produce("direct:rules")
    ProducerTemplate rulesIn;
    @Produce("direct:features")
    ProducerTemplate featuresIn;
    @EndpointInject("mock:rules-results")
    MockEndpoint rulesOut;
    @EndpointInject("mock:features")
    MockEndpoint featuresOut;

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:rules").routeId("pipe-rules").to("kamelet:ccx-rules-action").to("mock:rules-results");
                from("direct:features").routeId("pipe-features").to("kamelet:ccx-features-action").to("mock:features");
            }
        });
    }

    @BeforeEach
    void reset() {
        fetched.clear();
    }

    @Test
    void rulesActionTurnsArchiveSyncedIntoAValidRulesResultsMessage() throws Exception {
        rulesOut.expectedMessageCount(1);
        rulesIn.sendBody(archiveSynced());
        rulesOut.assertIsSatisfied();

        String json = rulesOut.getExchanges().get(0).getMessage().getBody(String.class);
        assertThat(ContractValidator.shared().violations(Contract.RULES_RESULTS, json)).isEmpty();
        JsonNode message = Json.mapper().readTree(json);
        assertThat(message.path("path").asText()).isEqualTo(PATH);
        assertThat(message.path("report").path("reports").findValuesAsText("rule_id"))
                .contains("operators_degraded|OPERATOR_DEGRADED", "pending_csrs|PENDING_CSRS");
        assertThat(fetched).containsExactly("ccx-datahub/" + PATH);
    }

    @Test
    void featuresActionEmitsEveryFeatureOfTheSample() throws Exception {
        featuresOut.expectedMessageCount(1);
        featuresIn.sendBody(archiveSynced());
        featuresOut.assertIsSatisfied();

        String json = featuresOut.getExchanges().get(0).getMessage().getBody(String.class);
        assertThat(ContractValidator.shared().violations(Contract.FEATURES, json)).isEmpty();
        List<String> ids = Json.mapper().readTree(json).path("report").findValuesAsText("feature_id");
        assertThat(ids).containsExactlyInAnyOrder("cluster_info", "foc", "alerts", "gatherers",
                "workload_info_images", "workload_info_namespaces", "cluster_version_updates");
    }

    @Test
    void aMissingArchiveFailsTheExchangeInsteadOfEmittingAnything() {
        rulesOut.expectedMessageCount(0);
        var done = rulesIn.send("direct:rules", e -> e.getMessage().setBody(archiveSynced().replace(PATH,
                PATH.replace("131008", "000000"))));
        assertThat(done.getException()).hasMessageContaining("is not in the Ceph bucket");
        assertThat(rulesOut.getReceivedCounter()).isZero();
    }

    static String archiveSynced() {
        return "{\"path\":\"" + PATH + "\",\"original_path\":\"1234567890/" + CLUSTER
                + "/20201209131008-0123456789abcdef0123456789abcdef\",\"metadata\":{\"cluster_id\":\"" + CLUSTER
                + "\",\"external_organization\":\"1234567890\"}}";
    }

    /** Ceph with one object: the bundled sample under {@link #PATH}. */
    static final class SampleCeph implements S3Client {
        @Override
        public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
            fetched.add(request.bucket() + "/" + request.key());
            if (!PATH.equals(request.key())) {
                throw NoSuchKeyException.builder().message("no such key").build();
            }
            try (InputStream in = KameletsInCamelMainTest.class.getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
                byte[] bytes = in.readAllBytes();
                return new ResponseInputStream<>(GetObjectResponse.builder().contentLength((long) bytes.length).build(),
                        AbortableInputStream.create(new ByteArrayInputStream(bytes)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }
}

package routes;

import static org.assertj.core.api.Assertions.assertThat;

import app.PipelineBeans;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import testing.PipelineRouteTest;

/**
 * The 2024 shape with every switch on, features and the upload listener included: the shape's
 * stages assemble on its topics, the ones it lacks stay off. Nothing is started (no consumer polls).
 */
@CamelMainTest(
        configurationClasses = PipelineBeans.class,
        properties = {"ccx.topology=2024", "camel.main.auto-startup=false", "ccx.analysis.idempotency=memory",
            "ccx.stages.upload-listener=true", "ccx.stages.features=true", "ccx.stages.thanos-poll=false",
            "ccx.parquet.state-dir=target/assembly-2024-state", "ccx.health.servers-enabled=false",
            "ccx.sqs.access-key=k", "ccx.sqs.secret-key=s", "ccx.sqs.endpoint=http://127.0.0.1:9",
            "ccx.kafka.brokers=127.0.0.1:9"},
        // the SQS endpoint looks its queue up when made
        replaceRouteFromWith = {"sqs-listener=direct:sqs"})
class PipelineAssembly2024Test extends PipelineRouteTest {

    @Test
    void theShapesStagesRunOnItsTopicsAndTheOthersStayOff() {
        assertThat(camel.getRoutes()).extracting(r -> r.getRouteId())
                .containsExactlyInAnyOrder("dead-letter", "sqs-listener", "multiplexor-batches", "multiplexor", "archive-kind",
                        "archive-sync-batches", "archive-sync", "copy-archive", "get-archive-from-aws-s3",
                        "archive-sync-ols-batches", "archive-sync-ols", "copy-archive-ols",
                        "archive-analysis-batches", "archive-analysis", "read-archive",
                        "rules-uploader-batches", "rules-uploader", "put-rules-json",
                        "parquet-aggregate", "parquet-write", "parquet-flush-all", "parquet-prune", "parquet-input");
        assertThat(input("multiplexor-batches")).startsWith("kafka://qa-archive-new,prod-archive-new?");
        assertThat(input("archive-sync-batches")).startsWith("kafka://qa-io-archive-new,prod-io-archive-new?");
        assertThat(input("archive-sync-ols-batches")).startsWith("kafka://qa-ols-archive-new,prod-ols-archive-new?");
        assertThat(input("archive-analysis-batches")).startsWith("kafka://qa-archive-synced,prod-archive-synced?")
                .contains("groupId=ccx-pipeline-rules");
        assertThat(input("rules-uploader-batches")).startsWith("kafka://qa-insights-rules-results,prod-insights-rules-results?");
        assertThat(input("parquet-input")).as("no features in 2024").startsWith("kafka://prod-insights-rules-results?");
    }

    private String input(String routeId) {
        return camel.getRoute(routeId).getEndpoint().getEndpointUri();
    }
}

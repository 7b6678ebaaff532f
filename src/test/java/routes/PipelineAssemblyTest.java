package routes;

import static org.assertj.core.api.Assertions.assertThat;

import app.PipelineBeans;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import testing.PipelineRouteTest;

/** Every stage switched on in one camel-main: the routes assemble (unique ids, resolvable placeholders). */
@CamelMainTest(
        configurationClasses = PipelineBeans.class,
        properties = {"ccx.analysis.idempotency=memory", "ccx.stages.sqs-listener=true", "ccx.stages.archive-sync=true",
            "ccx.stages.upload-listener=true", "ccx.stages.rules=true", "ccx.stages.features=true",
            "ccx.stages.parquet-factory=true", "ccx.stages.thanos-poll=true", "ccx.parquet.state-dir=target/assembly-state",
            "ccx.thanos.ledger-file=target/assembly-state/thanos.json",
            "ccx.sqs.access-key=k", "ccx.sqs.secret-key=s", "ccx.sqs.endpoint=http://127.0.0.1:9",
            "ccx.kafka.brokers=127.0.0.1:9"},
        replaceRouteFromWith = {"sqs-listener=direct:sqs", "archive-sync-batches=direct:archive-new",
            "upload-listener=direct:buckit", "archive-analysis-batches=direct:archive-synced",
            "parquet-input=direct:parquet-input", "thanos-poll=direct:thanos-poll"})
class PipelineAssemblyTest extends PipelineRouteTest {

    @Test
    void everyEnabledStageHasItsRoute() {
        assertThat(camel.getRoutes()).extracting(r -> r.getRouteId())
                .containsExactlyInAnyOrder("dead-letter", "sqs-listener", "upload-listener", "archive-sync-batches", "archive-sync", "copy-archive", "get-archive-from-aws-s3", "archive-analysis-batches", "archive-analysis", "read-archive",
                        "parquet-aggregate", "parquet-write", "parquet-flush-all", "parquet-prune",
                        "parquet-input", "thanos-poll");
        assertThat(camel.getRouteController().getRouteStatus("archive-sync").isStarted()).isTrue();
    }
}

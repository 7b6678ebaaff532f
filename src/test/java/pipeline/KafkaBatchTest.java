package pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import testing.CountingCommit;
import testing.KafkaBatches;

class KafkaBatchTest {
    private final CamelContext camel = new DefaultCamelContext();

    @Test
    void theBatchCommitsTheLastRecordOfEachPartitionOnce() throws Exception {
        CountingCommit p0first = new CountingCommit();
        CountingCommit p0last = new CountingCommit();
        CountingCommit p1 = new CountingCommit();
        Exchange batch = batch(List.of(
                KafkaBatches.record(camel, "a", "t", 0, 7, p0first),
                KafkaBatches.record(camel, "b", "t", 1, 3, p1),
                KafkaBatches.record(camel, "c", "t", 0, 9, p0last)));
        KafkaBatch.commit().process(batch);
        assertThat(p0last.commits()).isEqualTo(1);
        assertThat(p1.commits()).isEqualTo(1);
        assertThat(p0first.commits()).as("an earlier offset of a committed partition").isZero();
    }

    @Test
    void theRecordsToSplitCarryBodyAndHeadersButNoCommitHandle() {
        CountingCommit commit = new CountingCommit();
        Exchange batch = batch(KafkaBatches.of(camel, "{\"x\":1}", "ccx-prod-topic", commit));
        @SuppressWarnings("unchecked")
        List<Message> records = KafkaBatch.records().evaluate(batch, List.class);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getBody()).isEqualTo("{\"x\":1}");
        assertThat(records.get(0).getHeader(KafkaConstants.TOPIC)).isEqualTo("ccx-prod-topic");
        assertThat(records.get(0).getHeader(KafkaConstants.MANUAL_COMMIT))
                .as("no single record may commit while others of its partition are in flight").isNull();
        assertThat(batch.getMessage().getBody(List.class).get(0)).extracting(e -> ((Exchange) e).getMessage()
                .getHeader(KafkaConstants.MANUAL_COMMIT)).as("the batch keeps its handles").isSameAs(commit);
    }

    private Exchange batch(List<Exchange> records) {
        Exchange batch = new DefaultExchange(camel);
        batch.getMessage().setBody(records);
        return batch;
    }
}

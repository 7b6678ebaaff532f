package pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class KafkaOffsetsTest {

    @Test
    void theBarrierRunsBeforeTheCommitAndAFailingBarrierCommitsNothing() throws Exception {
        List<String> order = new ArrayList<>();
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, (KafkaManualCommit) () -> order.add("commit"));
        KafkaOffsets.beforeCommit(() -> order.add("sync")).process(exchange);
        KafkaOffsets.commit().process(exchange);
        assertThat(order).containsExactly("sync", "commit");

        order.clear();
        KafkaOffsets.beforeCommit(() -> {
            throw new IOException("disk gone");
        }).process(exchange);
        assertThatThrownBy(() -> KafkaOffsets.commit().process(exchange)).hasMessage("disk gone");
        assertThat(order).isEmpty();
    }
}

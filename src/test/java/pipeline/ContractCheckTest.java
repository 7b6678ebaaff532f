package pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import contract.Contract;
import contract.ContractValidator;
import contract.ContractViolation;
import model.ArchiveMetadata;
import model.Json;
import model.RulesResults;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class ContractCheckTest {
    private final ContractCheck check = new ContractCheck(ContractValidator.shared(), Contract.RULES_RESULTS);

    @Test
    void aRecordIsCheckedAsItsJsonAndLeavesAsThatJsonText() throws Exception {
        RulesResults valid = Json.mapper().readValue(JsonFormatsTest.fixture(), RulesResults.class);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(valid);
        check.process(exchange);
        Object body = exchange.getMessage().getBody();
        assertThat(body).isInstanceOf(String.class);
        assertThat(Json.mapper().readTree((String) body)).isEqualTo(Json.mapper().readTree(Json.mapper().writeValueAsString(valid)));
        assertThat(Json.mapper().readValue((String) body, RulesResults.class)).isEqualTo(valid);
    }

    @Test
    void aRecordBreakingTheContractIsRefusedAndNotWritten() throws Exception {
        RulesResults valid = Json.mapper().readValue(JsonFormatsTest.fixture(), RulesResults.class);
        RulesResults broken = new RulesResults("not/a/ceph/path", new ArchiveMetadata("not-a-uuid", "1"), valid.report());
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(broken);
        assertThatThrownBy(() -> check.process(exchange)).isInstanceOf(ContractViolation.class).hasMessageContaining("cluster_id");
        assertThat(exchange.getMessage().getBody()).as("nothing to send").isSameAs(broken);
    }
}

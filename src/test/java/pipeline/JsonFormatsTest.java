package pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import contract.Contract;
import contract.ContractValidator;
import errors.BadInputException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import model.RulesResults;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class JsonFormatsTest {

    static String fixture() throws Exception {
        try (InputStream in = JsonFormatsTest.class.getResourceAsStream("/examples/09_rules_results/test_fixture_valid_message.converted.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aCheckedBodyIsBoundFromItsDocumentAndAChangedBodyIsParsedAgain() throws Exception {
        String valid = fixture();
        ContractCheck check = new ContractCheck(ContractValidator.shared(), Contract.RULES_RESULTS);
        DefaultCamelContext camel = new DefaultCamelContext();
        Exchange exchange = new DefaultExchange(camel);
        var format = JsonFormats.of(RulesResults.class);
        format.setCamelContext(camel);
        format.start();
        org.apache.camel.Processor read = e -> e.getMessage().setBody(format.unmarshal(e, e.getMessage().getBody()));
        exchange.getMessage().setBody(valid);
        check.process(exchange);
        assertThat(exchange.getProperty(ContractCheck.CHECKED)).isNotNull();
        read.process(exchange);
        RulesResults fromDocument = exchange.getMessage().getBody(RulesResults.class);
        assertThat(fromDocument).isEqualTo(model.Json.mapper().readValue(valid, RulesResults.class));
        assertThat(exchange.getProperty(ContractCheck.CHECKED)).as("used once, then dropped").isNull();

        // The body changed after the check: the new text is what is read, not the checked document.
        exchange.getMessage().setBody(valid);
        check.process(exchange);
        exchange.getMessage().setBody(valid.replace("/031044.tar.gz", "/031045.tar.gz"));
        read.process(exchange);
        assertThat(exchange.getMessage().getBody(RulesResults.class).path()).endsWith("/031045.tar.gz");

        exchange.getMessage().setBody("{\"path\": [1]}");
        assertThatThrownBy(() -> read.process(exchange)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot read RulesResults");
    }
}

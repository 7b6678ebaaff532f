package pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import contract.Contract;
import contract.ContractValidator;
import java.nio.charset.StandardCharsets;
import model.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** A route step that checks the body, as JSON, against a message contract; a violation is bad input. */
public final class ContractCheck implements Processor {
    /** Exchange property: the body just checked and its parsed document, so {@link JsonFormats} need not parse it again. */
    static final String CHECKED = "ccxCheckedJson";

    /** A checked body (compared by identity: a body changed since is parsed afresh) and its document. */
    record Checked(Object body, JsonNode document) {
    }

    private final ContractValidator validator;
    private final Contract contract;

    public ContractCheck(ContractValidator validator, Contract contract) {
        this.validator = validator;
        this.contract = contract;
    }

    /**
     * The shared validator and the contract named like its schema ({@code archive-new}): the form a
     * Kamelet declares as a bean ({@code type: "#class:pipeline.ContractCheck"}, one constructor argument).
     */
    public ContractCheck(String contract) {
        this(ContractValidator.shared(), Contract.byName(contract.trim()));
    }

    /**
     * JSON text (a consumed message) is parsed and checked. Any other body (a record the route has
     * just built, before it is sent) is checked as the tree it serializes to and replaced by that
     * tree's text: serialized once, never parsed back.
     */
    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        Object body = exchange.getMessage().getBody();
        if (body != null && !(body instanceof String) && !(body instanceof byte[])) {
            JsonNode document = Json.mapper().valueToTree(body);
            validator.check(contract, document);
            exchange.getMessage().setBody(Json.mapper().writeValueAsString(document));
            return;
        }
        String json = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : exchange.getMessage().getBody(String.class);
        JsonNode document = validator.check(contract, json == null ? "" : json);
        exchange.setProperty(CHECKED, new Checked(body, document));
    }
}

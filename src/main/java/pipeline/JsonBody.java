package pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import errors.BadInputException;
import model.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Route steps converting message bodies between records and JSON text with the shared mapper. */
public final class JsonBody {
    private JsonBody() {
    }

    /** Record (or any object) body → compact JSON string (the Kamelets' step; routes let {@link ContractCheck} write it). */
    public static Processor write() {
        return exchange -> exchange.getMessage().setBody(Json.mapper().writeValueAsString(exchange.getMessage().getBody()));
    }

    /**
     * JSON string body → record of the given type; JSON that does not bind is bad input. A body a
     * {@link ContractCheck} has just parsed is bound from that document, not parsed a second time.
     */
    public static <T> Processor read(Class<T> type) {
        return (Exchange exchange) -> {
            ContractCheck.Checked checked = exchange.getProperty(ContractCheck.CHECKED, ContractCheck.Checked.class);
            exchange.removeProperty(ContractCheck.CHECKED);
            try {
                if (checked != null && checked.body() == exchange.getMessage().getBody()) {
                    exchange.getMessage().setBody(Json.mapper().treeToValue(checked.document(), type));
                    return;
                }
                String json = exchange.getMessage().getBody(String.class);
                exchange.getMessage().setBody(Json.mapper().readValue(json, type));
            } catch (JsonProcessingException e) {
                throw new BadInputException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
            }
        };
    }
}

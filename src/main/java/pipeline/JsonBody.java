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

    /** Record (or any object) body → compact JSON string. */
    public static Processor write() {
        return exchange -> exchange.getMessage().setBody(Json.mapper().writeValueAsString(exchange.getMessage().getBody()));
    }

    /** JSON string body → record of the given type; JSON that does not bind is bad input. */
    public static <T> Processor read(Class<T> type) {
        return (Exchange exchange) -> {
            String json = exchange.getMessage().getBody(String.class);
            try {
                exchange.getMessage().setBody(Json.mapper().readValue(json, type));
            } catch (JsonProcessingException e) {
                throw new BadInputException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
            }
        };
    }
}

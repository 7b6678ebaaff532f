package pipeline;

import model.Json;
import org.apache.camel.Processor;

/** The Kamelets' step writing a record body as JSON text with the shared mapper (routes read with {@link JsonFormats}). */
public final class JsonBody {
    private JsonBody() {
    }

    /** Record (or any object) body → compact JSON string (the Kamelets' step; routes let {@link ContractCheck} write it). */
    public static Processor write() {
        return exchange -> exchange.getMessage().setBody(Json.mapper().writeValueAsString(exchange.getMessage().getBody()));
    }
}

package pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import errors.BadInputException;
import model.Json;
import org.apache.camel.Exchange;
import org.apache.camel.component.jackson.JacksonDataFormat;

/**
 * camel-jackson data formats on the one shared mapper ({@link Json#mapper()}), for
 * {@code .unmarshal(JsonFormats.of(Record.class))} in routes. A body a {@link ContractCheck} has
 * just parsed is bound from that document, not parsed again; JSON that does not bind is bad input.
 */
public final class JsonFormats {
    private JsonFormats() {
    }

    public static <T> JacksonDataFormat of(Class<T> type) {
        return new CheckedJson(type);
    }

    /**
     * Record (or any object) body → compact JSON text with the shared mapper: the Kamelets' step
     * ({@code #class:pipeline.JsonFormats}, factory method {@code write}); routes let
     * {@link ContractCheck} write it.
     */
    public static org.apache.camel.Processor write() {
        return exchange -> exchange.getMessage().setBody(Json.mapper().writeValueAsString(exchange.getMessage().getBody()));
    }

    /** The same outside a route (the Kamelets' bean steps): JSON text that is absent or does not bind is bad input. */
    public static <T> T read(String json, Class<T> type) {
        if (json == null) {
            throw new BadInputException("no " + type.getSimpleName() + " message: the body is empty");
        }
        try {
            return Json.mapper().readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw unreadable(type, e);
        }
    }

    private static BadInputException unreadable(Class<?> type, com.fasterxml.jackson.core.JsonProcessingException e) {
        return new BadInputException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }

    private static final class CheckedJson extends JacksonDataFormat {
        private final Class<?> type;

        CheckedJson(Class<?> type) {
            super(Json.mapper(), type);
            this.type = type;
        }

        @Override
        public Object unmarshal(Exchange exchange, Object body) throws Exception {
            ContractCheck.Checked checked = exchange.getProperty(ContractCheck.CHECKED, ContractCheck.Checked.class);
            exchange.removeProperty(ContractCheck.CHECKED);
            JsonNode document = checked != null && checked.body() == body ? checked.document() : null;
            try {
                return super.unmarshal(exchange, document != null ? document : body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw unreadable(type, e);
            }
        }
    }
}

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
                throw new BadInputException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
            }
        }
    }
}

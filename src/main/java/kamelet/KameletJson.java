package kamelet;

import com.fasterxml.jackson.core.JsonProcessingException;
import errors.BadInputException;
import model.Json;

/** Reads a message body with the pipeline's shared mapper; JSON that does not bind is bad input. */
final class KameletJson {
    private KameletJson() {
    }

    static <T> T read(String json, Class<T> type) {
        if (json == null) {
            throw new BadInputException("no " + type.getSimpleName() + " message: the body is empty");
        }
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new BadInputException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    static String text(String value) {
        return value == null ? "" : value.trim();
    }

    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the Kamelet property " + name + " is not set");
        }
        return value.trim();
    }
}

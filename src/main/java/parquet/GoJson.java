package parquet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import model.Json;

/**
 * Compact JSON as Go's {@code json.Marshal} writes a map (what the original Parquet Factory
 * stored in {@code alerts.labels}): object keys sorted, {@code <}, {@code >}, {@code &},
 * U+2028 and U+2029 escaped as {@code \u003c}-style escapes, other text as UTF-8.
 */
final class GoJson {

    /** A writer of the shared mapper: the mapper itself stays as configured. */
    private static final ObjectWriter WRITER = Json.mapper().writer()
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .with(new HtmlSafeEscapes());

    private GoJson() {
    }

    static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw ValueChecks.reject("labels", "cannot be written as JSON", e.getOriginalMessage());
        }
    }

    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        HtmlSafeEscapes() {
            ascii['<'] = ESCAPE_CUSTOM;
            ascii['>'] = ESCAPE_CUSTOM;
            ascii['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        /** Lowercase hex as Go writes it (Jackson's standard escapes are uppercase). */
        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029
                    ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}

package model;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one shared, configured {@link ObjectMapper}. Configured once here and never
 * changed afterwards, which is what makes it safe to share between threads:
 * do not call {@code configure(...)} on the returned instance.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // A message with a key twice is ambiguous (which value wins?); treat it as broken JSON.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // "{} junk" is not one JSON document.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A null where a record has a primitive (size, sqs_message_id) must fail, not become 0.
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Null inclusion stays at the default (ALWAYS): the contract has required nulls
            // (hostname, commit, feature row values). Records opt out per field with @JsonInclude.
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}

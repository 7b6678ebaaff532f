package archive;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import model.Json;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parts of a JSON document a consumer reads, as JSON pointers through objects ({@code /kind},
 * {@code /metadata/name}, {@code /status}). {@link ArchiveFiles#json(String, JsonParts)} builds the tree
 * of those parts only and skips the rest while parsing, which is most of the work for large resources
 * such as pods (the spec and managed fields are three quarters of their bytes).
 */
public final class JsonParts {

    /** Reads one value in the middle of a document: the trailing-token check is done once, at the end. */
    private static final ObjectReader VALUE = Json.mapper().reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Set<String> pointers;
    private final Branch root = new Branch();

    private JsonParts(Set<String> pointers) {
        this.pointers = Set.copyOf(pointers);
        for (String pointer : this.pointers) {
            if (!pointer.startsWith("/") || pointer.length() < 2) {
                throw new IllegalArgumentException("not a JSON pointer to a member: " + pointer);
            }
            Branch branch = root;
            for (String name : pointer.substring(1).split("/")) {
                branch = branch.children.computeIfAbsent(name.replace("~1", "/").replace("~0", "~"), n -> new Branch());
            }
            branch.whole = true;
        }
    }

    public static JsonParts of(String... pointers) {
        return new JsonParts(Set.of(pointers));
    }

    public Set<String> pointers() {
        return pointers;
    }

    /** Parses {@code bytes}, keeping only the wanted parts; a document that is not an object is kept whole. */
    JsonNode read(byte[] bytes) throws IOException {
        try (JsonParser parser = Json.mapper().createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            JsonNode node = first == JsonToken.START_OBJECT ? object(parser, root) : VALUE.readTree(parser);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "trailing content after the JSON document");
            }
            return node;
        }
    }

    private static ObjectNode object(JsonParser parser, Branch branch) throws IOException {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            Branch child = branch.children.get(name);
            if (child == null) {
                parser.skipChildren();
            } else if (child.whole || value != JsonToken.START_OBJECT) {
                node.set(name, VALUE.readTree(parser));
            } else {
                node.set(name, object(parser, child));
            }
        }
        return node;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonParts parts && parts.pointers.equals(pointers);
    }

    @Override
    public int hashCode() {
        return pointers.hashCode();
    }

    @Override
    public String toString() {
        return List.copyOf(new TreeSet<>(pointers)).toString();
    }

    /** One level of the wanted paths; {@code whole} keeps everything below. */
    private static final class Branch {
        final Map<String, Branch> children = new HashMap<>();
        boolean whole;
    }
}

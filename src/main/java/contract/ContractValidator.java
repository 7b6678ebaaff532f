package contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.Keyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.Vocabulary;
import model.Json;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks documents against the pipeline contract: the JSON Schema of the message
 * type, then the rules a schema cannot express ({@link CrossChecks}). Every
 * failure is reported, each prefixed with the JSON path it concerns.
 * <p>
 * All schemas are loaded once in the constructor; an instance is immutable and
 * safe to share between threads.
 */
public final class ContractValidator {

    private static final class Shared {
        static final ContractValidator INSTANCE = new ContractValidator();
    }

    private final Map<Contract, JsonSchema> schemas = new EnumMap<>(Contract.class);
    private final CrossChecks crossChecks = new CrossChecks(this);

    public ContractValidator() {
        JsonMetaSchema metaSchema = strictIntegerMetaSchema();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.metaSchema(metaSchema)
                        // $id and $ref IRIs point at the classpath copies; nothing is fetched.
                        .schemaMappers(m -> m.mapPrefix(Contract.SCHEMA_ID_BASE, "classpath:schemas/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_PATH)
                .errorMessageKeyword("errorMessage")
                .regularExpressionFactory(new EcmaAnchoredRegexFactory())
                .build();
        for (Contract contract : Contract.values()) {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(contract.schemaId()), config);
            schema.initializeValidators(); // fail now, not on the first message, if a schema is broken
            schemas.put(contract, schema);
        }
    }

    /**
     * Draft 2020-12 with {@link StrictIntegerTypeKeyword} as "type". For 2020-12 networknt takes
     * keywords from the vocabularies, so the keyword is replaced inside the validation vocabulary.
     */
    private static JsonMetaSchema strictIntegerMetaSchema() {
        JsonMetaSchema standard = JsonMetaSchema.getV202012();
        Keyword strictType = new StrictIntegerTypeKeyword(standard.getKeywords().get("type"));
        Vocabulary validation = Vocabulary.V202012_VALIDATION;
        Vocabulary strictValidation = new Vocabulary(validation.getIri(), validation.getKeywords().stream()
                .map(keyword -> strictType.getValue().equals(keyword.getValue()) ? strictType : keyword)
                .toArray(Keyword[]::new));
        return JsonMetaSchema.builder(standard)
                .keyword(strictType)
                .vocabularyFactory(iri -> validation.getIri().equals(iri) ? strictValidation : null)
                .build();
    }

    /** A process-wide instance, created on first use. */
    public static ContractValidator shared() {
        return Shared.INSTANCE;
    }

    /** Every violation of {@code contract} in {@code doc}; empty when valid. */
    public List<String> violations(Contract contract, JsonNode doc) {
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
            return List.of("$: empty payload (JSON null), a JSON document was expected");
        }
        List<String> violations = schemaViolations(contract, doc);
        violations.addAll(crossChecks.check(contract, doc));
        return List.copyOf(violations);
    }

    /** As {@link #violations(Contract, JsonNode)}; text that is not one JSON document gives one violation. */
    public List<String> violations(Contract contract, String json) {
        JsonNode doc;
        try {
            doc = parse(json);
        } catch (NotJson e) {
            return List.of("$: " + e.getMessage());
        }
        return violations(contract, doc);
    }

    /** Parses and checks {@code json}; returns the parsed document, or throws {@link ContractViolation}. */
    public JsonNode check(Contract contract, String json) {
        JsonNode doc;
        try {
            doc = parse(json);
        } catch (NotJson e) {
            throw new ContractViolation(contract, List.of("$: " + e.getMessage()));
        }
        check(contract, doc);
        return doc;
    }

    /** Throws {@link ContractViolation} unless {@code doc} satisfies {@code contract}. */
    public void check(Contract contract, JsonNode doc) {
        List<String> violations = violations(contract, doc);
        if (!violations.isEmpty()) {
            throw new ContractViolation(contract, violations);
        }
    }

    /** Schema violations only, for nested documents checked by {@link CrossChecks}. */
    List<String> schemaViolations(Contract contract, JsonNode doc) {
        List<String> violations = new ArrayList<>();
        for (ValidationMessage message : schemas.get(contract).validate(doc)) {
            violations.add(describe(message));
        }
        return violations;
    }

    static JsonNode parse(String json) throws NotJson {
        if (json == null) {
            throw new NotJson("not JSON: no content");
        }
        try {
            JsonNode doc = Json.mapper().readTree(json);
            if (doc == null || doc.isMissingNode()) {
                throw new NotJson("not JSON: no content");
            }
            return doc;
        } catch (JsonProcessingException e) {
            // Jackson names the (redacted) source inside nested locations; keep only line/column.
            String reason = SOURCE_IN_LOCATION.matcher(e.getOriginalMessage()).replaceAll("$1");
            throw new NotJson("not JSON: " + reason
                    + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
    }

    /** "<json path>: <what is wrong>", with the offending value when it is a scalar. */
    private static String describe(ValidationMessage message) {
        String where = message.getInstanceLocation().toString();
        String text = message.getMessage();
        if (text.startsWith(where + ": ")) {
            text = text.substring(where.length() + 2);
        } else if (text.startsWith(": ")) {
            text = text.substring(2);
        }
        JsonNode value = message.getInstanceNode();
        if (value != null && value.isValueNode() && VALUE_KEYWORDS.contains(message.getType())) {
            text += " (was " + abbreviate(value.toString()) + ")";
        }
        return where + ": " + text;
    }

    private static final Pattern SOURCE_IN_LOCATION =
            Pattern.compile("\\[Source: .*?; (line: \\d+, column: \\d+)]");

    private static final Set<String> VALUE_KEYWORDS =
            Set.of("pattern", "type", "const", "minimum", "minLength", "enum");

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** The input is not a JSON document (syntax error, empty input, trailing data). */
    static final class NotJson extends Exception {
        NotJson(String message) {
            super(message);
        }
    }
}

package contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonValidator;
import com.networknt.schema.Keyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.ValidationContext;
import com.networknt.schema.ValidationMessage;

import java.util.Set;

/**
 * The standard {@code type} keyword, except that {@code "integer"} rejects
 * floating-point literals such as {@code 1.0}. JSON Schema (draft 6+) counts 1.0
 * as an integer; the pipeline contract does not (contract §3.8: "floats such as
 * 1.0 are rejected"). Booleans are never integers in either.
 */
final class StrictIntegerTypeKeyword implements Keyword {

    private final Keyword standard;

    StrictIntegerTypeKeyword(Keyword standard) {
        this.standard = standard;
    }

    @Override
    public String getValue() {
        return "type";
    }

    @Override
    public JsonValidator newValidator(SchemaLocation schemaLocation, JsonNodePath evaluationPath,
                                      JsonNode schemaNode, JsonSchema parentSchema,
                                      ValidationContext validationContext) throws Exception {
        JsonValidator validator = standard.newValidator(schemaLocation, evaluationPath, schemaNode,
                parentSchema, validationContext);
        return integerOnly(schemaNode) ? new IntegerOnly(validator) : validator;
    }

    /** "integer", or a type list with "integer" but without "number". */
    private static boolean integerOnly(JsonNode type) {
        if (type.isTextual()) {
            return "integer".equals(type.textValue());
        }
        boolean integer = false;
        boolean number = false;
        for (JsonNode t : type) {
            integer |= "integer".equals(t.textValue());
            number |= "number".equals(t.textValue());
        }
        return integer && !number;
    }

    private record IntegerOnly(JsonValidator delegate) implements JsonValidator {

        @Override
        public Set<ValidationMessage> validate(ExecutionContext executionContext, JsonNode node,
                                               JsonNode rootNode, JsonNodePath instanceLocation) {
            if (node.isFloatingPointNumber()) {
                return Set.of(ValidationMessage.builder()
                        .type(getKeyword())
                        .code("1029")
                        .instanceLocation(instanceLocation)
                        .evaluationPath(getEvaluationPath())
                        .schemaLocation(getSchemaLocation())
                        .instanceNode(node)
                        .messageSupplier(() -> instanceLocation + ": number with a fraction or exponent found, integer expected")
                        .build());
            }
            return delegate.validate(executionContext, node, rootNode, instanceLocation);
        }

        @Override
        public void preloadJsonSchema() {
            delegate.preloadJsonSchema();
        }

        @Override
        public SchemaLocation getSchemaLocation() {
            return delegate.getSchemaLocation();
        }

        @Override
        public JsonNodePath getEvaluationPath() {
            return delegate.getEvaluationPath();
        }

        @Override
        public String getKeyword() {
            return delegate.getKeyword();
        }
    }
}

package k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates Camel K objects against the CRDs' {@code spec.versions[v1].schema.openAPIV3Schema}
 * (copies of github.com/apache/camel-k in src/test/resources/k8s-crds/, never read from outside
 * the project), as JSON Schema draft 7 with networknt.
 * <p>
 * The structural OpenAPI schema is turned into JSON Schema this way:
 * <ul>
 *   <li>{@code x-kubernetes-*} keywords are removed (the int-or-string fields already carry an
 *       anyOf of integer and string);</li>
 *   <li>every object schema that lists {@code properties}, has no {@code additionalProperties} and
 *       is not {@code x-kubernetes-preserve-unknown-fields} is closed with
 *       {@code additionalProperties: false}: the API server prunes unknown fields of a structural
 *       schema, and with strict field validation ({@code kubectl apply --validate=strict}, the
 *       default for kubectl since 1.27) it rejects them. A misspelt trait or field is therefore
 *       an error here;</li>
 *   <li>{@code metadata} is the bare {@code type: object} of every CRD; its required name is
 *       checked by {@link Manifests#requiredFieldProblems}.</li>
 * </ul>
 */
final class CrdSchemas {
    private static final Map<String, JsonSchema> BY_KIND = new ConcurrentHashMap<>();
    private static final Map<String, String> FILES = Map.of(
            "Integration", "camel.apache.org_integrations.yaml",
            "Pipe", "camel.apache.org_pipes.yaml",
            "Kamelet", "camel.apache.org_kamelets.yaml");

    private CrdSchemas() {
    }

    static boolean covers(JsonNode object) {
        return "camel.apache.org/v1".equals(object.path("apiVersion").asText())
                && FILES.containsKey(object.path("kind").asText());
    }

    /** Validation messages of the object against its kind's CRD; empty when valid. */
    static List<String> validate(JsonNode object) {
        String kind = object.path("kind").asText();
        if (!FILES.containsKey(kind)) {
            return List.of("no Camel K CRD for kind '" + kind + "'");
        }
        List<String> problems = new ArrayList<>();
        String apiVersion = object.path("apiVersion").asText();
        JsonNode crd = crd(kind);
        List<String> served = new ArrayList<>();
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("served").asBoolean()) {
                served.add(crd.path("spec").path("group").asText() + "/" + v.path("name").asText());
            }
        }
        if (!served.contains(apiVersion)) {
            problems.add("apiVersion " + apiVersion + " is not served by the " + kind + " CRD (" + served + ")");
        }
        for (ValidationMessage m : BY_KIND.computeIfAbsent(kind, CrdSchemas::load).validate(object)) {
            problems.add(m.getMessage());
        }
        return problems;
    }

    static JsonNode crd(String kind) {
        try (InputStream in = CrdSchemas.class.getResourceAsStream("/k8s-crds/" + FILES.get(kind))) {
            if (in == null) {
                throw new IllegalStateException("missing test resource k8s-crds/" + FILES.get(kind));
            }
            return Manifests.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema load(String kind) {
        JsonNode crd = crd(kind);
        JsonNode versions = crd.path("spec").path("versions");
        if (!crd.path("spec").path("names").path("kind").asText().equals(kind) || versions.size() == 0) {
            throw new IllegalStateException("unexpected CRD for " + kind);
        }
        ObjectNode schema = versions.get(0).path("schema").path("openAPIV3Schema").deepCopy();
        toJsonSchema(schema);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        JsonSchema compiled = factory.getSchema(schema, SchemaValidatorsConfig.builder().build());
        compiled.initializeValidators();
        return compiled;
    }

    /** Rewrites an OpenAPI v3 structural schema in place as described on the class. */
    static void toJsonSchema(JsonNode node) {
        if (node instanceof ArrayNode array) {
            array.forEach(CrdSchemas::toJsonSchema);
            return;
        }
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            if (it.next().startsWith("x-kubernetes-")) {
                it.remove();
            }
        }
        if (schema.has("properties") && schema.path("properties").isObject()) {
            if (!schema.has("additionalProperties") && !preserveUnknown) {
                schema.put("additionalProperties", false);
            }
            // property names are data, the schemas below them are schemas
            schema.get("properties").forEach(CrdSchemas::toJsonSchema);
        }
        for (String sub : List.of("items", "additionalProperties", "not")) {
            if (schema.has(sub)) {
                toJsonSchema(schema.get(sub));
            }
        }
        for (String list : List.of("anyOf", "allOf", "oneOf")) {
            if (schema.has(list)) {
                toJsonSchema(schema.get(list));
            }
        }
    }
}

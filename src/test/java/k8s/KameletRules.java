package k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kamelet catalog's conventions (github.com/apache/camel-kamelets), beyond what the CRD
 * schema checks:
 * <ul>
 *   <li>the file is {@code <metadata.name>.kamelet.yaml}; the name ends in -source, -sink or
 *       -action and the label {@code camel.apache.org/kamelet.type} says the same;</li>
 *   <li>annotations support.level, catalog.version, provider and kamelet.group;</li>
 *   <li>{@code spec.definition}: title, description, {@code type: object}, properties (each with
 *       title, description, type), {@code required} naming only defined properties;</li>
 *   <li>credentials (string properties with names ending in password, secretKey, token, apiKey, credentials,
 *       or named secret / accessKey, or
 *       {@code format: password}) have {@code format: password} and the
 *       {@code urn:camel:group:credentials} x-descriptor;</li>
 *   <li>{@code spec.dependencies} not empty; a YAML {@code spec.template}: a source ends in
 *       {@code kamelet:sink}, a sink or action starts at {@code kamelet:source};</li>
 *   <li>every mandatory placeholder {@code {{name}}} of the template is a defined property that
 *       is required or has a default ({@code {{?name}}} is optional), or names one of the
 *       template's own beans ({@code spec.template.beans}, referred to as {@code {{bean}}});</li>
 *   <li>template beans have a name and a type, and no name is also a property.</li>
 * </ul>
 */
final class KameletRules {
    static final String TYPE_LABEL = "camel.apache.org/kamelet.type";
    static final String CREDENTIALS = "urn:camel:group:credentials";
    static final List<String> ANNOTATIONS = List.of("camel.apache.org/kamelet.support.level",
            "camel.apache.org/catalog.version", "camel.apache.org/provider", "camel.apache.org/kamelet.group");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)(.*password|secret|.*secretkey|.*token|accesskey|.*apikey|.*credentials)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\??)([A-Za-z0-9_.-]+)(?::[^}]*)?}}");

    private KameletRules() {
    }

    /** Problems of one Kamelet; {@code fileName} null skips the file-name rule. */
    static List<String> check(String fileName, JsonNode kamelet) {
        List<String> p = new ArrayList<>();
        String name = kamelet.path("metadata").path("name").asText("");
        if (!"Kamelet".equals(kamelet.path("kind").asText())) {
            p.add("kind is not Kamelet");
        }
        if (fileName != null && !fileName.equals(name + ".kamelet.yaml")) {
            p.add("file " + fileName + " is not named " + name + ".kamelet.yaml");
        }
        String type = name.endsWith("-source") ? "source" : name.endsWith("-sink") ? "sink"
                : name.endsWith("-action") ? "action" : null;
        if (type == null) {
            p.add("name " + name + " does not end in -source, -sink or -action");
        }
        String label = kamelet.path("metadata").path("labels").path(TYPE_LABEL).asText(null);
        if (label == null) {
            p.add("missing label " + TYPE_LABEL);
        } else if (type != null && !type.equals(label)) {
            p.add("label " + TYPE_LABEL + "=" + label + " but the name says " + type);
        }
        for (String a : ANNOTATIONS) {
            if (kamelet.path("metadata").path("annotations").path(a).asText("").isBlank()) {
                p.add("missing annotation " + a);
            }
        }
        JsonNode def = kamelet.path("spec").path("definition");
        for (String f : List.of("title", "description")) {
            if (def.path(f).asText("").isBlank()) {
                p.add("missing spec.definition." + f);
            }
        }
        if (!"object".equals(def.path("type").asText())) {
            p.add("spec.definition.type is not object");
        }
        JsonNode props = def.path("properties");
        if (!def.path("required").isArray()) {
            p.add("missing spec.definition.required");
        }
        for (JsonNode r : def.path("required")) {
            if (!props.has(r.asText())) {
                p.add("required property " + r.asText() + " is not defined");
            }
        }
        Set<String> required = new HashSet<>();
        def.path("required").forEach(r -> required.add(r.asText()));
        for (Map.Entry<String, JsonNode> e : props.properties()) {
            JsonNode prop = e.getValue();
            for (String f : List.of("title", "description", "type")) {
                if (prop.path(f).asText("").isBlank()) {
                    p.add("property " + e.getKey() + " has no " + f);
                }
            }
            boolean credential = (SECRET_NAME.matcher(e.getKey()).matches() && "string".equals(prop.path("type").asText()))
                    || "password".equals(prop.path("format").asText());
            if (credential) {
                if (!"password".equals(prop.path("format").asText())) {
                    p.add("credential " + e.getKey() + " lacks format: password");
                }
                boolean descriptor = false;
                for (JsonNode d : prop.path("x-descriptors")) {
                    descriptor |= CREDENTIALS.equals(d.asText());
                }
                if (!descriptor) {
                    p.add("credential " + e.getKey() + " lacks x-descriptors " + CREDENTIALS);
                }
            }
        }
        if (!kamelet.path("spec").path("dependencies").isArray() || kamelet.path("spec").path("dependencies").isEmpty()) {
            p.add("missing spec.dependencies");
        }
        JsonNode template = kamelet.path("spec").path("template");
        String from = template.path("from").path("uri").asText("");
        if (from.isBlank()) {
            p.add("missing spec.template.from.uri");
        }
        String text = template.toString();
        if ("source".equals(type) && !text.contains("kamelet:sink")) {
            p.add("source template never sends to kamelet:sink");
        }
        if (("sink".equals(type) || "action".equals(type)) && !from.equals("kamelet:source")) {
            p.add(type + " template does not start from kamelet:source");
        }
        Set<String> beans = new HashSet<>();
        for (JsonNode bean : template.path("beans")) {
            String beanName = bean.path("name").asText("");
            if (beanName.isBlank() || bean.path("type").asText("").isBlank()) {
                p.add("template bean without name or type: " + bean);
            } else if (props.has(beanName)) {
                p.add("template bean " + beanName + " has the name of a property");
            }
            beans.add(beanName);
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String prop = m.group(2);
            boolean optional = !m.group(1).isEmpty();
            if (beans.contains(prop) && !optional) {
                continue;
            }
            if (!props.has(prop)) {
                p.add("template placeholder {{" + m.group(1) + prop + "}} is not a defined property");
            } else if (!optional && !required.contains(prop) && !props.get(prop).has("default")) {
                p.add("template placeholder {{" + prop + "}} is neither required nor defaulted (use {{?" + prop + "}})");
            }
        }
        return p;
    }
}

package k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small kustomize: renders a kustomization directory with exactly the features this
 * project's manifests use, and fails on anything else (so a new feature in a kustomization
 * cannot silently go unrendered, and unchecked, here):
 * <ul>
 *   <li>{@code resources}: files (all their documents) and directories holding a
 *       kustomization.yaml (rendered recursively);</li>
 *   <li>{@code namespace}: set on every object;</li>
 *   <li>{@code labels} with {@code pairs}: added to every object's metadata.labels;</li>
 *   <li>{@code patches} with a {@code target} (group, version, kind, name) and an inline
 *       JSON 6902 {@code patch} (add, replace, remove, test). A target that matches nothing and a
 *       replace/remove/test of a missing path are errors, as in kustomize.</li>
 * </ul>
 * Order follows kustomize: resources, then patches, then namespace and labels.
 */
final class Kustomize {
    private static final Set<String> KNOWN = Set.of("apiVersion", "kind", "resources", "namespace", "labels", "patches");

    private Kustomize() {
    }

    static List<Manifests.Doc> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        List<Manifests.Doc> docs = Manifests.load(file);
        if (docs.size() != 1) {
            throw new IllegalArgumentException(file + " must hold one document");
        }
        JsonNode k = docs.get(0).node();
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!KNOWN.contains(field)) {
                throw new IllegalArgumentException(file + ": kustomize field '" + field + "' is not supported by this renderer");
            }
        }
        List<Manifests.Doc> out = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(render(p));
            } else if (Files.isRegularFile(p)) {
                out.addAll(Manifests.load(p));
            } else {
                throw new IllegalArgumentException(file + ": resource " + r.asText() + " does not exist");
            }
        }
        // work on copies: a rendered overlay must not change what the base rendered
        out = new ArrayList<>(out.stream().map(d -> new Manifests.Doc(d.file(), d.index(), d.node().deepCopy())).toList());
        for (JsonNode patch : k.path("patches")) {
            applyPatch(file, out, patch);
        }
        if (k.hasNonNull("namespace")) {
            for (Manifests.Doc d : out) {
                ((ObjectNode) d.node().with("metadata")).put("namespace", k.get("namespace").asText());
            }
        }
        for (JsonNode label : k.path("labels")) {
            for (Map.Entry<String, JsonNode> pair : label.path("pairs").properties()) {
                for (Manifests.Doc d : out) {
                    d.node().with("metadata").with("labels").set(pair.getKey(), pair.getValue());
                }
            }
        }
        return out;
    }

    private static void applyPatch(Path file, List<Manifests.Doc> docs, JsonNode patch) {
        JsonNode target = patch.path("target");
        if (!patch.path("patch").isTextual() || target.isMissingNode()) {
            throw new IllegalArgumentException(file + ": only inline JSON 6902 patches with a target are supported");
        }
        List<JsonNode> ops = new ArrayList<>();
        try {
            JsonNode parsed = Manifests.YAML.readTree(patch.get("patch").asText());
            if (!parsed.isArray()) {
                throw new IllegalArgumentException(file + ": a patch must be a JSON 6902 list of operations");
            }
            parsed.forEach(ops::add);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(file + ": patch is not YAML", e);
        }
        int matched = 0;
        for (Manifests.Doc d : docs) {
            if (matches(target, d.node())) {
                matched++;
                for (JsonNode op : ops) {
                    JsonPatch.apply(d.node(), op);
                }
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(file + ": patch target " + target + " matches no resource");
        }
    }

    private static boolean matches(JsonNode target, JsonNode node) {
        String apiVersion = node.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return (!target.has("group") || target.get("group").asText().equals(group))
                && (!target.has("version") || target.get("version").asText().equals(version))
                && (!target.has("kind") || target.get("kind").asText().equals(node.path("kind").asText()))
                && (!target.has("name") || target.get("name").asText().equals(node.path("metadata").path("name").asText()));
    }

    /** RFC 6902 add / replace / remove / test on a Jackson tree (enough for kustomize patches). */
    static final class JsonPatch {
        private JsonPatch() {
        }

        static void apply(ObjectNode root, JsonNode op) {
            String kind = op.path("op").asText();
            String path = op.path("path").asText();
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("bad JSON pointer " + path);
            }
            String[] tokens = path.substring(1).split("/", -1);
            JsonNode parent = root;
            for (int i = 0; i < tokens.length - 1; i++) {
                parent = child(parent, unescape(tokens[i]));
                if (parent == null) {
                    throw new IllegalArgumentException(kind + " " + path + ": parent does not exist");
                }
            }
            String last = unescape(tokens[tokens.length - 1]);
            JsonNode existing = child(parent, last);
            switch (kind) {
                case "add" -> set(parent, last, op.get("value"), true);
                case "replace" -> {
                    require(existing, kind, path);
                    set(parent, last, op.get("value"), false);
                }
                case "remove" -> {
                    require(existing, kind, path);
                    if (parent instanceof ObjectNode o) {
                        o.remove(last);
                    } else {
                        ((ArrayNode) parent).remove(Integer.parseInt(last));
                    }
                }
                case "test" -> {
                    require(existing, kind, path);
                    if (!existing.equals(op.get("value"))) {
                        throw new IllegalArgumentException("test " + path + ": " + existing + " != " + op.get("value"));
                    }
                }
                default -> throw new IllegalArgumentException("JSON patch op '" + kind + "' is not supported");
            }
        }

        private static void require(JsonNode existing, String kind, String path) {
            if (existing == null) {
                throw new IllegalArgumentException(kind + " " + path + ": no such path");
            }
        }

        private static JsonNode child(JsonNode parent, String token) {
            if (parent instanceof ObjectNode o) {
                return o.get(token);
            }
            if (parent instanceof ArrayNode a && token.matches("\\d+") && Integer.parseInt(token) < a.size()) {
                return a.get(Integer.parseInt(token));
            }
            return null;
        }

        private static void set(JsonNode parent, String token, JsonNode value, boolean insert) {
            if (parent instanceof ObjectNode o) {
                o.set(token, value.deepCopy());
            } else if (parent instanceof ArrayNode a) {
                if (token.equals("-")) {
                    a.add(value.deepCopy());
                } else if (insert) {
                    a.insert(Integer.parseInt(token), value.deepCopy());
                } else {
                    a.set(Integer.parseInt(token), value.deepCopy());
                }
            } else {
                throw new IllegalArgumentException("cannot set " + token + " on a scalar");
            }
        }

        private static String unescape(String token) {
            return token.replace("~1", "/").replace("~0", "~");
        }
    }
}

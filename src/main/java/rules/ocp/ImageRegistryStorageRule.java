package rules.ocp;

import com.fasterxml.jackson.databind.JsonNode;
import rules.Requirements;
import rules.RuleContext;
import rules.RuleResult;

import java.util.List;

/**
 * The integrated image registry is {@code Removed} (builds, image streams and pushes to it fail), or it
 * is managed but stores images on {@code emptyDir}: every image pushed is lost when the registry pod
 * restarts or moves, and more than one replica cannot share it.
 */
public final class ImageRegistryStorageRule extends OcpRule {

    static final String REMOVED = "IMAGE_REGISTRY_REMOVED";
    static final String EMPTY_DIR = "IMAGE_REGISTRY_EMPTYDIR";
    static final String CONFIG = "config/clusteroperator/imageregistry.operator.openshift.io/config/cluster.json";

    public ImageRegistryStorageRule() {
        super("image_registry_storage", List.of(REMOVED, EMPTY_DIR), Requirements.builder().all(CONFIG).build());
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        JsonNode spec = context.files().json(CONFIG).orElseThrow().path("spec");
        String state = Resources.text(spec.path("managementState"));
        if ("Removed".equals(state)) {
            return RuleResult.hit(REMOVED, Details.map("management_state", state));
        }
        if ("Managed".equals(state) && spec.path("storage").has("emptyDir")) {
            return RuleResult.hit(EMPTY_DIR, Details.map(
                    "management_state", state,
                    "replicas", spec.path("replicas").asInt(1)));
        }
        return RuleResult.pass(Details.map("management_state", state));
    }
}

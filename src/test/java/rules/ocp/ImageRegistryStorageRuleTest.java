package rules.ocp;

import archive.SampleArchive;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static rules.ocp.RuleTesting.run;

class ImageRegistryStorageRuleTest {

    private static final String CONFIG = ImageRegistryStorageRule.CONFIG;
    private final ImageRegistryStorageRule rule = new ImageRegistryStorageRule();

    @Test
    void hitsOnTheSamplesEmptyDirStorage() {
        RuleTesting.Outcome outcome = run(rule, SampleArchive.load());

        assertThat(outcome.hitKeys()).containsExactly("IMAGE_REGISTRY_EMPTYDIR");
        assertThat(outcome.details("IMAGE_REGISTRY_EMPTYDIR")).containsEntry("replicas", 1);
    }

    @Test
    void hitsWhenTheRegistryIsRemoved() {
        SampleArchive archive = SampleArchive.load().editJson(CONFIG,
                config -> ((ObjectNode) config.path("spec")).put("managementState", "Removed"));

        assertThat(run(rule, archive).hitKeys()).containsExactly("IMAGE_REGISTRY_REMOVED");
    }

    @Test
    void passesOnPersistentStorage() {
        SampleArchive archive = SampleArchive.load().editJson(CONFIG, config -> {
            ObjectNode storage = ((ObjectNode) config.path("spec")).putObject("storage");
            storage.putObject("pvc").put("claim", "image-registry-storage");
        });

        assertThat(run(rule, archive).passed()).isTrue();
    }

    @Test
    void skipsWithoutTheRegistryConfig() {
        assertThat(run(rule, SampleArchive.load().without(CONFIG)).skip().details())
                .isEqualTo("All: ['" + CONFIG + "'] Any: ");
    }
}

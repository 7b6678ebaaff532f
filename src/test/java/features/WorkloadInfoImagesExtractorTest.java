package features;

import static features.FeatureFixtures.CLUSTER_ID;
import static features.FeatureFixtures.editSample;
import static features.FeatureFixtures.rows;
import static features.FeatureFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class WorkloadInfoImagesExtractorTest {

    private final WorkloadInfoImagesExtractor extractor = new WorkloadInfoImagesExtractor();

    private static Map<String, Object> row(String imageId, List<String> layers, String firstCommand, String firstArg) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cluster_id", CLUSTER_ID);
        row.put("image_id", imageId);
        row.put("layers", layers);
        row.put("first_command", firstCommand);
        row.put("first_arg", firstArg);
        return row;
    }

    /** Layers shared by the first and the third image of the sample. */
    private static final List<String> BASE_LAYERS = List.of(
            "sha256:97da74cc6d8fa5d1634eb1760fd1da5c6048619c264c23e62d75f3bf6b8ef5c4",
            "sha256:d8190195889efb5333eeec18af9b6c82313edd4db62989bd3a357caca4f13f0e",
            "sha256:fdaf2194801940c18a8bec5ba57e10b669557e2e4ae8a37adf8b9f475150637b",
            "sha256:872602c382da93c7f634d51fba3337d9c1ebdd4766d87969e286ff13b4a9f0ea",
            "sha256:7e5b16c484dd2e8a76fd6733ccde862ceccc2d24d95a77338e8406aad7d488af");

    @Test
    void sampleArchiveHasItsThreeImages() {
        List<String> sixLayers = new java.util.ArrayList<>(BASE_LAYERS);
        sixLayers.add("sha256:dceeeed4eb210fc3d1bc3235d850409e0227a48b899fd25a03e164a5f509b0a7");

        // The sample's images have no firstCommand/firstArg (the operator omits empty ones).
        assertThat(rows(extractor, sample())).containsExactly(
                row("sha256:0ca0e25cc4b5a9444bca109bf54cf9ff57839b2e64ed6fe9102f7ea5611fec1c", sixLayers, "", ""),
                row("sha256:1341624871f5c79b5773cb656cd6cebb76e12c49619b3579842cf6b9e5db99c5", List.of(
                        "sha256:ca1636478fe5b8e2a56600e24d6759147feb15020824334f4a798c1cb6ed58e2",
                        "sha256:3a1402087684fb5bb912de80a262cdff6af51b0f9f52856d89165418bc3f3cd0",
                        "sha256:3415ab226fd0065ec1e482550083545d857ecb845997cd546797721a8372bd44"), "", ""),
                row("sha256:407f9911f1052f1eb2c6bbcaf07b387eb969bedfbfb87cf7cb3c49461b093ed9", BASE_LAYERS, "", ""));
    }

    @Test
    void schemaIsTheDocumentedOne() {
        assertThat(extractor.fields().schema().fields()).extracting(f -> f.name() + ":" + f.type()).containsExactly(
                "cluster_id:String", "image_id:String", "layers:List", "first_command:String", "first_arg:String");
        assertThat(extractor.featureId()).isEqualTo("workload_info_images");
    }

    @Test
    void commandArgumentAndOddLayers() {
        String info = """
                {"images": {
                  "sha256:aa": {"layerIDs": ["sha256:l1", 7, "sha256:l2"], "firstCommand": "Cmd", "firstArg": "Arg"},
                  "sha256:bb": {},
                  "sha256:cc": {"layerIDs": null}
                }}
                """;
        byte[] archive = editSample().put("config/workload_info.json", info).bytes();

        assertThat(rows(extractor, archive)).containsExactly(
                row("sha256:aa", List.of("sha256:l1", "sha256:l2"), "Cmd", "Arg"),
                row("sha256:bb", List.of(), "", ""),
                row("sha256:cc", List.of(), "", ""));
    }

    @Test
    void noImagesGiveNoRows() {
        byte[] archive = editSample().put("config/workload_info.json", "{\"pods\": 0, \"images\": {}, \"namespaces\": {}}")
                .bytes();

        assertThat(rows(extractor, archive)).isEmpty();
    }

    @Test
    void missingFileGivesNoRows() {
        assertThat(rows(extractor, editSample().remove("config/workload_info.json").bytes())).isEmpty();
    }
}

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

class WorkloadInfoNamespacesExtractorTest {

    private final WorkloadInfoNamespacesExtractor extractor = new WorkloadInfoNamespacesExtractor();

    private static Map<String, Object> row(String namespace, List<Object> shapes) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cluster_id", CLUSTER_ID);
        row.put("namespace", namespace);
        row.put("shapes", shapes);
        return row;
    }

    private static Map<String, Object> shape(List<Object> containers, List<Object> initContainers, long instances,
                                             boolean restartAlways) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("containers", containers);
        shape.put("initContainers", initContainers);
        shape.put("shapeInstances", instances);
        shape.put("restartAlways", restartAlways);
        return shape;
    }

    private static Map<String, Object> container(String imageId, String firstArg, String firstCommand) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("imageID", imageId);
        container.put("firstArg", firstArg);
        container.put("firstCommand", firstCommand);
        return container;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> shapesOf(Map<String, Object> row) {
        return (List<Map<String, Object>>) row.get("shapes");
    }

    @Test
    void sampleArchiveHasOneRowPerNamespace() {
        List<Map<String, Object>> rows = rows(extractor, sample());

        assertThat(rows).extracting(r -> r.get("namespace")).containsExactly(
                "0LiT6ZNtbpYL", "6bLpdRMvgXVP", "6y2K5aNxrNC8", "CMkFy_B6OMUO", "Dp998f8zoHIJ", "EyQn00UhCg7z",
                "F-y2qosZEzxd", "ICyEPw5KVYuy", "JPdo3kqp8bvQ", "Kt0qS5G8piJp", "M9RntwZOZgi3", "MBms5agiSYKb",
                "NJ5StnkN7lNJ", "NuNApgGLWU3S", "QhwI_DkC7RkW", "XStfgPOmHYzB", "coRkJ8lvmtSk", "iAB_cGZtvYGo",
                "jmuesrd3LOV1", "m5AElnRyyq5l", "nMMaB9HQd060", "nTf6g7hF1YMN", "p1tmSwFC_Q2L");
        // 44 shapes; their instances add up to the 77 pods less the 4 terminated ones
        List<Map<String, Object>> shapes = rows.stream().flatMap(r -> shapesOf(r).stream()).toList();
        assertThat(shapes).hasSize(44);
        assertThat(shapes.stream().mapToLong(s -> (Long) s.get("shapeInstances")).sum()).isEqualTo(73);
        assertThat(shapes.stream().mapToInt(s -> ((List<?>) s.get("containers")).size()).sum()).isEqualTo(89);
        assertThat(shapes.stream().mapToInt(s -> ((List<?>) s.get("initContainers")).size()).sum()).isEqualTo(11);
        assertThat(shapes).allSatisfy(s -> assertThat(s.keySet())
                .containsExactly("containers", "initContainers", "shapeInstances", "restartAlways"));
    }

    @Test
    void sampleRowsReadByHand() {
        Map<String, Map<String, Object>> byNamespace = new LinkedHashMap<>();
        rows(extractor, sample()).forEach(r -> byNamespace.put((String) r.get("namespace"), r));

        assertThat(byNamespace.get("6bLpdRMvgXVP")).isEqualTo(row("6bLpdRMvgXVP", List.of(shape(
                List.of(container("sha256:a57fbf2f18a417dbf070516fdd2185ed03c5588fcdc4488feb8e62935f20cdcd", "",
                        "bGldtxNWicu3")), List.of(), 1, true))));
        // all 3 pods terminated: no shapes, still a row
        assertThat(byNamespace.get("6y2K5aNxrNC8")).isEqualTo(row("6y2K5aNxrNC8", List.of()));
        // duplicates 1 = two instances; init container with command and argument
        assertThat(byNamespace.get("jmuesrd3LOV1")).isEqualTo(row("jmuesrd3LOV1", List.of(shape(
                List.of(container("sha256:824678e67933576425598c760040f103341699de6a171f6f6d1048b8d6602087",
                        "aV86_fLS8Aye", "")),
                List.of(container("sha256:824678e67933576425598c760040f103341699de6a171f6f6d1048b8d6602087",
                        "CSx56PgOVZ5A", "N9KxLV2avCo2")), 2, true))));
        assertThat(byNamespace.get("nTf6g7hF1YMN")).isEqualTo(row("nTf6g7hF1YMN", List.of(shape(
                List.of(container("sha256:83dc1fc89963a642bffdeba79a5d46fac4036678e93acaac097bc1a69afe62d3", "",
                        "icTsn2s_EIax")), List.of(), 4, true))));
    }

    @Test
    void schemaIsTheDocumentedOne() {
        assertThat(extractor.fields().schema().fields()).extracting(f -> f.name() + ":" + f.type()).containsExactly(
                "cluster_id:String", "namespace:String", "shapes:List");
        assertThat(extractor.featureId()).isEqualTo("workload_info_namespaces");
    }

    @Test
    void oddShapes() {
        String info = """
                {"namespaces": {
                  "ns-a": {"count": 2, "shapes": [
                    {"containers": null, "initContainers": [{"firstArg": "A"}]},
                    {"duplicates": 0, "restartAlways": "yes", "containers": [{"imageID": "sha256:x", "runtimeInfo": {"os": "o"}}]}
                  ]},
                  "ns-b": {"count": 1},
                  "ns-c": {"count": 1, "shapes": "odd"}
                }}
                """;
        byte[] archive = editSample().put("config/workload_info.json", info).bytes();

        assertThat(rows(extractor, archive)).containsExactly(
                row("ns-a", List.of(
                        shape(List.of(), List.of(container(null, "A", "")), 1, false),
                        shape(List.of(container("sha256:x", "", "")), List.of(), 1, false))),
                row("ns-b", List.of()),
                row("ns-c", List.of()));
    }

    @Test
    void noNamespacesGiveNoRows() {
        byte[] archive = editSample().put("config/workload_info.json", "{\"images\": {}, \"namespaces\": {}}").bytes();

        assertThat(rows(extractor, archive)).isEmpty();
    }

    @Test
    void missingFileGivesNoRows() {
        assertThat(rows(extractor, editSample().remove("config/workload_info.json").bytes())).isEmpty();
    }
}

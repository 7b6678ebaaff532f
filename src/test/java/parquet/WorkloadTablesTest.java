package parquet;

import features.WorkloadInfoImagesExtractor;
import features.WorkloadInfoNamespacesExtractor;
import model.FeaturesMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static parquet.Messages.feature;
import static parquet.Messages.features;
import static parquet.Messages.path;
import static parquet.Messages.row;
import static parquet.Messages.ts;
import static parquet.Messages.values;

/**
 * {@code workload_containers} and {@code workload_image_layers}. The printed example tables of
 * both are not reproducible (misplaced columns; layer levels and commands that vary within one
 * image), so the messages here reuse their values with the derivations of §13.4.
 */
class WorkloadTablesTest {

    static final String CLUSTER = "12345678-acc8-4439-9393-c12140c20033";
    static final String PATH = path(CLUSTER, "20210802144656");
    static final String IMAGE = "sha256:3de851e078cc8142486b565e56e41d173bcd1353fa4cadda961d171cf8c716e7";
    static final String NAMESPACE = "-tz_6uDfpswf";

    static FeaturesMessage namespacesMessage() {
        return features(PATH, feature(new WorkloadInfoNamespacesExtractor(), PATH,
                row("namespace", NAMESPACE, "shapes", List.of(
                        row("containers", List.of(
                                        row("imageID", IMAGE, "firstArg", "RNOaw_AuQeIY", "firstCommand", "n9CdwzVF"),
                                        row("imageID", IMAGE, "firstArg", "zO0oxtw_mcI5", "firstCommand", "n9CdwzVF")),
                                "initContainers", List.of(row("imageID", IMAGE, "firstArg", "", "firstCommand", "")),
                                "shapeInstances", 1, "restartAlways", true),
                        row("containers", List.of(row("imageID", IMAGE, "firstArg", "2RFIFohzNoYG", "firstCommand", "")),
                                "initContainers", List.of(), "shapeInstances", 3, "restartAlways", false))),
                row("namespace", "GkvQ3Fv_ZC8m", "shapes", List.of())));
    }

    @Test
    void oneRowPerContainerOfEachShapeInitContainersFlagged() {
        String shape0 = "43192219-c89f-5eb9-8129-c6f25e62c7c3"; // uuid5(SHAPE_NAMESPACE, path NUL namespace NUL 0), by Python
        String shape1 = "5212edaf-2937-52ad-8954-bbbed68b4a8f";
        long at = ts("2021-08-02 14:46:56");

        MappedRows rows = TableRows.fromFeatures(namespacesMessage());

        assertThat(values(rows.rows(ParquetTable.WORKLOAD_CONTAINERS))).containsExactly(
                List.of(CLUSTER, shape0, NAMESPACE, 1L, true, IMAGE, "n9CdwzVF", "RNOaw_AuQeIY", false, PATH, at),
                List.of(CLUSTER, shape0, NAMESPACE, 1L, true, IMAGE, "n9CdwzVF", "zO0oxtw_mcI5", false, PATH, at),
                List.of(CLUSTER, shape0, NAMESPACE, 1L, true, IMAGE, "", "", true, PATH, at),
                List.of(CLUSTER, shape1, NAMESPACE, 3L, false, IMAGE, "", "2RFIFohzNoYG", false, PATH, at));
        assertThat(rows.rejected()).isEmpty();
    }

    @Test
    void shapeIdsAreVersion5UuidsThatReprocessingReproduces() {
        List<Object> first = TableRows.fromFeatures(namespacesMessage()).rows(ParquetTable.WORKLOAD_CONTAINERS).stream()
                .map(r -> r.record().get("shape_id")).toList();
        List<Object> again = TableRows.fromFeatures(namespacesMessage()).rows(ParquetTable.WORKLOAD_CONTAINERS).stream()
                .map(r -> r.record().get("shape_id")).toList();
        assertThat(again).isEqualTo(first);
        assertThat(first).allSatisfy(id -> assertThat(UUID.fromString((String) id).version()).isEqualTo(5));
        // Another archive of the same cluster: other shapes, other ids.
        assertThat(WorkloadContainerRows.shapeId(path(CLUSTER, "20210802154656"), NAMESPACE, 0)).isNotEqualTo(first.get(0));
        assertThat(WorkloadContainerRows.shapeId(PATH, "other", 0)).isNotEqualTo(first.get(0));
    }

    @Test
    void theRfc4122Version5ExampleOfTheDnsNamespace() {
        // RFC 4122 namespace DNS, name "www.example.com": the well-known v5 value.
        assertThat(WorkloadContainerRows.nameBasedUuid(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"))
                .hasToString("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    }

    @Test
    void aContainerWithoutImageKeepsItsRowWithAnEmptyImage() {
        FeaturesMessage message = features(PATH, feature(new WorkloadInfoNamespacesExtractor(), PATH,
                row("namespace", NAMESPACE, "shapes", List.of(row("containers", List.of(
                                row("imageID", null, "firstArg", "", "firstCommand", ""),
                                row("imageID", IMAGE, "firstArg", "", "firstCommand", "")),
                        "initContainers", List.of(), "shapeInstances", 1, "restartAlways", true)))));
        MappedRows rows = TableRows.fromFeatures(message);
        assertThat(rows.rows(ParquetTable.WORKLOAD_CONTAINERS)).extracting(r -> r.record().get("image_id"))
                .containsExactly("", IMAGE);
        assertThat(rows.rejected()).isEmpty();
    }

    static final String IMAGE_A = "sha256:4321f197c82174adf28ade6643db4be78d72548d60dc45fc457e9038cde2f64a";
    static final String IMAGE_B = "sha256:4f32c1da6fc39bd6e32e8f03a9b99e32b1143357b0e1da4c2d8fee0e09dcd5a1";
    static final String LAYER = "sha256:4321f197c82174adf28ade6643db4be78d72548d60dc45fc457e9038cde2f64";

    static FeaturesMessage imagesMessage() {
        return features(PATH, feature(new WorkloadInfoImagesExtractor(), PATH,
                row("image_id", IMAGE_A, "layers", List.of(LAYER + "a", LAYER + "b", LAYER + "c"),
                        "first_command", "n9CdwzVF", "first_arg", "RNOaw_AuQeIY"),
                row("image_id", IMAGE_B, "layers", List.of(LAYER + "d", LAYER + "e", LAYER + "0"),
                        "first_command", "", "first_arg", "2RFIFohzNoYG"),
                row("image_id", "sha256:0000", "layers", List.of(), "first_command", "", "first_arg", "")));
    }

    @Test
    void oneRowPerLayerLevelCountedFromZeroInEachImage() {
        long at = ts("2021-08-02 14:46:56");
        MappedRows rows = TableRows.fromFeatures(imagesMessage());
        assertThat(values(rows.rows(ParquetTable.WORKLOAD_IMAGE_LAYERS))).containsExactly(
                List.of(CLUSTER, IMAGE_A, LAYER + "a", 0L, "n9CdwzVF", "RNOaw_AuQeIY", PATH, at),
                List.of(CLUSTER, IMAGE_A, LAYER + "b", 1L, "n9CdwzVF", "RNOaw_AuQeIY", PATH, at),
                List.of(CLUSTER, IMAGE_A, LAYER + "c", 2L, "n9CdwzVF", "RNOaw_AuQeIY", PATH, at),
                List.of(CLUSTER, IMAGE_B, LAYER + "d", 0L, "", "2RFIFohzNoYG", PATH, at),
                List.of(CLUSTER, IMAGE_B, LAYER + "e", 1L, "", "2RFIFohzNoYG", PATH, at),
                List.of(CLUSTER, IMAGE_B, LAYER + "0", 2L, "", "2RFIFohzNoYG", PATH, at));
        assertThat(rows.rejected()).isEmpty();
    }
}

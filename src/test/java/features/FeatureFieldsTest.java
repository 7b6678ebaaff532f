package features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

class FeatureFieldsTest {

    private final FeatureFields fields = FeatureFields.builder()
            .add("cluster_id", FieldType.STRING).add("n", FieldType.INTEGER).build();

    @Test
    void rowsFollowSchemaOrderAndKeepNulls() {
        var row = fields.row().set("n", null).set("cluster_id", "x").build();

        assertThat(row.keySet()).containsExactly("cluster_id", "n");
        assertThat(row).containsEntry("cluster_id", "x").containsEntry("n", null);
    }

    @Test
    void unknownOrMissingFieldsAreProgrammingErrors() {
        assertThatThrownBy(() -> fields.row().set("other", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fields.row().set("n", 1).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cluster_id");
        assertThatThrownBy(() -> FeatureFields.builder().add("a", FieldType.LIST).add("a", FieldType.LIST))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void schemaIsVersionOneWithSpecTypeNames() {
        assertThat(fields.schema().version()).isEqualTo("1.0");
        assertThat(fields.schema().fields()).extracting(f -> f.name() + ":" + f.type())
                .containsExactly("cluster_id:String", "n:Integer");
        assertThat(Arrays.stream(FieldType.values()).map(FieldType::specName))
                .containsExactly("String", "Integer", "Float", "Boolean", "DateTime", "Object", "List");
    }
}

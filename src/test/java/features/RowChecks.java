package features;

import static org.assertj.core.api.Assertions.assertThat;

import model.FeaturesMessage.FeatureResult;
import model.FeaturesMessage.FieldDef;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What contract §12.2 says the reference does not check and a re-implementation should: row keys
 * equal {@code schema.fields[].name}, values match the declared type, types come from the vocabulary.
 */
final class RowChecks {

    static final Pattern TS_NAIVE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}");
    private static final List<String> VOCABULARY =
            List.of("String", "Integer", "Float", "Boolean", "Bool", "DateTime", "Object", "List");

    private RowChecks() {
    }

    static void assertRowsMatchSchema(FeatureResult result) {
        String feature = result.metadata().featureId();
        assertThat(result.schema().version()).isEqualTo("1.0");
        List<String> names = result.schema().fields().stream().map(FieldDef::name).toList();
        for (FieldDef field : result.schema().fields()) {
            assertThat(VOCABULARY).as("%s.%s type", feature, field.name()).contains(field.type());
        }
        for (int i = 0; i < result.data().size(); i++) {
            Map<String, Object> row = result.data().get(i);
            assertThat(List.copyOf(row.keySet())).as("%s row %d keys", feature, i).isEqualTo(names);
            for (FieldDef field : result.schema().fields()) {
                assertType(feature + "[" + i + "]." + field.name(), field.type(), row.get(field.name()));
            }
        }
    }

    static void assertType(String where, String type, Object value) {
        if (value == null) {
            return;
        }
        switch (type) {
            case "String" -> assertThat(value).as(where).isInstanceOf(String.class);
            case "Integer" -> assertThat(value).as(where).isInstanceOfAny(Long.class, Integer.class);
            case "Float" -> assertThat(value).as(where).isInstanceOf(Double.class);
            case "Boolean", "Bool" -> assertThat(value).as(where).isInstanceOf(Boolean.class);
            case "DateTime" -> assertThat(value).as(where).isInstanceOf(String.class)
                    .matches(v -> TS_NAIVE.matcher((String) v).matches(), "TS-NAIVE");
            case "Object" -> assertThat(value).as(where).isInstanceOf(Map.class);
            case "List" -> assertThat(value).as(where).isInstanceOf(List.class);
            default -> throw new AssertionError(where + ": unknown type " + type);
        }
    }
}

package features;

import model.FeaturesMessage.FeatureSchema;
import model.FeaturesMessage.FieldDef;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered {@code schema.fields} of one feature, and the only way extractors build rows:
 * {@link #row()} refuses unknown names and {@link RowBuilder#build()} refuses a row that misses
 * one, so every row's keys are exactly the schema's field names, in schema order.
 */
public final class FeatureFields {

    /** Every documented feature schema is version 1.0 (contract §12.3). */
    public static final String SCHEMA_VERSION = "1.0";

    private final Map<String, FieldType> types;

    private FeatureFields(Map<String, FieldType> types) {
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Field names in schema order. */
    public List<String> names() {
        return List.copyOf(types.keySet());
    }

    public FieldType type(String name) {
        FieldType type = types.get(name);
        if (type == null) {
            throw new IllegalArgumentException("no field '" + name + "' in " + types.keySet());
        }
        return type;
    }

    /** The message's {@code schema} object. */
    public FeatureSchema schema() {
        List<FieldDef> defs = new ArrayList<>();
        types.forEach((name, type) -> defs.add(new FieldDef(name, type.specName())));
        return new FeatureSchema(SCHEMA_VERSION, List.copyOf(defs));
    }

    public RowBuilder row() {
        return new RowBuilder(this);
    }

    public static final class Builder {
        private final Map<String, FieldType> types = new LinkedHashMap<>();

        public Builder add(String name, FieldType type) {
            if (types.putIfAbsent(name, type) != null) {
                throw new IllegalArgumentException("field '" + name + "' twice");
            }
            return this;
        }

        public FeatureFields build() {
            return new FeatureFields(types);
        }
    }

    /** One data row; {@code null} values are kept (the contract allows them except where noted). */
    public static final class RowBuilder {
        private final FeatureFields fields;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private RowBuilder(FeatureFields fields) {
            this.fields = fields;
        }

        public RowBuilder set(String name, Object value) {
            fields.type(name); // unknown name: programming error
            values.put(name, value);
            return this;
        }

        /** The row, keys in schema order; fails if a field was not set. */
        public Map<String, Object> build() {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String name : fields.types.keySet()) {
                if (!values.containsKey(name)) {
                    throw new IllegalStateException("row misses field '" + name + "'");
                }
                row.put(name, values.get(name));
            }
            return Collections.unmodifiableMap(row);
        }
    }
}

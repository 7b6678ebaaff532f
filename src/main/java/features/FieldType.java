package features;

/**
 * The {@code schema.fields[].type} names of contract §12.3, with the Java value a row holds
 * for each (what {@code Json.mapper()} writes as the matching JSON type). Any value may be null
 * unless an extractor documents otherwise.
 */
public enum FieldType {
    /** {@link String}. */
    STRING("String"),
    /** {@link Long} (or {@link Integer}), never a float. */
    INTEGER("Integer"),
    /** {@link Double}. */
    FLOAT("Float"),
    /** {@link Boolean}. */
    BOOLEAN("Boolean"),
    /** {@link String} in TS-NAIVE form {@code YYYY-MM-DDTHH:MM:SS}, UTC. */
    DATETIME("DateTime"),
    /** {@link java.util.Map} with string keys. */
    OBJECT("Object"),
    /** {@link java.util.List}. */
    LIST("List");

    private final String specName;

    FieldType(String specName) {
        this.specName = specName;
    }

    /** The name written in {@code schema.fields[].type}, e.g. {@code DateTime}. */
    public String specName() {
        return specName;
    }
}

package kamelet;

/** A Kamelet property as the bean received it: trimmed, or a clear error when a required one is not set. */
final class KameletProperties {
    private KameletProperties() {
    }

    static String text(String value) {
        return value == null ? "" : value.trim();
    }

    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the Kamelet property " + name + " is not set");
        }
        return value.trim();
    }
}

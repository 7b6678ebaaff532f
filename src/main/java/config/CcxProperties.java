package config;

import java.time.Duration;
import java.util.Locale;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The pipeline's {@code ccx.*} properties, typed. A missing or malformed value fails at start
 * naming its key and the environment variable that sets it.
 */
public final class CcxProperties {
    private final PropertiesComponent properties;

    private CcxProperties(PropertiesComponent properties) {
        this.properties = properties;
    }

    public static CcxProperties of(CamelContext camel) {
        return new CcxProperties(camel.getPropertiesComponent());
    }

    /** The value as written, trimmed; may be empty (an empty endpoint means real AWS). */
    public String text(String key) {
        return properties.resolveProperty(key).map(String::trim)
                .orElseThrow(() -> new IllegalStateException("missing property " + key + " (environment variable " + envVar(key) + ")"));
    }

    public long number(String key) {
        return parse(key, Long::parseLong);
    }

    public int integer(String key) {
        return parse(key, Integer::parseInt);
    }

    public boolean flag(String key) {
        return parse(key, value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not true or false");
        });
    }

    public Duration millis(String key) {
        return Duration.ofMillis(number(key));
    }

    /** The environment variable camel-main maps to a key: upper case, dots and dashes as underscores. */
    public static String envVar(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private interface Parser<T> {
        T parse(String value);
    }

    private <T> T parse(String key, Parser<T> parser) {
        String value = text(key);
        try {
            return parser.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalStateException("property " + key + " (environment variable " + envVar(key) + ") = '" + value
                    + "': " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }
}

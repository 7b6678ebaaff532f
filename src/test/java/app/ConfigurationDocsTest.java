package app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists every ccx.* key with its variable and its real default. */
class ConfigurationDocsTest {
    private static final Pattern ROW = Pattern.compile("^\\| `(ccx\\.[a-z0-9.-]+)` \\| `([A-Z0-9_]+)` \\| (empty|`([^`]*)`) \\|",
            Pattern.MULTILINE);

    static Map<String, String[]> documented(String readme) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(readme);
        while (m.find()) {
            rows.put(m.group(1), new String[] {m.group(2), m.group(4) == null ? "" : m.group(4)});
        }
        return rows;
    }

    @Test
    void everyPropertyIsDocumentedWithItsEnvironmentVariableAndDefault() throws Exception {
        Properties defaults = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            defaults.load(in);
        }
        Map<String, String[]> rows = documented(Files.readString(Path.of("README.md")));
        assertThat(rows).hasSizeGreaterThan(50);
        for (String key : defaults.stringPropertyNames()) {
            if (!key.startsWith("ccx.")) {
                continue;
            }
            assertThat(rows).as("README row for " + key).containsKey(key);
            assertThat(rows.get(key)[0]).isEqualTo(key.toUpperCase().replace('.', '_').replace('-', '_'));
            assertThat(rows.get(key)[1]).as("documented default of " + key).isEqualTo(defaults.getProperty(key).trim());
        }
        assertThat(rows.keySet()).as("documented keys that do not exist").allMatch(defaults::containsKey);
    }

    @Test
    void aWrongDefaultIsNoticed() {
        Map<String, String[]> rows = documented("| `ccx.http.port` | `CCX_HTTP_PORT` | `8081` | x |\n");
        assertThat(rows.get("ccx.http.port")[1]).isNotEqualTo("8080");
    }
}

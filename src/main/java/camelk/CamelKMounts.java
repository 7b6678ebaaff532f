package camelk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the Camel K operator mounts into a pod that runs our image (self-managed build, e.g. a
 * Pipe with {@code traits.container.image}), found through the environment it sets:
 * {@code CAMEL_K_CONF=/etc/camel/application.properties} (the kamelet location, the route
 * sources) and {@code CAMEL_K_CONF_D=/etc/camel/conf.d} ({@code user.properties}: the Pipe's
 * {@code camel.kamelet.<name>.<id>.<property>} values). Camel Main reads neither by itself.
 *
 * <p>{@link #propertyLocations()} lists the placeholder locations. Camel takes a key from the
 * first location that has it, so the list runs from the most specific to our defaults: every
 * {@code *.properties} directly in conf.d (by name), then the operator's file, then our classpath
 * {@code application.properties}. System properties and environment variables still win over all
 * of them. {@link #routesIncludePattern()} is where the generated flow
 * ({@code camel-k-embedded-flow.yaml}) is mounted.
 */
public record CamelKMounts(Path conf, Path confD) {
    public static final String CONF = "CAMEL_K_CONF";
    public static final String CONF_D = "CAMEL_K_CONF_D";
    /** Camel Main's own default, kept so classpath routes still load. */
    public static final String DEFAULT_ROUTES = "classpath:camel/*,classpath:camel-template/*,classpath:camel-rest/*";
    static final String ROUTES_INCLUDE = "camel.main.routes-include-pattern";
    private static final Pattern SOURCE_LOCATION = Pattern.compile("camel\\.k\\.sources\\[(\\d+)]\\.location");

    /**
     * The mounts named by the environment variables, or by system properties of the same names
     * (tests); empty when neither names any, so nothing changes outside Camel K.
     */
    public static Optional<CamelKMounts> detect(Map<String, String> env, Properties system) {
        String conf = setting(CONF, env, system);
        String confD = setting(CONF_D, env, system);
        if (conf == null && confD == null) {
            return Optional.empty();
        }
        return Optional.of(new CamelKMounts(conf == null ? null : Path.of(conf), confD == null ? null : Path.of(confD)));
    }

    public static Optional<CamelKMounts> detect() {
        return detect(System.getenv(), System.getProperties());
    }

    private static String setting(String name, Map<String, String> env, Properties system) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            value = system.getProperty(name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Property placeholder locations, highest precedence first (Camel's order); missing files are optional. */
    public List<String> propertyLocations() {
        List<String> locations = new ArrayList<>();
        for (Path p : confDFiles()) {
            locations.add(fileLocation(p));
        }
        if (conf != null) {
            locations.add(fileLocation(conf));
        }
        locations.add("classpath:application.properties;optional=true");
        return locations;
    }

    /** The files directly in conf.d ending in .properties (not the _configmaps/_secrets trees), by name. */
    List<Path> confDFiles() {
        if (confD == null || !Files.isDirectory(confD)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(confD)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".properties"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + confD, e);
        }
    }

    /**
     * Where the mounted route sources are, as Camel Main's routes-include-pattern: the operator's
     * own {@code camel.main.routes-include-pattern} (plain-quarkus provider), else its
     * {@code camel.k.sources[n].location} entries (Camel K runtime provider), else the directory
     * the operator mounts them in, {@code sources/*.yaml} next to the application.properties; only
     * the entries whose directory exists ({@link #scannable}). Empty without a conf file or sources.
     */
    public Optional<String> routesIncludePattern() {
        if (conf == null) {
            return Optional.empty();
        }
        Properties operator = read(conf);
        String pattern = operator.getProperty(ROUTES_INCLUDE);
        if (pattern != null && !pattern.isBlank()) {
            return scannable(List.of(pattern.trim().split("\\s*,\\s*")));
        }
        TreeMap<Integer, String> sources = new TreeMap<>();
        for (String key : operator.stringPropertyNames()) {
            Matcher m = SOURCE_LOCATION.matcher(key);
            if (m.matches() && !operator.getProperty(key).isBlank()) {
                sources.put(Integer.parseInt(m.group(1)), operator.getProperty(key).trim());
            }
        }
        if (!sources.isEmpty()) {
            return scannable(new ArrayList<>(sources.values()));
        }
        Path dir = conf.toAbsolutePath().getParent();
        return scannable(List.of("file:" + dir.resolve("sources") + "/*.yaml"));
    }

    /**
     * The entries Camel Main can scan. An Integration pod of our image has no mounted sources (the
     * routes are in the jar), yet the operator may still name the sources directory; Camel Main stops
     * the start on a file: pattern whose directory is missing, so such entries are left out.
     */
    static Optional<String> scannable(List<String> entries) {
        List<String> kept = entries.stream().filter(e -> !e.startsWith("file:") || Files.isDirectory(baseDir(e.substring(5))))
                .toList();
        return kept.isEmpty() ? Optional.empty() : Optional.of(String.join(",", kept));
    }

    /** The fixed directory of a file pattern: up to the last '/' before the first wildcard. */
    static Path baseDir(String path) {
        int wildcard = path.length();
        for (char c : new char[] {'*', '?', '{', '['}) {
            int i = path.indexOf(c);
            if (i >= 0) {
                wildcard = Math.min(wildcard, i);
            }
        }
        String fixed = path.substring(0, wildcard);
        int slash = fixed.lastIndexOf('/');
        return Path.of(slash <= 0 ? "/" : fixed.substring(0, slash));
    }

    private static String fileLocation(Path file) {
        return "file:" + file.toAbsolutePath() + ";optional=true";
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return p;
    }
}

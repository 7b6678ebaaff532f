package app.demo;

import java.nio.file.Path;
import java.time.Duration;

/** Command line of the demo: {@code [--archives DIR] [--out DIR] [--org ID] [--timeout SECONDS]}. */
public record DemoOptions(Path archives, Path out, String organization, Duration timeout) {

    public static DemoOptions parse(String... args) {
        Path archives = null;
        Path out = Path.of("target/demo");
        String org = "1234567";
        Duration timeout = Duration.ofSeconds(180);
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--archives" -> archives = Path.of(required(args[i], value));
                case "--out" -> out = Path.of(required(args[i], value));
                case "--org" -> org = required(args[i], value);
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(required(args[i], value)));
                case "-h", "--help" -> throw new IllegalArgumentException(usage());
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
            }
            i++;
        }
        if (!org.matches("[1-9][0-9]*")) {
            throw new IllegalArgumentException("--org must be a positive integer, got " + org);
        }
        return new DemoOptions(archives, out, org, timeout);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value\n" + usage());
        }
        return value;
    }

    public static String usage() {
        return "usage: demo [--archives DIR of *.tar.gz] [--out DIR (default target/demo)] [--org ORG_ID] [--timeout SECONDS]";
    }
}

package app.demo;

import app.Topology;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Command line of the demo:
 * {@code [--topology baseline|2024] [--archives DIR | --fleet-variants] [--out DIR] [--org ID] [--timeout SECONDS]}.
 *
 * @param fleetVariants run over {@link archive.FleetVariants} (newer platforms, no channel, ...)
 *                      made from the bundled sample, instead of the sample alone
 * @param topology      the pipeline's shape ({@code ccx.topology}); in 2024 the bundled input gets
 *                      OpenShift Lightspeed archives too
 */
public record DemoOptions(Path archives, Path out, String organization, Duration timeout, boolean fleetVariants,
                          Topology topology) {

    public DemoOptions(Path archives, Path out, String organization, Duration timeout) {
        this(archives, out, organization, timeout, false, Topology.BASELINE);
    }

    public DemoOptions(Path archives, Path out, String organization, Duration timeout, boolean fleetVariants) {
        this(archives, out, organization, timeout, fleetVariants, Topology.BASELINE);
    }

    public static DemoOptions parse(String... args) {
        Path archives = null;
        Path out = Path.of("target/demo");
        String org = "1234567";
        Duration timeout = Duration.ofSeconds(180);
        boolean fleetVariants = false;
        Topology topology = Topology.BASELINE;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--archives" -> archives = Path.of(required(args[i], value));
                case "--out" -> out = Path.of(required(args[i], value));
                case "--org" -> org = required(args[i], value);
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(required(args[i], value)));
                case "--topology" -> topology = topology(required(args[i], value));
                case "--fleet-variants" -> {
                    fleetVariants = true;
                    i--; // a flag: no value
                }
                case "-h", "--help" -> throw new IllegalArgumentException(usage());
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
            }
            i++;
        }
        if (!org.matches("[1-9][0-9]*")) {
            throw new IllegalArgumentException("--org must be a positive integer, got " + org);
        }
        if (fleetVariants && archives != null) {
            throw new IllegalArgumentException("--archives and --fleet-variants exclude each other\n" + usage());
        }
        return new DemoOptions(archives, out, org, timeout, fleetVariants, topology);
    }

    private static Topology topology(String value) {
        try {
            if (value.isBlank()) {
                throw new IllegalArgumentException("blank"); // Topology.of takes blank for the default
            }
            return Topology.of(value);
        } catch (IllegalArgumentException e) {
            // Topology.of names the property; on the command line the option is what was wrong.
            throw new IllegalArgumentException("--topology must be baseline or 2024, got " + value + "\n" + usage());
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value\n" + usage());
        }
        return value;
    }

    public static String usage() {
        return "usage: demo [--topology baseline|2024 (default baseline)] [--archives DIR of *.tar.gz | --fleet-variants]"
                + " [--out DIR (default target/demo)] [--org ORG_ID] [--timeout SECONDS]";
    }
}

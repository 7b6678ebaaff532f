package contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Command-line validator for message files, with the harness behaviour of
 * contract §0.1 (counters processed/valid/invalid/error, verdict OK/WARN/FAIL),
 * minus the reference's quirks: a broken single file is WARN, not OK, and the
 * exit status is 0 only for OK (1 = WARN, 2 = FAIL, 64 = bad arguments).
 * <pre>
 *   ValidatorCli -t rules-results -i message.json [-m] [-n] [-v]
 * </pre>
 */
public final class ValidatorCli {

    static final int EXIT_USAGE = 64;

    public enum Verdict {
        OK(0, "\u001b[32m", "all messages have proper format"),
        WARN(1, "\u001b[33m", "invalid messages found"),
        FAIL(2, "\u001b[31m", "errors while reading or validating");

        final int exitStatus;
        private final String colour;
        private final String meaning;

        Verdict(int exitStatus, String colour, String meaning) {
            this.exitStatus = exitStatus;
            this.colour = colour;
            this.meaning = meaning;
        }
    }

    /** The four counters of the reference harness. */
    public record Counters(int processed, int valid, int invalid, int error) {

        public Verdict verdict() {
            if (error > 0) {
                return Verdict.FAIL;
            }
            return invalid == 0 && processed == valid ? Verdict.OK : Verdict.WARN;
        }

        Counters plus(Counters other) {
            return new Counters(processed + other.processed, valid + other.valid,
                    invalid + other.invalid, error + other.error);
        }
    }

    private record Options(Contract contract, Path input, boolean multiple, boolean colours, boolean verbose) {
    }

    private ValidatorCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("usage: ValidatorCli -t <" + contractNames() + "> -i PATH [-m] [-n] [-v]");
            return EXIT_USAGE;
        }
        ContractValidator validator = ContractValidator.shared();
        Counters counters = validate(options.input, options.multiple,
                doc -> validator.violations(options.contract, doc), out, options.verbose);
        Verdict verdict = counters.verdict();
        out.printf("processed: %d, valid: %d, invalid: %d, error: %d%n",
                counters.processed, counters.valid, counters.invalid, counters.error);
        out.println(options.colours
                ? verdict.colour + verdict + "\u001b[0m: " + verdict.meaning
                : verdict + ": " + verdict.meaning);
        return verdict.exitStatus;
    }

    /**
     * Validates one JSON document ({@code multiple == false}) or one per line (JSON Lines).
     * Text that is not JSON, JSON null and rule failures count as invalid; an unreadable
     * file or an exception from {@code rules} counts as an error.
     */
    static Counters validate(Path input, boolean multiple, Function<JsonNode, List<String>> rules,
                             PrintStream out, boolean verbose) {
        List<String> payloads;
        try {
            payloads = multiple ? Files.readAllLines(input, StandardCharsets.UTF_8)
                    : List.of(Files.readString(input, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            out.println("cannot read " + input + ": " + e);
            return new Counters(0, 0, 0, 1);
        }
        Counters total = new Counters(0, 0, 0, 0);
        for (int i = 0; i < payloads.size(); i++) {
            if (verbose) {
                out.println("Reading message #" + (i + 1));
            }
            total = total.plus(validateOne(payloads.get(i), multiple, rules, out, "message #" + (i + 1)));
        }
        return total;
    }

    private static Counters validateOne(String payload, boolean multiple, Function<JsonNode, List<String>> rules,
                                        PrintStream out, String name) {
        JsonNode doc;
        try {
            doc = ContractValidator.parse(payload);
        } catch (ContractValidator.NotJson e) {
            out.println(name + ": " + e.getMessage());
            // A lone broken file was never "processed" (reference counters); a broken line was.
            return new Counters(multiple ? 1 : 0, 0, 1, 0);
        }
        if (doc.isNull()) {
            out.println(name + ": empty payload");
            return new Counters(1, 0, 1, 0);
        }
        List<String> violations;
        try {
            violations = rules.apply(doc);
        } catch (RuntimeException e) {
            out.println(name + ": error: " + e);
            return new Counters(1, 0, 0, 1);
        }
        if (violations.isEmpty()) {
            return new Counters(1, 1, 0, 0);
        }
        violations.forEach(v -> out.println(name + ": " + v));
        return new Counters(1, 0, 1, 0);
    }

    private static Options parse(String[] args) {
        Contract contract = null;
        Path input = null;
        boolean multiple = false;
        boolean colours = true;
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-t", "--type" -> contract = Contract.byName(value(args, ++i, "-t"));
                case "-i", "--input" -> input = Path.of(value(args, ++i, "-i"));
                case "-m", "--multiple" -> multiple = true;
                case "-n", "--no-colors" -> colours = false;
                case "-v", "--verbose" -> verbose = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (contract == null || input == null) {
            throw new IllegalArgumentException("-t and -i are required");
        }
        return new Options(contract, input, multiple, colours, verbose);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static String contractNames() {
        StringBuilder names = new StringBuilder();
        for (Contract c : Contract.values()) {
            names.append(names.isEmpty() ? "" : "|").append(c.schemaName());
        }
        return names.toString();
    }
}

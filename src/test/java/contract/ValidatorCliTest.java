package contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness of contract §0.1, with the expected counters of §0.2 for examples/validator_cli. */
class ValidatorCliTest {

    /** The schema the reference harness tests use: only {} is valid. */
    private static final Function<JsonNode, List<String>> ONLY_EMPTY_OBJECT =
            doc -> doc.isObject() && doc.isEmpty() ? List.of() : List.of("$: only {} is accepted");

    private static Path example(String name) throws URISyntaxException {
        return Path.of(ValidatorCliTest.class.getClassLoader().getResource("examples/validator_cli/" + name).toURI());
    }

    @ParameterizedTest(name = "{0} multiple={1} -> processed {2}, valid {3}, invalid {4}, error {5}: {6}")
    @CsvSource({
            "empty.json,                           false, 1, 1, 0, 0, OK",
            "test.json,                            false, 1, 0, 1, 0, WARN",
            "error.json.txt,                       false, 0, 0, 1, 0, WARN",
            "error.json.txt,                       true,  1, 0, 1, 0, WARN",
            "multiple_ok.jsonl,                    true,  2, 2, 0, 0, OK",
            "multiple_incorrect.jsonl,             true,  2, 0, 2, 0, WARN",
            "multiple_correct_and_incorrect.jsonl, true,  2, 1, 1, 0, WARN"})
    void harnessCountsLikeTheReference(String file, boolean multiple, int processed, int valid, int invalid, int error,
                                       ValidatorCli.Verdict verdict) throws URISyntaxException {
        ValidatorCli.Counters counters = ValidatorCli.validate(example(file), multiple, ONLY_EMPTY_OBJECT,
                new PrintStream(new ByteArrayOutputStream()), false);
        assertThat(counters).isEqualTo(new ValidatorCli.Counters(processed, valid, invalid, error));
        assertThat(counters.verdict()).isEqualTo(verdict);
    }

    @Test
    void unreadableFileIsAnError(@TempDir Path dir) {
        ValidatorCli.Counters counters = ValidatorCli.validate(dir.resolve("missing.json"), false, ONLY_EMPTY_OBJECT,
                new PrintStream(new ByteArrayOutputStream()), false);
        assertThat(counters).isEqualTo(new ValidatorCli.Counters(0, 0, 0, 1));
        assertThat(counters.verdict()).isEqualTo(ValidatorCli.Verdict.FAIL);
    }

    @Test
    void nullPayloadIsInvalidAndARuleCrashIsAnError(@TempDir Path dir) throws IOException {
        Path lines = Files.writeString(dir.resolve("lines.jsonl"), "null\n{}\n\n[1]\n");
        ValidatorCli.Counters counters = ValidatorCli.validate(lines, true,
                doc -> { if (doc.isArray()) throw new IllegalStateException("boom"); return ONLY_EMPTY_OBJECT.apply(doc); },
                new PrintStream(new ByteArrayOutputStream()), false);
        assertThat(counters).isEqualTo(new ValidatorCli.Counters(4, 1, 2, 1));
    }

    @Test
    void commandLineValidatesARealContractAndExitsByVerdict() throws URISyntaxException {
        Path rules = Path.of(getClass().getClassLoader()
                .getResource("examples/09_rules_results/test_fixture_valid_message.converted.json").toURI());
        Path upload = Path.of(getClass().getClassLoader()
                .getResource("examples/01_platform_upload_buckit/data_no_url.json").toURI());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int ok = ValidatorCli.run(new String[]{"-t", "rules-results", "-i", rules.toString(), "-n"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(ok).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("processed: 1, valid: 1, invalid: 0, error: 0")
                .contains("OK: all messages have proper format");

        out.reset();
        int warn = ValidatorCli.run(new String[]{"--type", "platform-upload-buckit", "--input", upload.toString(), "-n"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(warn).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("required property 'url' not found").contains("WARN");
    }

    @Test
    void badArgumentsPrintUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ValidatorCli.run(new String[]{"-i"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(ValidatorCli.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: ValidatorCli -t <platform-upload-buckit|");
    }
}

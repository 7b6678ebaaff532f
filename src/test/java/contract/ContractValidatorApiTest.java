package contract;

import com.fasterxml.jackson.databind.JsonNode;
import model.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The public API of {@link ContractValidator}, {@link ContractViolation} and {@link Contract}. */
class ContractValidatorApiTest {

    private static final ContractValidator VALIDATOR = ContractValidator.shared();

    private static final String ARCHIVE_NEW = """
            {"cluster_id": "abcd1234-1234-abcd-5678-1234abcd1234",
             "path": "1234567/abcd1234-1234-abcd-5678-1234abcd1234/20200609125740-1234567890abcdef1234567890abcdef",
             "sqs_message_id": 123}""";

    @ParameterizedTest(name = "not JSON: [{0}]")
    @ValueSource(strings = {"", "   ", "{\"foo\":}", "{} {}", "{\"a\": 1, \"a\": 2}", "NaN", "{'a': 1}"})
    void textThatIsNotOneJsonDocumentGivesOneViolation(String text) {
        assertThat(VALIDATOR.violations(Contract.ARCHIVE_NEW, text))
                .singleElement().asString().startsWith("$: not JSON");
    }

    @Test
    void jsonNullIsAnEmptyPayload() {
        assertThat(VALIDATOR.violations(Contract.ARCHIVE_NEW, "null"))
                .containsExactly("$: empty payload (JSON null), a JSON document was expected");
        assertThat(VALIDATOR.violations(Contract.ARCHIVE_NEW, (JsonNode) null))
                .containsExactly("$: empty payload (JSON null), a JSON document was expected");
    }

    @Test
    void wrongRootTypeIsAViolationNotACrash() {
        assertThat(VALIDATOR.violations(Contract.RULES_RESULTS, "[1, 2]"))
                .singleElement().asString().startsWith("$: array found, object expected");
    }

    @Test
    void everyFailureIsReportedTogether() {
        List<String> violations = VALIDATOR.violations(Contract.ARCHIVE_NEW,
                "{\"cluster_id\": \"x\", \"path\": \"y\", \"sqs_message_id\": 0, \"extra\": true}");
        assertThat(violations).hasSize(4)
                .anyMatch(v -> v.startsWith("$.cluster_id: "))
                .anyMatch(v -> v.startsWith("$.path: "))
                .anyMatch(v -> v.startsWith("$.sqs_message_id: "))
                .anyMatch(v -> v.startsWith("$: property 'extra'"));
    }

    @Test
    void checkReturnsTheParsedDocument() throws IOException {
        JsonNode doc = VALIDATOR.check(Contract.ARCHIVE_NEW, ARCHIVE_NEW);
        assertThat(doc).isEqualTo(Json.mapper().readTree(ARCHIVE_NEW));
    }

    @Test
    void checkThrowsWithContractAndAllViolations() {
        String broken = ARCHIVE_NEW.replace("\"sqs_message_id\": 123", "\"sqs_message_id\": -1")
                .replace("\"path\"", "\"Path\"");
        ContractViolation violation = catchThrowableOfType(ContractViolation.class,
                () -> VALIDATOR.check(Contract.ARCHIVE_NEW, broken));
        assertThat(violation.contract()).isEqualTo(Contract.ARCHIVE_NEW);
        assertThat(violation.violations()).hasSize(3);
        assertThat(violation.getMessage()).startsWith("archive-new: ");
        violation.violations().forEach(v -> assertThat(violation.getMessage()).contains(v));
    }

    @Test
    void checkOfNotJsonThrows() {
        assertThatThrownBy(() -> VALIDATOR.check(Contract.FEATURES, "{"))
                .isInstanceOf(ContractViolation.class)
                .hasMessageStartingWith("features: $: not JSON");
    }

    @Test
    void checkOfATreeThrowsOnlyWhenInvalid() throws IOException {
        JsonNode valid = Json.mapper().readTree(ARCHIVE_NEW);
        VALIDATOR.check(Contract.ARCHIVE_NEW, valid);
        JsonNode invalid = Json.mapper().readTree("{}");
        assertThatThrownBy(() -> VALIDATOR.check(Contract.ARCHIVE_NEW, invalid))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("required property 'cluster_id' not found");
    }

    @Test
    void violationListsCannotBeChangedByCallers() {
        List<String> violations = VALIDATOR.violations(Contract.ARCHIVE_NEW, "{}");
        assertThatThrownBy(() -> violations.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void oneValidatorIsSafeToShareBetweenThreads() throws Exception {
        Map<String, Integer> expected = Map.of(ARCHIVE_NEW, 0, "{}", 3, ARCHIVE_NEW.replace("\"sqs_message_id\": 123", "\"sqs_message_id\": 1.0"), 1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = IntStream.range(0, 400)
                    .mapToObj(i -> List.copyOf(expected.keySet()).get(i % expected.size()))
                    .map(json -> pool.submit(() -> VALIDATOR.violations(Contract.ARCHIVE_NEW, json).size() == expected.get(json)))
                    .toList();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Contract.class)
    void everyContractHasADraft202012SchemaWithItsOwnId(Contract contract) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(contract.schemaResource())) {
            assertThat(in).as(contract.schemaResource()).isNotNull();
            JsonNode schema = Json.mapper().readTree(in);
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).isEqualTo(contract.schemaId())
                    .endsWith("/" + contract.schemaName() + ".schema.json");
        }
        assertThat(Contract.byName(contract.schemaName())).isSameAs(contract);
        assertThat(Contract.byName(contract.name())).isSameAs(contract);
    }

    @Test
    void regexDollarMeansEndOfInput() {
        assertThat(EcmaAnchoredRegexFactory.toJava("^a$")).isEqualTo("^a\\z");
        assertThat(EcmaAnchoredRegexFactory.toJava("^[$]\\$$")).isEqualTo("^[$]\\$\\z");
        assertThat(new EcmaAnchoredRegexFactory().getRegularExpression("^a$").matches("a\n")).isFalse();
        assertThat(new EcmaAnchoredRegexFactory().getRegularExpression("b$").matches("ab")).isTrue();
    }
}

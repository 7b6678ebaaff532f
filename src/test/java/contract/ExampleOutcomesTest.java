package contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import model.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every spec example with a documented outcome (contract §0.2, examples/README.md)
 * gets exactly that outcome, and an invalid one fails for the documented reason.
 */
class ExampleOutcomesTest {

    private static final ContractValidator VALIDATOR = ContractValidator.shared();

    enum Outcome { VALID, INVALID, NOT_JSON }

    /** One example file, the contract it is checked against and what must come out. */
    record Case(String file, Contract contract, Outcome outcome, boolean removeTrailingCommas, List<String> reasons) {
        @Override
        public String toString() {
            return file + (removeTrailingCommas ? " (trailing commas removed)" : "") + " -> " + outcome;
        }
    }

    private static Case valid(String file, Contract contract) {
        return new Case(file, contract, Outcome.VALID, false, List.of());
    }

    private static Case invalid(String file, Contract contract, String... reasons) {
        return new Case(file, contract, Outcome.INVALID, false, List.of(reasons));
    }

    private static Case notJson(String file, Contract contract) {
        return new Case(file, contract, Outcome.NOT_JSON, false, List.of());
    }

    private static Case fixed(Case c) {
        return new Case(c.file, c.contract, c.outcome, true, c.reasons);
    }

    static final String UPLOAD = "01_platform_upload_buckit/";
    static final String SQS = "02_sqs_incoming/";
    static final String RULES = "09_rules_results/";
    static final String FEATURES = "09_features/";

    static Stream<Case> documentedOutcomes() {
        Contract upload = Contract.PLATFORM_UPLOAD_BUCKIT;
        Contract identity = Contract.UPLOAD_IDENTITY;
        Contract sqs = Contract.SQS_RECEIVE_RESPONSE;
        Contract s3 = Contract.S3_EVENT_NOTIFICATION;
        Contract rules = Contract.RULES_RESULTS;
        Contract features = Contract.FEATURES;
        return Stream.of(
                valid(UPLOAD + "data_correct.json", upload),
                invalid(UPLOAD + "data_no_account.json", upload,
                        "required property 'account'", "$.url", "$.b64_identity: decoded identity is not JSON"),
                invalid(UPLOAD + "data_no_identity.json", upload, "required property 'b64_identity'", "$.url"),
                invalid(UPLOAD + "data_no_url.json", upload,
                        "required property 'url'", "$.b64_identity: decoded identity is not JSON"),
                invalid(UPLOAD + "doc_minimal_message.json", upload,
                        "required property 'account'", "required property 'service'", "required property 'size'",
                        "$.url", "$.b64_identity: not base64"),
                invalid(UPLOAD + "doc_message_with_optional_attributes.json", upload,
                        "$.account: integer found, string expected", "$.principal: integer found, string expected",
                        "required property 'service'", "$.url", "$.b64_identity"),
                invalid(UPLOAD + "doc_head_message_with_custom_metadata.json", upload,
                        "$.account", "$.b64_identity"),
                valid(UPLOAD + "data_correct.b64_identity_decoded.json", identity),
                notJson(UPLOAD + "data_no_account.b64_identity_decoded.json.txt", identity),
                fixed(valid(UPLOAD + "data_no_account.b64_identity_decoded.json.txt", identity)),
                notJson(UPLOAD + "data_no_url.b64_identity_decoded.json.txt", identity),
                fixed(valid(UPLOAD + "data_no_url.b64_identity_decoded.json.txt", identity)),
                notJson(UPLOAD + "doc_identity_basic_auth.json.txt", identity),
                notJson(UPLOAD + "doc_identity_cert_auth_system.json.txt", identity),
                notJson(UPLOAD + "doc_identity_cert_auth_entitlements.json.txt", identity),
                notJson(UPLOAD + "doc_entitlements_fragment.json.txt", identity),

                valid(SQS + "data_SQS_NO_MESSAGES_RESPONSE.converted.json", sqs),
                valid(SQS + "data_SQS_MESSAGES_RESPONSE.converted.json", sqs),
                valid(SQS + "doc_response_empty_queue.converted.json", sqs),
                valid(SQS + "doc_response_with_message.converted.json", sqs),
                valid(SQS + "doc_s3_test_event.json", s3),
                valid(SQS + "doc_body_records.json", s3),

                valid(RULES + "test_fixture_valid_message.converted.json", rules),
                notJson(RULES + "doc_example_tutorial_rule_hit.json.txt", rules),
                fixed(invalid(RULES + "doc_example_tutorial_rule_hit.json.txt", rules,
                        "$: property 'Report' is not defined", "required property 'report'")),
                invalid(RULES + "doc_minimal_report_structure.json", rules,
                        "$: property 'Report' is not defined", "required property 'path'"),

                valid(FEATURES + "test_fixture_valid_message.converted.json", features),
                valid(FEATURES + "doc_example_three_fields.json", features),
                notJson(FEATURES + "doc_example_one_field.json.txt", features),
                fixed(valid(FEATURES + "doc_example_one_field.json.txt", features)),
                notJson(FEATURES + "doc_example_null_values.json.txt", features),
                fixed(valid(FEATURES + "doc_example_null_values.json.txt", features)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedOutcomes")
    void exampleHasItsDocumentedOutcome(Case c) {
        String text = read(c.file);
        if (c.removeTrailingCommas) {
            text = withoutTrailingCommas(text);
        }
        List<String> violations = VALIDATOR.violations(c.contract, text);
        switch (c.outcome) {
            case VALID -> assertThat(violations).isEmpty();
            case NOT_JSON -> assertThat(violations).singleElement().asString().startsWith("$: not JSON");
            case INVALID -> {
                assertThat(violations).isNotEmpty().noneMatch(v -> v.startsWith("$: not JSON"));
                for (String reason : c.reasons) {
                    assertThat(violations).as("a violation mentioning %s", reason).anyMatch(v -> v.contains(reason));
                }
            }
        }
    }

    /** The feature schema blocks of the doc page are valid {@code schema} objects of a features message. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"doc_schema_cluster_info.json", "doc_schema_foc.json", "doc_schema_alerts.json",
            "doc_schema_gatherers.json", "doc_schema_workload_info_namespaces.json",
            "doc_schema_workload_info_images.json.txt"})
    void documentedFeatureSchemaFitsAFeaturesMessage(String file) throws IOException {
        JsonNode schemaBlock = Json.mapper().readTree(withoutTrailingCommas(read(FEATURES + file)));
        ObjectNode message = (ObjectNode) Json.mapper().readTree(read(FEATURES + "test_fixture_valid_message.converted.json"));
        ObjectNode result = (ObjectNode) message.withArray("report").get(0);
        result.set("schema", schemaBlock);

        assertThat(VALIDATOR.violations(Contract.FEATURES, message)).isEmpty();

        ((ObjectNode) schemaBlock).remove("version");
        assertThat(VALIDATOR.violations(Contract.FEATURES, message))
                .anyMatch(v -> v.contains("required property 'version'"));
    }

    /** Keeps the table honest: no copied example file is left without an expected outcome. */
    @Test
    void everyCopiedMessageExampleHasAnOutcome() throws IOException, URISyntaxException {
        Set<String> covered = documentedOutcomes().map(Case::file).collect(Collectors.toSet());
        Path root = Path.of(ExampleOutcomesTest.class.getClassLoader().getResource("examples").toURI());
        List<String> messageExamples;
        try (Stream<Path> files = Files.walk(root)) {
            messageExamples = files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("validator_cli/") && !p.endsWith("README.md"))
                    .filter(p -> !p.startsWith(FEATURES + "doc_schema_")) // checked above
                    .toList();
        }
        assertThat(messageExamples).hasSizeGreaterThan(25);
        assertThat(covered).containsAll(messageExamples);
    }

    /** The published doc blocks differ from JSON only by trailing commas; drop them. */
    static String withoutTrailingCommas(String text) {
        return text.replaceAll(",(\\s*[}\\]])", "$1");
    }

    static String read(String example) {
        try (InputStream in = ExampleOutcomesTest.class.getClassLoader().getResourceAsStream("examples/" + example)) {
            assertThat(in).as("example %s on the test classpath", example).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package model;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each valid example read into its record and written back gives the same JSON
 * tree: the records hold everything the contract carries, nulls included.
 */
class RoundTripTest {

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "01_platform_upload_buckit/data_correct.json, model.UploadAnnouncement",
            "01_platform_upload_buckit/data_correct.b64_identity_decoded.json, model.UploadIdentity",
            "02_sqs_incoming/data_SQS_MESSAGES_RESPONSE.converted.json, model.SqsReceiveResponse",
            "02_sqs_incoming/data_SQS_NO_MESSAGES_RESPONSE.converted.json, model.SqsReceiveResponse",
            "02_sqs_incoming/doc_response_empty_queue.converted.json, model.SqsReceiveResponse",
            "02_sqs_incoming/doc_response_with_message.converted.json, model.SqsReceiveResponse",
            "02_sqs_incoming/doc_body_records.json, model.S3EventNotification",
            "02_sqs_incoming/doc_s3_test_event.json, model.S3EventNotification",
            "09_rules_results/test_fixture_valid_message.converted.json, model.RulesResults",
            "09_features/test_fixture_valid_message.converted.json, model.FeaturesMessage",
            "09_features/doc_example_three_fields.json, model.FeaturesMessage",
            "09_features/doc_example_one_field.json.txt, model.FeaturesMessage",
            "09_features/doc_example_null_values.json.txt, model.FeaturesMessage"})
    void exampleSurvivesRecordRoundTrip(String example, Class<?> recordType) throws IOException {
        String text = read(example).replaceAll(",(\\s*[}\\]])", "$1"); // .json.txt doc blocks: trailing commas
        JsonNode original = Json.mapper().readTree(text);

        Object record = Json.mapper().readValue(text, recordType);
        // Compare what goes on the wire: through text, so a long field written from a small
        // number reads back as the same JSON number (JsonNode equality is node-type strict).
        JsonNode written = Json.mapper().readTree(Json.mapper().writeValueAsString(record));

        assertThat(record).isInstanceOf(recordType);
        assertThat(written).isEqualTo(original);
    }

    static String read(String example) throws IOException {
        try (InputStream in = RoundTripTest.class.getClassLoader().getResourceAsStream("examples/" + example)) {
            assertThat(in).as("example %s", example).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

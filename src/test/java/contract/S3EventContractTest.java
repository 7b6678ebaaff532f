package contract;

import com.fasterxml.jackson.databind.JsonNode;
import model.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The decoded SQS Body: a real S3 notification or the s3:TestEvent (contract §4.3, §5.3). */
class S3EventContractTest {

    private static final ContractValidator VALIDATOR = ContractValidator.shared();

    /** A notification as AWS really sends it: many more fields than the doc shows. */
    static final String AWS_RECORD = """
            {"Records": [{
              "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
              "eventTime": "2020-06-09T12:57:48.964Z", "eventName": "ObjectCreated:Put",
              "userIdentity": {"principalId": "AWS:X"}, "requestParameters": {"sourceIPAddress": "10.0.0.1"},
              "s3": {"s3SchemaVersion": "1.0", "configurationId": "cfg",
                     "bucket": {"name": "insights-ingress", "arn": "arn:aws:s3:::insights-ingress"},
                     "object": {"key": "KEY", "size": 11805, "eTag": "ef140efa70e9efe79fdd71e5909713bb",
                                "sequencer": "005EDF87444DDF7525"}}}]}""";

    static String awsRecord(String key) {
        return AWS_RECORD.replace("KEY", key);
    }

    @ParameterizedTest(name = "Body of {0}")
    @ValueSource(strings = {"data_SQS_MESSAGES_RESPONSE.converted.json", "doc_response_with_message.converted.json"})
    void bodiesOfTheSqsExamplesAreValidNotifications(String file) throws IOException {
        JsonNode response = Json.mapper().readTree(ExampleOutcomesTest.read("02_sqs_incoming/" + file));
        String body = response.path("Messages").get(0).path("Body").textValue();
        assertThat(VALIDATOR.violations(Contract.S3_EVENT_NOTIFICATION, body)).isEmpty();
    }

    @Test
    void realAwsRecordWithUnknownFieldsIsValid() {
        assertThat(VALIDATOR.violations(Contract.S3_EVENT_NOTIFICATION,
                awsRecord("7307752/4e696069-edf5-44dd-9f05-fcca2d14cdf1/20200609125740-113ebefe3cdd4a62b9d0e094213bf9e9")))
                .isEmpty();
    }

    /**
     * The contract only needs a non-empty string key: the listener checks each key's layout
     * itself, so that one foreign key rejects its own record and not the whole notification.
     */
    @ParameterizedTest(name = "object key \"{0}\" valid={1}")
    @CsvSource({
            "7307752/4e696069-edf5-44dd-9f05-fcca2d14cdf1/20200609125740-113ebefe3cdd4a62b9d0e094213bf9e9, true",
            "some/other/object, true",
            "'', false"})
    void objectKeyIsANonEmptyString(String key, boolean valid) {
        List<String> violations = VALIDATOR.violations(Contract.S3_EVENT_NOTIFICATION, awsRecord(key));
        if (valid) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).singleElement().asString().startsWith("$.Records[0].s3.object.key: must be at least 1 characters long");
        }
    }

    @Test
    void objectKeyMustBeAString() {
        assertThat(VALIDATOR.violations(Contract.S3_EVENT_NOTIFICATION, "{\"Records\": [{\"s3\": {\"object\": {\"key\": 5}}}]}"))
                .singleElement().asString().startsWith("$.Records[0].s3.object.key: integer found, string expected");
        assertThat(VALIDATOR.violations(Contract.S3_EVENT_NOTIFICATION, "{\"Records\": [{\"s3\": {\"object\": {}}}]}"))
                .containsExactly("$.Records[0].s3.object: required property 'key' not found");
    }

    @Test
    void anEventThatIsNotTheTestEventNeedsRecords() {
        assertThat(VALIDATOR.violations(Contract.S3_EVENT_NOTIFICATION,
                "{\"Service\": \"Amazon S3\", \"Event\": \"s3:ObjectCreated:Put\"}"))
                .containsExactly("$: required property 'Records' not found");
    }

    @Test
    void theTestEventNeedsItsSixFields() {
        assertThat(VALIDATOR.violations(Contract.S3_EVENT_NOTIFICATION,
                "{\"Service\": \"Amazon S3\", \"Event\": \"s3:TestEvent\", \"Time\": \"2021-02-01T18:00:00.000Z\"}"))
                .containsExactlyInAnyOrder("$: required property 'Bucket' not found",
                        "$: required property 'RequestId' not found", "$: required property 'HostId' not found");
    }
}

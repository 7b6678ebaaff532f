package model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import contract.Contract;
import contract.ContractValidator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Records built or read in Java write exactly what the contract expects. */
class RecordsTest {

    private static final ContractValidator VALIDATOR = ContractValidator.shared();

    private static final String CLUSTER = "abcd1234-1234-abcd-5678-1234abcd1234";
    private static final String S3_KEY = "1234567/" + CLUSTER + "/20200609125740-1234567890abcdef1234567890abcdef";
    private static final String CEPH_PATH = "archives/compressed/ab/" + CLUSTER + "/202006/09/125740.tar.gz";

    private static JsonNode tree(Object record) throws JsonProcessingException {
        return Json.mapper().readTree(Json.mapper().writeValueAsString(record));
    }

    @Test
    void archiveNewWritesTheDocumentedMessage() throws JsonProcessingException {
        ArchiveNew message = new ArchiveNew(CLUSTER, S3_KEY, 123);
        String json = Json.mapper().writeValueAsString(message);
        assertThat(json).isEqualTo("{\"cluster_id\":\"" + CLUSTER + "\",\"path\":\"" + S3_KEY + "\",\"sqs_message_id\":123}");
        assertThat(VALIDATOR.violations(Contract.ARCHIVE_NEW, json)).isEmpty();
        assertThat(Json.mapper().readValue(json, ArchiveNew.class)).isEqualTo(message);
    }

    @Test
    void archiveNewWithoutAnIdIsRejectedNotDefaultedToZero() {
        assertThatThrownBy(() -> Json.mapper().readValue(
                "{\"cluster_id\":\"" + CLUSTER + "\",\"path\":\"" + S3_KEY + "\",\"sqs_message_id\":null}", ArchiveNew.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void archiveSyncedWritesCurrentNamesAndReadsLegacyOnes() throws IOException {
        ArchiveSynced message = new ArchiveSynced(CEPH_PATH, S3_KEY, new ArchiveMetadata(CLUSTER, "1234567"));
        assertThat(VALIDATOR.violations(Contract.ARCHIVE_SYNCED, tree(message))).isEmpty();
        assertThat(tree(message).fieldNames()).toIterable().containsExactly("path", "original_path", "metadata");

        ArchiveSynced legacy = Json.mapper().readValue("""
                {"target_path": "%s", "s3_path": "%s",
                 "metadata": {"cluster_id": "%s", "external_organization": "1234567"}}"""
                .formatted(CEPH_PATH, S3_KEY, CLUSTER), ArchiveSynced.class);
        assertThat(legacy).isEqualTo(message);
    }

    @Test
    void requiredNullsAreWrittenAsNull() throws IOException {
        RulesReport.AnalysisMetadata analysis = new RulesReport.AnalysisMetadata(
                "2021-02-12T09:22:40.335867+00:00", "2021-02-12T09:22:41.434439+00:00",
                "ccx_ocp_core.context.InsightsOperatorContext",
                new LinkedHashMap<>(Map.of(
                        "insights-core", new RulesReport.PluginSet("insights-core-3.0.202-1", "placeholder"),
                        "ccx_rules_ocp", new RulesReport.PluginSet("ccx_rules_ocp-2021.2.3-1", null),
                        "ccx_ocp_core", new RulesReport.PluginSet("ccx_ocp_core-2021.2.8-1", null))));
        RulesReport.ReportHit hit = new RulesReport.ReportHit("tutorial_rule|TUTORIAL_ERROR",
                "ccx_rules_ocp.external.tutorial_rule.report", "rule", "TUTORIAL_ERROR",
                Map.of("type", "rule", "error_key", "TUTORIAL_ERROR"), List.of(), Map.of());
        RulesResults results = new RulesResults(CEPH_PATH, new ArchiveMetadata(CLUSTER, "1234567"),
                new RulesReport(new RulesReport.ReportSystem(Map.of(), null, null), List.of(hit), List.of(),
                        List.of(), List.of(), List.of(), analysis));

        JsonNode json = tree(results);
        assertThat(json.path("report").path("system").has("hostname")).isTrue();
        assertThat(json.path("report").path("system").get("hostname").isNull()).isTrue();
        assertThat(json.path("report").path("analysis_metadata").path("plugin_sets").path("ccx_ocp_core").get("commit").isNull()).isTrue();
        assertThat(VALIDATOR.violations(Contract.RULES_RESULTS, json)).isEmpty();
    }

    @Test
    void featureRowNullsSurvive() throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cluster_id", CLUSTER);
        row.put("upgrading_since", null);
        FeaturesMessage message = new FeaturesMessage(CEPH_PATH, new ArchiveMetadata(CLUSTER, "1234567"), List.of(
                new FeaturesMessage.FeatureResult(
                        new FeaturesMessage.FeatureMetadata("cluster_info", "ccx.features.cluster_info"),
                        new FeaturesMessage.FeatureSchema("1.0", List.of(
                                new FeaturesMessage.FieldDef("cluster_id", "String"),
                                new FeaturesMessage.FieldDef("upgrading_since", "DateTime"))),
                        List.of(row))));
        JsonNode json = tree(message);
        assertThat(json.path("report").get(0).path("data").get(0).get("upgrading_since").isNull()).isTrue();
        assertThat(VALIDATOR.violations(Contract.FEATURES, json)).isEmpty();
    }

    @Test
    void testEventIsRecognisedAndNotWrittenAsAField() throws IOException {
        S3EventNotification test = Json.mapper().readValue(RoundTripTest.read("02_sqs_incoming/doc_s3_test_event.json"),
                S3EventNotification.class);
        assertThat(test.isTestEvent()).isTrue();
        assertThat(test.records()).isNull();
        assertThat(tree(test).has("testEvent")).isFalse();

        S3EventNotification real = Json.mapper().readValue(RoundTripTest.read("02_sqs_incoming/doc_body_records.json"),
                S3EventNotification.class);
        assertThat(real.isTestEvent()).isFalse();
        assertThat(real.records()).singleElement()
                .satisfies(r -> assertThat(r.s3().object().key()).isEqualTo(S3_KEY));
    }

    @Test
    void awsFieldsWeDoNotModelAreIgnored() throws IOException {
        S3EventNotification event = Json.mapper().readValue("""
                {"Records": [{"eventVersion": "2.1", "eventName": "ObjectCreated:Put",
                  "eventTime": "2020-06-09T12:57:48.964Z", "userIdentity": {"principalId": "AWS:X"},
                  "s3": {"s3SchemaVersion": "1.0", "bucket": {"name": "ingress", "arn": "arn:aws:s3:::ingress"},
                         "object": {"key": "%s", "size": 11805, "versionId": "v1"}}}]}""".formatted(S3_KEY),
                S3EventNotification.class);
        S3EventNotification.Record record = event.records().get(0);
        assertThat(record.eventName()).isEqualTo("ObjectCreated:Put");
        assertThat(record.s3().bucket().name()).isEqualTo("ingress");
        assertThat(record.s3().object().size()).isEqualTo(11805L);
    }

    @Test
    void sqsMessageBodyDecodesToANotification() throws IOException {
        SqsReceiveResponse response = Json.mapper().readValue(
                RoundTripTest.read("02_sqs_incoming/data_SQS_MESSAGES_RESPONSE.converted.json"), SqsReceiveResponse.class);
        SqsReceiveResponse.Message message = response.messages().get(0);
        assertThat(message.receiptHandle()).isEqualTo("123");
        assertThat(response.responseMetadata().httpHeaders().contentType()).isEqualTo("text/xml");
        S3EventNotification body = Json.mapper().readValue(message.body(), S3EventNotification.class);
        assertThat(body.records().get(0).s3().object().key()).startsWith("7307752/4e696069-edf5-44dd-9f05-fcca2d14cdf1/");
    }

    @Test
    void uploadIdentityKeepsKeysItDoesNotModel() throws IOException {
        String json = """
                {"identity": {"internal": {"org_id": "1234567", "auth_time": 1400}, "account_number": "1234567",
                              "auth_type": "basic-auth", "type": "User", "user": {"username": "john_doe"}},
                 "entitlements": {"insights": {"is_entitled": true, "is_trial": false}},
                 "future_key": [1, 2]}""";
        UploadIdentity identity = Json.mapper().readValue(json, UploadIdentity.class);
        assertThat(identity.identity().internal().orgId()).isEqualTo("1234567");
        assertThat(identity.identity().otherFields()).containsKey("user");
        assertThat(identity.otherFields()).containsKey("future_key");
        assertThat(tree(identity)).isEqualTo(Json.mapper().readTree(json));
    }

    @Test
    void uploadAnnouncementIdentityDecodes() throws IOException {
        UploadAnnouncement upload = Json.mapper().readValue(
                RoundTripTest.read("01_platform_upload_buckit/data_correct.json"), UploadAnnouncement.class);
        UploadIdentity identity = Json.mapper().readValue(
                Base64.getDecoder().decode(upload.b64Identity().getBytes(StandardCharsets.US_ASCII)), UploadIdentity.class);
        assertThat(upload.size()).isEqualTo(123456L);
        assertThat(identity.identity().accountNumber()).isEqualTo("789000");
        assertThat(identity.identity().system().cn()).isEqualTo("12345678-aaaa-eeee-ffff-000000000000");
    }

    @Test
    void sharedMapperRejectsAmbiguousJson() {
        assertThat(Json.mapper()).isSameAs(Json.mapper());
        assertThatThrownBy(() -> Json.mapper().readTree("{\"a\": 1, \"a\": 2}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> Json.mapper().readValue("{} {}", Map.class)).isInstanceOf(JsonProcessingException.class);
    }
}

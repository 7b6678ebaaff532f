package contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import model.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static contract.PatternRulesTest.example;
import static contract.PatternRulesTest.firstHit;
import static contract.PatternRulesTest.violationsAfter;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules checked in Java after the schema (P-B64ID, P-JSONSTR, consistency between fields). */
class CrossChecksTest {

    private static final ContractValidator VALIDATOR = ContractValidator.shared();

    private static final String UPLOAD = "01_platform_upload_buckit/data_correct.json";
    private static final String SQS = "02_sqs_incoming/data_SQS_MESSAGES_RESPONSE.converted.json";
    private static final String RULES = "09_rules_results/test_fixture_valid_message.converted.json";
    private static final String FEATURES = "09_features/test_fixture_valid_message.converted.json";

    static final String CLUSTER = "abcd1234-1234-abcd-5678-1234abcd1234";
    static final String S3_KEY = "1234567/" + CLUSTER + "/20200609125740-1234567890abcdef1234567890abcdef";
    static final String CEPH_PATH = "archives/compressed/ab/" + CLUSTER + "/202006/09/125740.tar.gz";

    // ---- P-B64ID -------------------------------------------------------------------------------

    private static List<String> uploadWithIdentity(String identityJson) {
        String b64 = Base64.getEncoder().encodeToString(identityJson.getBytes(StandardCharsets.UTF_8));
        return violationsAfter(Contract.PLATFORM_UPLOAD_BUCKIT, UPLOAD, doc -> doc.put("b64_identity", b64));
    }

    @Test
    void identityWithUserAndUnknownKeysIsValidBecauseRootAndIdentityAreOpen() {
        assertThat(uploadWithIdentity("""
                {"identity": {"account_number": "1234567", "auth_type": "basic-auth",
                              "internal": {"auth_time": 1400, "org_id": "1234567"}, "type": "User",
                              "user": {"email": "foo@bar.com", "is_active": true}},
                 "entitlements": {"insights": {"is_entitled": true, "is_trial": false}},
                 "something_new": 1}""")).isEmpty();
    }

    @Test
    void identityViolationsAreReportedUnderB64Identity() {
        List<String> violations = uploadWithIdentity("""
                {"identity": {"account_number": 1234567,
                              "internal": {"auth_time": 1.5, "extra": 1},
                              "system": {"cn": "a259dd72-563a-17d-8e6e4-ca5f63e45824", "cert_type": "system"}}}""");
        assertThat(violations).containsExactlyInAnyOrder(
                "$.b64_identity: decoded identity: $.identity.account_number: integer found, string expected (was 1234567)",
                "$.b64_identity: decoded identity: $.identity.internal: property 'extra' is not defined in the schema and the schema does not allow additional properties",
                "$.b64_identity: decoded identity: $.identity.internal: required property 'org_id' not found",
                "$.b64_identity: decoded identity: $.identity.internal.auth_time: number with a fraction or exponent found, integer expected (was 1.5)",
                "$.b64_identity: decoded identity: $.identity.system.cn: must be a UUID in canonical 8-4-4-4-12 form (P-UUID) (was \"a259dd72-563a-17d-8e6e4-ca5f63e45824\")");
    }

    @Test
    void identityThatIsJsonNullIsInvalid() {
        assertThat(uploadWithIdentity("null")).containsExactly("$.b64_identity: decoded identity is JSON null (P-B64ID)");
    }

    @Test
    void identityMissingIsInvalid() {
        assertThat(uploadWithIdentity("{\"entitlements\": {}}"))
                .containsExactly("$.b64_identity: decoded identity: $: required property 'identity' not found");
    }

    @Test
    void identityBytesThatAreNotUtf8AreInvalid() {
        String b64 = Base64.getEncoder().encodeToString(new byte[]{'{', (byte) 0xC3, (byte) 0x28, '}'});
        assertThat(violationsAfter(Contract.PLATFORM_UPLOAD_BUCKIT, UPLOAD, doc -> doc.put("b64_identity", b64)))
                .containsExactly("$.b64_identity: decoded identity is not UTF-8 text (P-B64ID)");
    }

    @Test
    void base64WithBadLengthIsInvalidButStrayCharactersAreDropped() {
        String good = example(UPLOAD).path("b64_identity").textValue();
        // Python's b64decode ignores characters outside the alphabet, such as line breaks.
        String wrapped = good.substring(0, 76) + "\n" + good.substring(76);
        assertThat(violationsAfter(Contract.PLATFORM_UPLOAD_BUCKIT, UPLOAD, doc -> doc.put("b64_identity", wrapped))).isEmpty();
        String unpadded = good.substring(0, good.length() - 1);
        assertThat(violationsAfter(Contract.PLATFORM_UPLOAD_BUCKIT, UPLOAD, doc -> doc.put("b64_identity", unpadded)))
                .containsExactly("$.b64_identity: not base64 (incorrect padding) (P-B64ID)");
    }

    // ---- P-JSONSTR -----------------------------------------------------------------------------

    @ParameterizedTest(name = "Body {0}")
    @CsvSource(delimiter = '|', value = {
            "null | $.Messages[0].Body: JSON null, a JSON document was expected (P-JSONSTR)",
            "{\"Records\": [ | $.Messages[0].Body: not JSON",
            "'' | $.Messages[0].Body: not JSON: no content"})
    void sqsBodyMustBeJsonText(String body, String expected) {
        List<String> violations = violationsAfter(Contract.SQS_RECEIVE_RESPONSE, SQS,
                doc -> ((ObjectNode) doc.path("Messages").get(0)).put("Body", body));
        assertThat(violations).singleElement().asString().startsWith(expected);
    }

    // ---- archive-new / archive-synced ----------------------------------------------------------------

    private static ObjectNode archiveNew(String clusterId, String path) {
        return Json.mapper().createObjectNode().put("cluster_id", clusterId).put("path", path).put("sqs_message_id", 123);
    }

    @Test
    void archiveNewClusterIdIsTheKeysSecondSegment() {
        assertThat(VALIDATOR.violations(Contract.ARCHIVE_NEW, archiveNew(CLUSTER, S3_KEY))).isEmpty();
        // Same UUID in upper case is the same cluster.
        assertThat(VALIDATOR.violations(Contract.ARCHIVE_NEW, archiveNew(CLUSTER.toUpperCase(), S3_KEY))).isEmpty();
        String other = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
        assertThat(VALIDATOR.violations(Contract.ARCHIVE_NEW, archiveNew(other, S3_KEY)))
                .containsExactly("$.cluster_id: \"" + other + "\" differs from the cluster UUID \"" + CLUSTER + "\" in path");
    }

    private static ObjectNode archiveSynced(String path, String originalPath, String clusterId) {
        ObjectNode doc = Json.mapper().createObjectNode().put("path", path).put("original_path", originalPath);
        doc.putObject("metadata").put("cluster_id", clusterId).put("external_organization", "1234567");
        return doc;
    }

    @Test
    void archiveSyncedDocExampleIsValid() {
        assertThat(VALIDATOR.violations(Contract.ARCHIVE_SYNCED, archiveSynced(CEPH_PATH, S3_KEY, CLUSTER))).isEmpty();
    }

    @Test
    void archiveSyncedCephPrefixMustStartTheUuid() {
        String path = CEPH_PATH.replace("/ab/", "/aa/");
        assertThat(VALIDATOR.violations(Contract.ARCHIVE_SYNCED, archiveSynced(path, S3_KEY, CLUSTER)))
                .containsExactly("$.path: Ceph prefix \"aa\" is not the first two characters of the cluster UUID \"" + CLUSTER + "\"");
    }

    @Test
    void archiveSyncedUuidsMustAgree() {
        String other = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
        assertThat(VALIDATOR.violations(Contract.ARCHIVE_SYNCED, archiveSynced(CEPH_PATH, S3_KEY.replace(CLUSTER, other), CLUSTER)))
                .containsExactly("$.original_path: cluster UUID \"" + other + "\" differs from \"" + CLUSTER + "\" in path");
        assertThat(VALIDATOR.violations(Contract.ARCHIVE_SYNCED, archiveSynced(CEPH_PATH, S3_KEY, other)))
                .containsExactly("$.metadata.cluster_id: \"" + other + "\" differs from the cluster UUID \"" + CLUSTER + "\" in path");
    }

    @Test
    void archiveSyncedWithBrokenPathStillComparesMetadataWithOriginalPath() {
        String other = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
        assertThat(VALIDATOR.violations(Contract.ARCHIVE_SYNCED, archiveSynced("not/a/ceph/path", S3_KEY, other)))
                .hasSize(2)
                .anyMatch(v -> v.startsWith("$.path: must be a Ceph path"))
                .anyMatch(v -> v.equals("$.metadata.cluster_id: \"" + other + "\" differs from the cluster UUID \"" + CLUSTER + "\" in original_path"));
    }

    @Test
    void archiveSyncedLegacyFieldNamesAreNotTheContract() {
        ObjectNode doc = archiveSynced(CEPH_PATH, S3_KEY, CLUSTER);
        doc.set("target_path", doc.remove("path"));
        assertThat(VALIDATOR.violations(Contract.ARCHIVE_SYNCED, doc))
                .contains("$: required property 'path' not found");
    }

    // ---- rules-results / features -----------------------------------------------------------------------

    @Test
    void ruleIdKeyHalfMustEqualKeyAndErrorKey() {
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES, doc -> {
            ObjectNode hit = firstHit(doc);
            hit.put("key", "OTHER_ERROR");
            ((ObjectNode) hit.path("details")).put("error_key", "THIRD_ERROR");
        });
        assertThat(violations).containsExactly(
                "$.report.reports[0].key: \"OTHER_ERROR\" differs from the error key \"TUTORIAL_ERROR\" of rule_id \"tutorial_rule|TUTORIAL_ERROR\"",
                "$.report.reports[0].details.error_key: \"THIRD_ERROR\" differs from the error key \"TUTORIAL_ERROR\" of rule_id \"tutorial_rule|TUTORIAL_ERROR\"");
    }

    @Test
    void rulesMetadataClusterIdMustBeTheUuidInPath() {
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES,
                doc -> ((ObjectNode) doc.path("metadata")).put("cluster_id", CLUSTER));
        assertThat(violations).containsExactly("$.metadata.cluster_id: \"" + CLUSTER
                + "\" differs from the cluster UUID \"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\" in path");
    }

    @Test
    void featuresMetadataClusterIdMustBeTheUuidInPath() {
        List<String> violations = violationsAfter(Contract.FEATURES, FEATURES,
                doc -> ((ObjectNode) doc.path("metadata")).put("cluster_id", CLUSTER));
        assertThat(violations).containsExactly("$.metadata.cluster_id: \"" + CLUSTER
                + "\" differs from the cluster UUID \"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\" in path");
    }

    @Test
    void featureRowsMayUseAnotherClusterId() {
        // contract §12.2: one doc example has a row UUID different from metadata.cluster_id.
        assertThat(violationsAfter(Contract.FEATURES, FEATURES,
                doc -> PatternRulesTest.firstRow(doc).put("cluster_id", CLUSTER))).isEmpty();
    }

    @ParameterizedTest(name = "start {0} finish {1} valid={2}")
    @CsvSource({
            "2021-02-12T09:22:40.335867+00:00, 2021-02-12T09:22:41.434439+00:00, true",
            "2021-02-12T09:22:40.335867+00:00, 2021-02-12T09:22:40.335867+00:00, true",
            "2021-02-12T09:22:41.5+00:00, 2021-02-12T09:22:41.434439+00:00, false",
            "2021-02-13T00:00:00.0+00:00, 2021-02-12T23:59:59.999999+00:00, false"})
    void analysisCannotFinishBeforeItStarts(String start, String finish, boolean valid) {
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES,
                doc -> ((ObjectNode) doc.path("report").path("analysis_metadata")).put("start", start).put("finish", finish));
        if (valid) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).containsExactly(
                    "$.report.analysis_metadata.finish: \"" + finish + "\" is before start \"" + start + "\"");
        }
    }

    @Test
    void analysisTimesMustBeRealDates() {
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES,
                doc -> ((ObjectNode) doc.path("report").path("analysis_metadata")).put("finish", "2021-02-30T09:22:41.434439+00:00"));
        assertThat(violations).singleElement().asString()
                .startsWith("$.report.analysis_metadata.finish: \"2021-02-30T09:22:41.434439+00:00\" is not a real date and time");
    }
}

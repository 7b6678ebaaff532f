package contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import model.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rule at a time: a valid example is changed in exactly one place and the
 * violation must name that place (or the document must stay valid).
 */
class PatternRulesTest {

    private static final ContractValidator VALIDATOR = ContractValidator.shared();

    private static final String UPLOAD = "01_platform_upload_buckit/data_correct.json";
    private static final String SQS = "02_sqs_incoming/data_SQS_MESSAGES_RESPONSE.converted.json";
    private static final String RULES = "09_rules_results/test_fixture_valid_message.converted.json";
    private static final String FEATURES = "09_features/test_fixture_valid_message.converted.json";

    static ObjectNode example(String file) {
        try {
            return (ObjectNode) Json.mapper().readTree(ExampleOutcomesTest.read(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> violationsAfter(Contract contract, String file, Consumer<ObjectNode> change) {
        ObjectNode doc = example(file);
        change.accept(doc);
        return VALIDATOR.violations(contract, doc);
    }

    static ObjectNode firstHit(ObjectNode rules) {
        return (ObjectNode) rules.path("report").path("reports").get(0);
    }

    static ObjectNode firstRow(ObjectNode features) {
        return (ObjectNode) features.path("report").get(0).path("data").get(0);
    }

    // ---- P-UUID ---------------------------------------------------------------------------

    @ParameterizedTest(name = "P-UUID \"{0}\" valid={1}")
    @CsvSource(delimiter = '|', value = {
            "aaeb60670-75fd-5378-a1d3-5129fc68d330 | false",
            "aeb60670-75fd-5378-a1d3-5129fc68d330 | true",
            "AEB60670-75FD-5378-A1D3-5129FC68D330 | true",
            "84f68448-82ed-521d-98a2-d3110aff12a1 | true",
            "aeb6067075fd5378a1d35129fc68d330 | false",
            "{aeb60670-75fd-5378-a1d3-5129fc68d330} | false",
            "urn:uuid:aeb60670-75fd-5378-a1d3-5129fc68d330 | false",
            "aeb60670-75fd-5378-a1d3-5129fc68d33 | false",
            "geb60670-75fd-5378-a1d3-5129fc68d330 | false"})
    void uuid(String uuid, boolean valid) {
        List<String> violations = violationsAfter(Contract.SQS_RECEIVE_RESPONSE, SQS,
                doc -> ((ObjectNode) doc.path("ResponseMetadata")).put("RequestId", uuid));
        assertValidOrNamed(violations, valid, "$.ResponseMetadata.RequestId: must be a UUID");
    }

    @Test
    void uuidFollowedByALineBreakIsNotAUuid() {
        // java.util.regex "$" would accept this; the ECMA meaning of "$" must not.
        List<String> violations = violationsAfter(Contract.SQS_RECEIVE_RESPONSE, SQS,
                doc -> ((ObjectNode) doc.path("ResponseMetadata"))
                        .put("RequestId", "aeb60670-75fd-5378-a1d3-5129fc68d330\n"));
        assertThat(violations).anyMatch(v -> v.startsWith("$.ResponseMetadata.RequestId: must be a UUID"));
    }

    // ---- key casing and closed objects ----------------------------------------------------

    @Test
    void capitalisedReportIsAnUnknownKey() {
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES,
                doc -> doc.set("Report", doc.remove("report")));
        assertThat(violations)
                .anyMatch(v -> v.equals("$: property 'Report' is not defined in the schema and the schema does not allow additional properties"))
                .anyMatch(v -> v.equals("$: required property 'report' not found"));
    }

    @ParameterizedTest(name = "extra key in {0}")
    @ValueSource(strings = {"$", "$.metadata", "$.report", "$.report.reports[0]", "$.report.skips[0]",
            "$.report.analysis_metadata", "$.report.analysis_metadata.plugin_sets",
            "$.report.analysis_metadata.plugin_sets['insights-core']"})
    void closedRulesObjectsRejectAnExtraKey(String where) {
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES,
                doc -> ((ObjectNode) at(doc, where)).put("unexpected", "x"));
        assertThat(violations).contains(where + ": property 'unexpected' is not defined in the schema and the schema does not allow additional properties");
    }

    @ParameterizedTest(name = "open object {0} accepts an extra key")
    @ValueSource(strings = {"$.report.system", "$.report.reports[0].details"})
    void openRulesObjectsAcceptAnExtraKey(String where) {
        assertThat(violationsAfter(Contract.RULES_RESULTS, RULES,
                doc -> ((ObjectNode) at(doc, where)).put("unexpected", "x"))).isEmpty();
    }

    /** Resolves the small JSON paths used in these tests. */
    private static JsonNode at(JsonNode doc, String path) {
        JsonNode node = doc;
        for (String step : path.substring(1).split("(?=[.\\[])")) {
            if (step.isEmpty()) {
                continue;
            }
            if (step.startsWith("['")) {
                node = node.path(step.substring(2, step.length() - 2));
            } else if (step.startsWith("[")) {
                node = node.path(Integer.parseInt(step.substring(1, step.length() - 1)));
            } else {
                node = node.path(step.substring(1));
            }
        }
        assertThat(node.isObject()).as("%s is an object", path).isTrue();
        return node;
    }

    // ---- P-KEY, P-RULEID, P-FQDN ----------------------------------------------------------

    @ParameterizedTest(name = "P-KEY \"{0}\" valid={1}")
    @CsvSource({"MISSING_REQUIREMENTS, true", "A1_B2_C3, true", "ERROR, false", "missing_requirements, false",
            "MISSING__REQUIREMENTS, false", "_MISSING, false", "MISSING-REQUIREMENTS, false"})
    void errorKey(String key, boolean valid) {
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES,
                doc -> ((ObjectNode) doc.path("report").path("skips").get(0)).put("reason", key));
        assertValidOrNamed(violations, valid, "$.report.skips[0].reason: must be an upper-case key");
    }

    @Test
    void hitKeyWithoutUnderscoreFails() {
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES, doc -> firstHit(doc).put("key", "ERROR"));
        assertThat(violations).anyMatch(v -> v.startsWith("$.report.reports[0].key: must be an upper-case key with at least one underscore"));
    }

    @ParameterizedTest(name = "P-RULEID \"{0}\" valid={1}")
    @CsvSource(delimiter = ';', value = {
            "tutorial_rule|TUTORIAL_ERROR; true",
            "pods_check|POD_ISSUE; true",
            "nodes_requirements_check|NODES_MINIMUM_REQUIREMENTS_NOT_MET; true",
            "foo|BAR_BAZ; false",
            "foo_bar|BAR; false",
            "Foo_Bar|X_Y; false",
            "tutorial_rule TUTORIAL_ERROR; false"})
    void ruleId(String ruleId, boolean valid) {
        String keyHalf = ruleId.substring(ruleId.indexOf('|') + 1);
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES, doc -> {
            ObjectNode hit = firstHit(doc);
            hit.put("rule_id", ruleId);
            if (valid) { // keep the key cross-check quiet so only the pattern is under test
                hit.put("key", keyHalf);
                ((ObjectNode) hit.path("details")).put("error_key", keyHalf);
            }
        });
        assertValidOrNamed(violations, valid, "$.report.reports[0].rule_id: must be <rule_module>|<ERROR_KEY>");
    }

    @ParameterizedTest(name = "P-FQDN \"{0}\" valid={1}")
    @CsvSource({"ccx_rules_ocp.external.tutorial_rule.report, true", "a.b, true", "report, false",
            "ccx_rules_ocp.external.Report, false", "ccx_rules_ocp..report, false"})
    void fqdn(String component, boolean valid) {
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES, doc -> firstHit(doc).put("component", component));
        assertValidOrNamed(violations, valid, "$.report.reports[0].component: must be a dotted rule path");
    }

    // ---- timestamps -------------------------------------------------------------------------

    @ParameterizedTest(name = "P-TS-NANO \"{0}\" valid={1}")
    @CsvSource({
            "2020-12-09T16:17:42.822020204Z, true",
            "2020-12-09T16:17:42.822, true",
            "2020-12-09T16:17:42.822020, true",
            "2020-12-09T16:17:42.822020Z, true",
            "2020-12-09T16:17:42.8, true",
            "2020-12-09T16:17:42.822Z, false",
            "2020-12-09T16:17:42Z, false",
            "2020-12-09T16:17:42, false",
            "2020-12-09 16:17:42.822020204Z, false",
            "2020-13-09T16:17:42.822, false"})
    void timestampNano(String timestamp, boolean valid) {
        List<String> violations = violationsAfter(Contract.PLATFORM_UPLOAD_BUCKIT, UPLOAD, doc -> doc.put("timestamp", timestamp));
        assertValidOrNamed(violations, valid, "$.timestamp: must be a timestamp YYYY-MM-DDTHH:MM:SS.ffffff");
    }

    @ParameterizedTest(name = "calendar: \"{0}\"")
    @ValueSource(strings = {"2021-02-29T16:17:42.822", "2020-04-31T16:17:42.822", "0000-01-01T00:00:00.000000Z"})
    void timestampMustBeARealDate(String timestamp) {
        List<String> violations = violationsAfter(Contract.PLATFORM_UPLOAD_BUCKIT, UPLOAD, doc -> doc.put("timestamp", timestamp));
        assertThat(violations).singleElement().asString().startsWith("$.timestamp: \"" + timestamp + "\" is not a real date and time");
    }

    @ParameterizedTest(name = "P-TS-Z \"{0}\" valid={1}")
    @CsvSource({"0001-01-01T00:00:00Z, true", "2022-03-02T11:50:15Z, true", "2022-03-02T11:50:15.1Z, false",
            "2022-03-02T11:50:15, false", "2022-03-02T24:00:00Z, false"})
    void timestampZ(String timestamp, boolean valid) {
        List<String> violations = violationsAfter(Contract.PLATFORM_UPLOAD_BUCKIT, UPLOAD,
                doc -> ((ObjectNode) doc.path("metadata")).put("stale_timestamp", timestamp));
        assertValidOrNamed(violations, valid, "$.metadata.stale_timestamp: must be a timestamp YYYY-MM-DDTHH:MM:SSZ");
    }

    @ParameterizedTest(name = "P-TS-OFFSET \"{0}\" valid={1}")
    @CsvSource({"2021-02-12T09:22:40.3+00:00, true", "2021-02-12T09:22:40.335867+00:00, true",
            "2021-02-12T09:22:40+00:00, false", "2021-02-12T09:22:40.335867Z, false",
            "2021-02-12T09:22:40.335867+01:00, false", "2021-02-12T09:22:40.3358671+00:00, false"})
    void timestampOffset(String timestamp, boolean valid) {
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES,
                doc -> ((ObjectNode) doc.path("report").path("analysis_metadata")).put("start", timestamp));
        assertValidOrNamed(violations, valid, "$.report.analysis_metadata.start: must be a timestamp YYYY-MM-DDTHH:MM:SS.ffffff+00:00");
    }

    @ParameterizedTest(name = "P-TS-NAIVE \"{0}\" valid={1}")
    @CsvSource({"2021-01-20T01:03:27, true", "2021-01-20T01:03:27Z, false", "2021-01-20T01:03:27.5, false",
            "2021-01-20 01:03:27, false"})
    void timestampNaive(String timestamp, boolean valid) {
        List<String> violations = violationsAfter(Contract.FEATURES, FEATURES, doc -> firstRow(doc).put("last_transition_time", timestamp));
        assertValidOrNamed(violations, valid, "$.report[0].data[0].last_transition_time: must be a timestamp YYYY-MM-DDTHH:MM:SS");
    }

    // ---- integers and number-like strings ----------------------------------------------------

    @ParameterizedTest(name = "size {0} valid={1}")
    @CsvSource(delimiter = ';', value = {"1; true", "123456; true", "99999999999; true", "1.0; false",
            "123456.0; false", "1e3; false", "true; false", "\"123\"; false", "0; false", "-5; false", "null; false"})
    void positiveInteger(String json, boolean valid) {
        List<String> violations = violationsAfter(Contract.PLATFORM_UPLOAD_BUCKIT, UPLOAD, doc -> {
            try {
                doc.set("size", Json.mapper().readTree(json));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertValidOrNamed(violations, valid, "$.size: ");
    }

    @Test
    void floatIsNotAnIntegerEvenWhenWhole() {
        List<String> violations = VALIDATOR.violations(Contract.ARCHIVE_NEW, """
                {"cluster_id": "abcd1234-1234-abcd-5678-1234abcd1234",
                 "path": "1234567/abcd1234-1234-abcd-5678-1234abcd1234/20200609125740-1234567890abcdef1234567890abcdef",
                 "sqs_message_id": 123.0}""");
        assertThat(violations).containsExactly(
                "$.sqs_message_id: number with a fraction or exponent found, integer expected (was 123.0)");
    }

    @ParameterizedTest(name = "P-INTSTR account \"{0}\" valid={1}")
    @CsvSource(delimiter = ';', value = {"\"12345678\"; true", "\"-5\"; true", "\"+7\"; true", "\"0\"; true",
            "12345678; false", "\"12a\"; false", "\"\"; false", "\" 12\"; false", "\"1_000\"; false"})
    void integerString(String json, boolean valid) {
        List<String> violations = violationsAfter(Contract.PLATFORM_UPLOAD_BUCKIT, UPLOAD, doc -> {
            try {
                doc.set("account", Json.mapper().readTree(json));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertValidOrNamed(violations, valid, "$.account: ");
    }

    @ParameterizedTest(name = "P-POSINTSTR external_organization \"{0}\" valid={1}")
    @CsvSource({"1234567890, true", "1, true", "007, true", "0, false", "000, false", "-1, false", "1.0, false", "abc, false"})
    void positiveIntegerString(String organization, boolean valid) {
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES,
                doc -> ((ObjectNode) doc.path("metadata")).put("external_organization", organization));
        assertValidOrNamed(violations, valid, "$.metadata.external_organization: must be a string of decimal digits with a value > 0");
    }

    @ParameterizedTest(name = "P-POSFLOATSTR schema.version \"{0}\" valid={1}")
    @CsvSource({"1.0, true", "2, true", "0.5, true", ".5, true", "1e2, true", "0, false", "0.0, false",
            "-1.0, false", "abc, false", "NaN, false", "inf, false", "1e-999, false", "'', false"})
    void positiveFloatString(String version, boolean valid) {
        List<String> violations = violationsAfter(Contract.FEATURES, FEATURES,
                doc -> ((ObjectNode) doc.path("report").get(0).path("schema")).put("version", version));
        assertValidOrNamed(violations, valid, "$.report[0].schema.version: ");
    }

    @ParameterizedTest(name = "P-HEX32 request_id \"{0}\" valid={1}")
    @CsvSource({"1234567890abcdef1234567890abcdef, true", "1234567890ABCDEF1234567890ABCDEF, true",
            "1234567890abcdef1234567890abcde, false", "1234567890abcdef1234567890abcdeg, false"})
    void hex32(String requestId, boolean valid) {
        List<String> violations = violationsAfter(Contract.PLATFORM_UPLOAD_BUCKIT, UPLOAD, doc -> doc.put("request_id", requestId));
        assertValidOrNamed(violations, valid, "$.request_id: must be exactly 32 hex digits");
    }

    @ParameterizedTest(name = "P-MD5 \"{0}\" valid={1}")
    @CsvSource({"905bbf7ea802c6043fbc0e81cafe7e5f, true", "905BBF7EA802C6043FBC0E81CAFE7E5F, false",
            "905bbf7ea802c6043fbc0e81cafe7e5, false"})
    void md5(String md5, boolean valid) {
        List<String> violations = violationsAfter(Contract.SQS_RECEIVE_RESPONSE, SQS,
                doc -> ((ObjectNode) doc.path("Messages").get(0)).put("MD5OfBody", md5));
        assertValidOrNamed(violations, valid, "$.Messages[0].MD5OfBody: must be 32 lowercase hex digits");
    }

    // ---- P-AWSURL -----------------------------------------------------------------------------

    @ParameterizedTest(name = "P-AWSURL {0} valid={1}")
    @CsvSource(delimiter = ' ', value = {
            "https://hostname.s3.amazonaws.com/first-part?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=c&X-Amz-Date=d true",
            "https://s3.us-east-1.amazonaws.com/bucket/a/b-c?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=c true",
            "http://minio:9000/insights-upload-perma/quay.io/abc-123?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=c true",
            "https://hostname.s3.amazonaws.com/first-part?X-Amz-Algorithm=algorithm&X-Amz-Credential=c false",
            "https://hostname.s3.amazonaws.com/first-part?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a/b false",
            "https://hostname.s3.amazonaws.com/first-part?X-Amz-Credential=c&X-Amz-Algorithm=AWS4-HMAC-SHA256 false",
            "http://hostname.s3.amazonaws.com/first-part?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=c false",
            "https://example.com/first-part?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=c false"})
    void presignedUrl(String url, boolean valid) {
        List<String> violations = violationsAfter(Contract.PLATFORM_UPLOAD_BUCKIT, UPLOAD, doc -> doc.put("url", url));
        assertValidOrNamed(violations, valid, "$.url: must be a presigned S3 URL");
    }

    // ---- P-CEPH and S3Key -----------------------------------------------------------------------

    @ParameterizedTest(name = "P-CEPH {0} valid={1}")
    @CsvSource({
            "archives/compressed/aa/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/031044.tar.gz, true",
            "archives/compressed/AA/AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE/202101/20/031044.tar.gz, false",
            "archives/compressed/1234567/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/031044.tar.gz, false",
            "archives/compressed/aa/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/2021/01/20/031044.tar.gz, false",
            "archives/compressed/aa/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/031044.tgz, false",
            "/archives/compressed/aa/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/031044.tar.gz, false"})
    void cephPath(String path, boolean valid) {
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES, doc -> doc.put("path", path));
        assertValidOrNamed(violations, valid, "$.path: must be a Ceph path");
    }

    @ParameterizedTest(name = "S3Key {0} valid={1}")
    @CsvSource({
            "1234567/abcd1234-1234-abcd-5678-1234abcd1234/20200609125740-1234567890abcdef1234567890abcdef, true",
            "1234567/abcd1234-1234-abcd-5678-1234abcd1234/20200609125740-1234567890ABCDEF1234567890ABCDEF, false",
            "1234567/abcd1234-1234-abcd-5678-1234abcd1234/2020060912574-1234567890abcdef1234567890abcdef, false",
            "org/abcd1234-1234-abcd-5678-1234abcd1234/20200609125740-1234567890abcdef1234567890abcdef, false",
            "1234567/abcd1234-1234-abcd-5678-1234abcd1234/20200609125740-1234567890abcdef1234567890abcdef.tar.gz, false"})
    void s3Key(String key, boolean valid) {
        List<String> violations = VALIDATOR.violations(Contract.ARCHIVE_NEW,
                Json.mapper().createObjectNode()
                        .put("cluster_id", "abcd1234-1234-abcd-5678-1234abcd1234")
                        .put("path", key)
                        .put("sqs_message_id", 123));
        assertValidOrNamed(violations, valid, "$.path: must be an S3 key");
    }

    // ---- rules-results specifics ------------------------------------------------------------------

    @Test
    void fingerprintsMustBeEmptyObjects() {
        assertThat(violationsAfter(Contract.RULES_RESULTS, RULES,
                doc -> ((ObjectNode) doc.path("report")).putArray("fingerprints").addObject())).isEmpty();
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES,
                doc -> ((ObjectNode) doc.path("report")).putArray("fingerprints").addObject().put("hash", "x"));
        assertThat(violations).singleElement().asString().startsWith("$.report.fingerprints[0]: ");
    }

    @ParameterizedTest(name = "hostname {0} valid={1}")
    @CsvSource(delimiter = ';', value = {"null; true", "\"node-1\"; true", "5; false", "{}; false"})
    void hostnameIsAStringOrNull(String json, boolean valid) throws IOException {
        JsonNode hostname = Json.mapper().readTree(json);
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES,
                doc -> ((ObjectNode) doc.path("report").path("system")).set("hostname", hostname));
        assertValidOrNamed(violations, valid, "$.report.system.hostname: ");
    }

    @Test
    void hostnameAndCommitAreRequiredEvenThoughNullable() {
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES, doc -> {
            ((ObjectNode) doc.path("report").path("system")).remove("hostname");
            ((ObjectNode) doc.path("report").path("analysis_metadata").path("plugin_sets").path("ccx_ocp_core")).remove("commit");
        });
        assertThat(violations).containsExactlyInAnyOrder(
                "$.report.system: required property 'hostname' not found",
                "$.report.analysis_metadata.plugin_sets.ccx_ocp_core: required property 'commit' not found");
    }

    @Test
    void hitTypeIsTheLiteralRule() {
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES, doc -> firstHit(doc).put("type", "skip"));
        assertThat(violations).singleElement().asString().startsWith("$.report.reports[0].type: must be the constant value 'rule'");
    }

    @Test
    void typedOptionalDetailsAreChecked() {
        List<String> violations = violationsAfter(Contract.RULES_RESULTS, RULES, doc -> {
            ObjectNode details = (ObjectNode) firstHit(doc).path("details");
            details.put("kcs", 42);
            details.putArray("nodes").add("node-1");
        });
        assertThat(violations).hasSize(2)
                .anyMatch(v -> v.startsWith("$.report.reports[0].details.kcs: integer found, string expected"))
                .anyMatch(v -> v.startsWith("$.report.reports[0].details.nodes[0]: string found, object expected"));
    }

    // ---- features specifics ---------------------------------------------------------------------

    @Test
    void rowLastTransitionTimeMayNotBeNull() {
        List<String> violations = violationsAfter(Contract.FEATURES, FEATURES, doc -> firstRow(doc).putNull("last_transition_time"));
        assertThat(violations).singleElement().asString()
                .startsWith("$.report[0].data[0].last_transition_time: null found, string expected");
    }

    @ParameterizedTest(name = "row value {0} valid={1}")
    @CsvSource(delimiter = ';', value = {"1; true", "1.5; true", "1.0; true", "\"high\"; true", "null; false",
            "true; false", "[1]; false"})
    void rowValueIsANumberOrString(String json, boolean valid) throws IOException {
        JsonNode value = Json.mapper().readTree(json);
        List<String> violations = violationsAfter(Contract.FEATURES, FEATURES, doc -> firstRow(doc).set("value", value));
        assertValidOrNamed(violations, valid, "$.report[0].data[0].value: ");
    }

    @Test
    void rowsAreOpenButNeedAClusterId() {
        assertThat(violationsAfter(Contract.FEATURES, FEATURES, doc -> firstRow(doc).putNull("anything"))).isEmpty();
        assertThat(violationsAfter(Contract.FEATURES, FEATURES, doc -> firstRow(doc).remove("cluster_id")))
                .containsExactly("$.report[0].data[0]: required property 'cluster_id' not found");
    }

    // ---- SQS envelope --------------------------------------------------------------------------------

    @Test
    void sqsHeadersAreClosedAndTyped() {
        List<String> violations = violationsAfter(Contract.SQS_RECEIVE_RESPONSE, SQS, doc -> {
            ObjectNode headers = (ObjectNode) doc.path("ResponseMetadata").path("HTTPHeaders");
            headers.put("content-type", "application/json");
            headers.put("content-length", "0");
            headers.put("x-amz-extra", "1");
        });
        assertThat(violations).hasSize(3)
                .anyMatch(v -> v.startsWith("$.ResponseMetadata.HTTPHeaders['content-type']: must be the constant value 'text/xml'"))
                .anyMatch(v -> v.startsWith("$.ResponseMetadata.HTTPHeaders['content-length']: must be a string of decimal digits with a value > 0"))
                .anyMatch(v -> v.startsWith("$.ResponseMetadata.HTTPHeaders: property 'x-amz-extra' is not defined"));
    }

    @Test
    void retryAttemptsMayBeZeroButStatusCodeMayNot() {
        List<String> violations = violationsAfter(Contract.SQS_RECEIVE_RESPONSE, SQS, doc -> {
            ObjectNode metadata = (ObjectNode) doc.path("ResponseMetadata");
            metadata.put("RetryAttempts", 0);
            metadata.put("HTTPStatusCode", 0);
        });
        assertThat(violations).singleElement().asString().startsWith("$.ResponseMetadata.HTTPStatusCode: must have a minimum value of 1");
    }

    // ---------------------------------------------------------------------------------------------------

    private static void assertValidOrNamed(List<String> violations, boolean valid, String expectedStart) {
        if (valid) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).anyMatch(v -> v.startsWith(expectedStart));
        }
    }
}

package contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract rules a JSON Schema cannot express, run after the schema:
 * <ul>
 *   <li>P-B64ID: {@code b64_identity} decodes to a valid identity document;</li>
 *   <li>P-JSONSTR: every SQS {@code Body} is JSON text that is not null;</li>
 *   <li>timestamps name a real calendar date (the reference parses them);</li>
 *   <li>the consistency rules VALIDATION lists as "not checked" and recommends
 *       (§12.1, §6, §10): one cluster UUID per message, Ceph prefix = UUID's
 *       first two characters, rule_id key half = key = details.error_key,
 *       analysis start &lt;= finish.</li>
 * </ul>
 * Each check tolerates a malformed document (the schema already reports that)
 * and only adds what the schema could not see.
 */
final class CrossChecks {

    /** P-CEPH with groups: 1 = two-character prefix, 2 = cluster UUID. */
    private static final Pattern CEPH_PATH = storage.CephPath.CONTRACT_FORM;
    private static final Pattern TIMESTAMP_START = Pattern.compile(
            "([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})");
    private static final Pattern NOT_BASE64_ALPHABET = Pattern.compile("[^A-Za-z0-9+/=]");

    private final ContractValidator validator;

    CrossChecks(ContractValidator validator) {
        this.validator = validator;
    }

    List<String> check(Contract contract, JsonNode doc) {
        List<String> out = new ArrayList<>();
        switch (contract) {
            case PLATFORM_UPLOAD_BUCKIT -> {
                identity(doc.path("b64_identity"), out);
                calendar("$.timestamp", doc.path("timestamp"), out);
                calendar("$.metadata.stale_timestamp", doc.path("metadata").path("stale_timestamp"), out);
            }
            case SQS_RECEIVE_RESPONSE -> sqsBodies(doc.path("Messages"), out);
            case ARCHIVE_NEW -> archiveNew(doc, out);
            case ARCHIVE_SYNCED -> archiveSynced(doc, out);
            case RULES_RESULTS -> {
                cephPathAgainstMetadata(doc, out);
                ruleKeys(doc.path("report").path("reports"), out);
                analysisTimes(doc.path("report").path("analysis_metadata"), out);
            }
            case FEATURES -> {
                cephPathAgainstMetadata(doc, out);
                features(doc.path("report"), out);
            }
            case UPLOAD_IDENTITY, S3_EVENT_NOTIFICATION -> {
                // nothing beyond the schema
            }
        }
        return out;
    }

    /** P-B64ID: base64 → UTF-8 → JSON → upload-identity schema, as the reference decodes it. */
    private void identity(JsonNode b64, List<String> out) {
        if (!b64.isTextual()) {
            return; // missing or not a string: the schema says so
        }
        String where = "$.b64_identity";
        // Like Python's b64decode: characters outside the alphabet are dropped, bad padding fails.
        String cleaned = NOT_BASE64_ALPHABET.matcher(b64.textValue()).replaceAll("");
        byte[] bytes;
        try {
            if (cleaned.length() % 4 != 0) {
                throw new IllegalArgumentException("incorrect padding");
            }
            bytes = Base64.getDecoder().decode(cleaned);
        } catch (IllegalArgumentException e) {
            out.add(where + ": not base64 (" + e.getMessage() + ") (P-B64ID)");
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            out.add(where + ": decoded identity is not UTF-8 text (P-B64ID)");
            return;
        }
        JsonNode identity;
        try {
            identity = ContractValidator.parse(text);
        } catch (ContractValidator.NotJson e) {
            out.add(where + ": decoded identity is " + e.getMessage() + " (P-B64ID)");
            return;
        }
        if (identity.isNull()) {
            out.add(where + ": decoded identity is JSON null (P-B64ID)");
            return;
        }
        for (String violation : validator.schemaViolations(Contract.UPLOAD_IDENTITY, identity)) {
            out.add(where + ": decoded identity: " + violation);
        }
    }

    /** P-JSONSTR on every Messages[].Body. */
    private static void sqsBodies(JsonNode messages, List<String> out) {
        for (int i = 0; i < messages.size(); i++) {
            JsonNode body = messages.path(i).path("Body");
            if (!body.isTextual()) {
                continue;
            }
            String where = "$.Messages[" + i + "].Body";
            try {
                if (ContractValidator.parse(body.textValue()).isNull()) {
                    out.add(where + ": JSON null, a JSON document was expected (P-JSONSTR)");
                }
            } catch (ContractValidator.NotJson e) {
                out.add(where + ": " + e.getMessage() + " (P-JSONSTR)");
            }
        }
    }

    /** contract §6: cluster_id is the second segment of the S3 key. */
    private static void archiveNew(JsonNode doc, List<String> out) {
        String clusterId = text(doc.path("cluster_id"));
        String keyUuid = s3KeyUuid(text(doc.path("path")));
        if (clusterId != null && keyUuid != null && !sameUuid(clusterId, keyUuid)) {
            out.add("$.cluster_id: " + quote(clusterId) + " differs from the cluster UUID "
                    + quote(keyUuid) + " in path");
        }
    }

    /** contract §10: one cluster UUID in path, original_path and metadata; Ceph prefix from it. */
    private static void archiveSynced(JsonNode doc, List<String> out) {
        String cephUuid = cephPathAgainstMetadata(doc, out);
        String keyUuid = s3KeyUuid(text(doc.path("original_path")));
        if (keyUuid == null) {
            return;
        }
        if (cephUuid != null) {
            if (!sameUuid(cephUuid, keyUuid)) {
                out.add("$.original_path: cluster UUID " + quote(keyUuid) + " differs from "
                        + quote(cephUuid) + " in path");
            }
        } else {
            // path is broken (the schema reports it); still compare what we can.
            String clusterId = text(doc.path("metadata").path("cluster_id"));
            if (clusterId != null && !sameUuid(clusterId, keyUuid)) {
                out.add("$.metadata.cluster_id: " + quote(clusterId) + " differs from the cluster UUID "
                        + quote(keyUuid) + " in original_path");
            }
        }
    }

    /**
     * For messages with a Ceph {@code path} and {@code metadata.cluster_id}: the UUIDs agree and
     * the two-character prefix is the UUID's start. Returns the UUID in path, or null if path is malformed.
     */
    private static String cephPathAgainstMetadata(JsonNode doc, List<String> out) {
        String path = text(doc.path("path"));
        Matcher ceph = path == null ? null : CEPH_PATH.matcher(path);
        if (ceph == null || !ceph.matches()) {
            return null;
        }
        String prefix = ceph.group(1);
        String uuid = ceph.group(2);
        if (!uuid.startsWith(prefix)) {
            out.add("$.path: Ceph prefix " + quote(prefix) + " is not the first two characters of the cluster UUID "
                    + quote(uuid));
        }
        String clusterId = text(doc.path("metadata").path("cluster_id"));
        if (clusterId != null && !sameUuid(clusterId, uuid)) {
            out.add("$.metadata.cluster_id: " + quote(clusterId) + " differs from the cluster UUID "
                    + quote(uuid) + " in path");
        }
        return uuid;
    }

    /** contract §12.1: the ERROR_KEY half of rule_id is the hit's key and details.error_key. */
    private static void ruleKeys(JsonNode reports, List<String> out) {
        for (int i = 0; i < reports.size(); i++) {
            JsonNode hit = reports.path(i);
            String ruleId = text(hit.path("rule_id"));
            if (ruleId == null || ruleId.indexOf('|') < 0) {
                continue;
            }
            String keyHalf = ruleId.substring(ruleId.indexOf('|') + 1);
            String where = "$.report.reports[" + i + "]";
            String key = text(hit.path("key"));
            if (key != null && !key.equals(keyHalf)) {
                out.add(where + ".key: " + quote(key) + " differs from the error key " + quote(keyHalf)
                        + " of rule_id " + quote(ruleId));
            }
            String errorKey = text(hit.path("details").path("error_key"));
            if (errorKey != null && !errorKey.equals(keyHalf)) {
                out.add(where + ".details.error_key: " + quote(errorKey) + " differs from the error key "
                        + quote(keyHalf) + " of rule_id " + quote(ruleId));
            }
        }
    }

    /** Real dates, and the run cannot finish before it started. */
    private static void analysisTimes(JsonNode analysis, List<String> out) {
        String where = "$.report.analysis_metadata";
        boolean realDates = calendar(where + ".start", analysis.path("start"), out)
                & calendar(where + ".finish", analysis.path("finish"), out);
        String start = text(analysis.path("start"));
        String finish = text(analysis.path("finish"));
        if (!realDates || start == null || finish == null) {
            return;
        }
        try {
            if (OffsetDateTime.parse(start).isAfter(OffsetDateTime.parse(finish))) {
                out.add(where + ".finish: " + quote(finish) + " is before start " + quote(start));
            }
        } catch (DateTimeParseException e) {
            // not TS-OFFSET: the schema reports the format
        }
    }

    /** P-POSFLOATSTR beyond the pattern (no underflow to 0, no overflow) and real row dates. */
    private static void features(JsonNode report, List<String> out) {
        for (int i = 0; i < report.size(); i++) {
            JsonNode result = report.path(i);
            String version = text(result.path("schema").path("version"));
            if (version != null) {
                try {
                    double value = Double.parseDouble(version);
                    if (!(value > 0) || Double.isInfinite(value)) {
                        out.add("$.report[" + i + "].schema.version: " + quote(version)
                                + " is not a finite number > 0 (P-POSFLOATSTR)");
                    }
                } catch (NumberFormatException e) {
                    // not a number at all: the schema pattern reports it
                }
            }
            JsonNode data = result.path("data");
            for (int j = 0; j < data.size(); j++) {
                calendar("$.report[" + i + "].data[" + j + "].last_transition_time",
                        data.path(j).path("last_transition_time"), out);
            }
        }
    }

    /**
     * The reference parses timestamps, so "2021-02-30T..." or year 0000 fail there even though
     * they fit the pattern. Returns false if a violation was added.
     */
    private static boolean calendar(String where, JsonNode value, List<String> out) {
        String text = text(value);
        Matcher m = text == null ? null : TIMESTAMP_START.matcher(text);
        if (m == null || !m.lookingAt()) {
            return true; // absent or wrong shape: the schema reports it
        }
        try {
            int year = Integer.parseInt(m.group(1));
            if (year < 1) {
                throw new DateTimeException("year 0000 does not exist");
            }
            LocalDateTime.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
            return true;
        } catch (DateTimeException e) {
            out.add(where + ": " + quote(text) + " is not a real date and time (" + e.getMessage() + ")");
            return false;
        }
    }

    /** Second segment of an S3 key with at least three segments, else null. */
    private static String s3KeyUuid(String key) {
        if (key == null) {
            return null;
        }
        String[] segments = key.split("/", -1);
        return segments.length >= 3 ? segments[1] : null;
    }

    /** UUIDs name the same 128-bit value whatever the hex case. */
    private static boolean sameUuid(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : null;
    }

    private static String quote(String text) {
        return "\"" + ContractValidator.abbreviate(text) + "\"";
    }
}

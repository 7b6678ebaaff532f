package parquet;

import contract.Contract;
import contract.ContractValidator;
import features.FeatureExtractor;
import model.ArchiveMetadata;
import model.FeaturesMessage;
import model.FeaturesMessage.FeatureMetadata;
import model.FeaturesMessage.FeatureResult;
import model.Json;
import model.RulesReport;
import model.RulesReport.ReportHit;
import model.RulesResults;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds contract-valid input messages for the row mapper tests, and reads rows back as plain
 * value lists in column order (the shape of the spec's printed tables).
 */
final class Messages {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private Messages() {
    }

    /** Ceph path of {@code clusterId}'s archive at {@code yyyyMMddHHmmss} (UTC). */
    static String path(String clusterId, String stamp) {
        LocalDateTime.parse(stamp, STAMP); // must be a real time
        return "archives/compressed/" + clusterId.substring(0, 2) + "/" + clusterId + "/"
                + stamp.substring(0, 6) + "/" + stamp.substring(6, 8) + "/" + stamp.substring(8) + ".tar.gz";
    }

    /** A timestamp as the printed tables show it, {@code 2021-03-18 11:20:21} UTC, in epoch ms. */
    static long ts(String shown) {
        return LocalDateTime.parse(shown, SHOWN).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** The cluster UUID inside a Ceph path. */
    static String clusterOf(String path) {
        return path.split("/")[3];
    }

    static RulesResults rules(String path, String... ruleIds) {
        List<ReportHit> hits = new ArrayList<>();
        for (String ruleId : ruleIds) {
            String key = ruleId.substring(ruleId.indexOf('|') + 1);
            String module = ruleId.substring(0, ruleId.indexOf('|'));
            hits.add(new ReportHit(ruleId, "ccx_rules_ocp.external.rules." + module + ".report", "rule", key,
                    Map.of("type", "rule", "error_key", key), List.of(), Map.of()));
        }
        RulesReport report = new RulesReport(new RulesReport.ReportSystem(Map.of(), null, null), hits, List.of(),
                List.of(), List.of(), List.of(), new RulesReport.AnalysisMetadata(
                "2021-02-12T09:22:40.335867+00:00", "2021-02-12T09:22:41.434439+00:00",
                "ccx_ocp_core.context.InsightsOperatorContext", Map.of(
                "insights-core", new RulesReport.PluginSet("insights-core-3.0.202-1", null),
                "ccx_rules_ocp", new RulesReport.PluginSet("ccx_rules_ocp-2021.2.3-1", null),
                "ccx_ocp_core", new RulesReport.PluginSet("ccx_ocp_core-2021.2.8-1", null))));
        return viaKafka(new RulesResults(path, new ArchiveMetadata(clusterOf(path), "1234567"), report),
                RulesResults.class, Contract.RULES_RESULTS);
    }

    static FeaturesMessage features(String path, FeatureResult... results) {
        return viaKafka(new FeaturesMessage(path, new ArchiveMetadata(clusterOf(path), "1234567"), List.of(results)),
                FeaturesMessage.class, Contract.FEATURES);
    }

    /**
     * A feature result with the extractor's own id, component and schema; each row gets every schema
     * field (cluster_id, path and analysis_time filled in, others null) overlaid by {@code rows}.
     */
    @SafeVarargs
    static FeatureResult feature(FeatureExtractor extractor, String path, Map<String, Object>... rows) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (Map<String, Object> values : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String name : extractor.fields().names()) {
                row.put(name, switch (name) {
                    case "cluster_id" -> clusterOf(path);
                    case "path" -> path;
                    case "analysis_time" -> "2024-01-01T00:00:00";
                    default -> null;
                });
            }
            row.putAll(values);
            data.add(row);
        }
        return new FeatureResult(new FeatureMetadata(extractor.featureId(), extractor.component()),
                extractor.fields().schema(), data);
    }

    /** An ordered map from key, value pairs (values may be null). */
    static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            row.put((String) keyValues[i], keyValues[i + 1]);
        }
        return row;
    }

    /** A spec example message from src/test/resources/examples/. */
    static <T> T example(String resource, Class<T> type) {
        try (InputStream in = Messages.class.getResourceAsStream("/examples/" + resource)) {
            return Json.mapper().readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows' values in column order, as the printed tables list them. */
    static List<List<Object>> values(List<TableRow> rows) {
        return rows.stream().map(row -> values(row.record())).toList();
    }

    static List<Object> values(GenericRecord record) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < record.getSchema().getFields().size(); i++) {
            Object value = record.get(i);
            out.add(value instanceof CharSequence text ? text.toString() : value);
        }
        return out;
    }

    /** As a Kafka consumer sees the message: JSON bytes, checked against the contract, read back. */
    private static <T> T viaKafka(Object message, Class<T> type, Contract contract) {
        try {
            String json = Json.mapper().writeValueAsString(message);
            ContractValidator.shared().check(contract, json);
            return Json.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

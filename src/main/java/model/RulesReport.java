package model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code report} object of a rules-results message: all seven keys required.
 * {@code details}, {@code links} and {@code fingerprints} entries are free-form
 * JSON, kept as maps.
 */
@JsonPropertyOrder({"system", "reports", "fingerprints", "skips", "info", "pass", "analysis_metadata"})
public record RulesReport(
        @JsonProperty("system") ReportSystem system,
        @JsonProperty("reports") List<ReportHit> reports,
        /* Always empty objects in practice; the contract rejects any key in them. */
        @JsonProperty("fingerprints") List<Map<String, Object>> fingerprints,
        @JsonProperty("skips") List<Skip> skips,
        @JsonProperty("info") List<Info> info,
        @JsonProperty("pass") List<Pass> pass,
        @JsonProperty("analysis_metadata") AnalysisMetadata analysisMetadata) {

    /** Open object; {@code hostname} is required and may be null, so it is always written. */
    @JsonPropertyOrder({"metadata", "hostname"})
    public record ReportSystem(
            @JsonProperty("metadata") Map<String, Object> metadata,
            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("hostname") String hostname,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> otherFields) {

        public ReportSystem {
            otherFields = otherFields == null ? new LinkedHashMap<>() : otherFields;
        }
    }

    /** A rule that hit. {@code rule_id} is {@code module|ERROR_KEY}; its key half equals {@code key}. */
    @JsonPropertyOrder({"rule_id", "component", "type", "key", "details", "tags", "links"})
    public record ReportHit(
            @JsonProperty("rule_id") String ruleId,
            @JsonProperty("component") String component,
            @JsonProperty("type") String type,
            @JsonProperty("key") String key,
            @JsonProperty("details") Map<String, Object> details,
            @JsonProperty("tags") List<String> tags,
            @JsonProperty("links") Map<String, Object> links) {
    }

    /** A rule skipped for missing requirements; {@code details} is free text here. */
    @JsonPropertyOrder({"rule_fqdn", "reason", "details", "type"})
    public record Skip(
            @JsonProperty("rule_fqdn") String ruleFqdn,
            @JsonProperty("reason") String reason,
            @JsonProperty("details") String details,
            @JsonProperty("type") String type) {
    }

    @JsonPropertyOrder({"component", "details", "info_id", "key", "links", "tags", "type"})
    public record Info(
            @JsonProperty("component") String component,
            @JsonProperty("details") Map<String, Object> details,
            @JsonProperty("info_id") String infoId,
            @JsonProperty("key") String key,
            @JsonProperty("links") Map<String, Object> links,
            @JsonProperty("tags") List<String> tags,
            @JsonProperty("type") String type) {
    }

    @JsonPropertyOrder({"pass_id", "component", "type", "key", "details", "links", "tags"})
    public record Pass(
            @JsonProperty("pass_id") String passId,
            @JsonProperty("component") String component,
            @JsonProperty("type") String type,
            @JsonProperty("key") String key,
            @JsonProperty("details") Map<String, Object> details,
            @JsonProperty("links") Map<String, Object> links,
            @JsonProperty("tags") List<String> tags) {
    }

    /**
     * Rule-engine run data. {@code plugin_sets} has exactly the keys
     * {@code insights-core}, {@code ccx_rules_ocp} and {@code ccx_ocp_core}.
     */
    @JsonPropertyOrder({"start", "finish", "execution_context", "plugin_sets"})
    public record AnalysisMetadata(
            @JsonProperty("start") String start,
            @JsonProperty("finish") String finish,
            @JsonProperty("execution_context") String executionContext,
            @JsonProperty("plugin_sets") Map<String, PluginSet> pluginSets) {
    }

    /** {@code commit} is required and may be null, so it is always written. */
    @JsonPropertyOrder({"version", "commit"})
    public record PluginSet(
            @JsonProperty("version") String version,
            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("commit") String commit) {
    }
}

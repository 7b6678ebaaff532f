package model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * Stage 9b message on {@code ccx-XXX-insights-operator-archive-features}
 * (contract §12.2): one {@link FeatureResult} per feature extractor.
 */
@JsonPropertyOrder({"path", "metadata", "report"})
public record FeaturesMessage(
        @JsonProperty("path") String path,
        @JsonProperty("metadata") ArchiveMetadata metadata,
        @JsonProperty("report") List<FeatureResult> report) {

    @JsonPropertyOrder({"metadata", "schema", "data"})
    public record FeatureResult(
            @JsonProperty("metadata") FeatureMetadata metadata,
            @JsonProperty("schema") FeatureSchema schema,
            /* One row per extracted item. Values may be null; map nulls are written (mapper default). */
            @JsonProperty("data") List<Map<String, Object>> data) {
    }

    @JsonPropertyOrder({"feature_id", "component"})
    public record FeatureMetadata(
            @JsonProperty("feature_id") String featureId,
            @JsonProperty("component") String component) {
    }

    /** {@code version} is a positive decimal string such as {@code "1.0"}. */
    @JsonPropertyOrder({"version", "fields"})
    public record FeatureSchema(
            @JsonProperty("version") String version,
            @JsonProperty("fields") List<FieldDef> fields) {
    }

    /** {@code type} is one of String, Integer, Float, Boolean, Bool, DateTime, Object, List. */
    @JsonPropertyOrder({"name", "type"})
    public record FieldDef(
            @JsonProperty("name") String name,
            @JsonProperty("type") String type) {
    }
}

package model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Stage 9a message on {@code ccx-XXX-insights-operator-archive-rules-results}
 * (contract §12.1). The key is lowercase {@code report}; the doc example's
 * {@code Report} is rejected by the contract.
 */
@JsonPropertyOrder({"path", "metadata", "report"})
public record RulesResults(
        @JsonProperty("path") String path,
        @JsonProperty("metadata") ArchiveMetadata metadata,
        @JsonProperty("report") RulesReport report) {
}

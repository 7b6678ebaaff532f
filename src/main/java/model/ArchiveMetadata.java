package model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The closed {@code metadata} object shared by archive-synced, rules-results and
 * features messages. {@code external_organization} is the org ID as a digit string.
 */
@JsonPropertyOrder({"cluster_id", "external_organization"})
public record ArchiveMetadata(
        @JsonProperty("cluster_id") String clusterId,
        @JsonProperty("external_organization") String externalOrganization) {
}

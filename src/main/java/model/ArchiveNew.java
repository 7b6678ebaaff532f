package model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Stage 3/4 message on {@code ccx-XXX-insights-operator-archive-new} (contract §6).
 * {@code path} is the S3Key; {@code cluster_id} is its second segment;
 * {@code sqs_message_id} is the receipt handle, typed as a positive integer by the docs.
 */
@JsonPropertyOrder({"cluster_id", "path", "sqs_message_id"})
public record ArchiveNew(
        @JsonProperty("cluster_id") String clusterId,
        @JsonProperty("path") String path,
        @JsonProperty("sqs_message_id") long sqsMessageId) {
}

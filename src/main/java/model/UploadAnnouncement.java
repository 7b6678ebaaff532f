package model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Stage 1 Kafka message on {@code platform.upload.buckit} (PIPELINE §4.1).
 * {@code account} and {@code principal} are digit strings, as the validator requires.
 */
@JsonPropertyOrder({"account", "category", "metadata", "request_id", "principal", "service", "size",
        "url", "b64_identity", "timestamp"})
public record UploadAnnouncement(
        @JsonProperty("account") String account,
        @JsonProperty("category") String category,
        @JsonProperty("metadata") Metadata metadata,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("principal") String principal,
        @JsonProperty("service") String service,
        @JsonProperty("size") long size,
        @JsonProperty("url") String url,
        @JsonProperty("b64_identity") String b64Identity,
        @JsonProperty("timestamp") String timestamp) {

    /** The closed {@code metadata} object: exactly {@code reporter} and {@code stale_timestamp}. */
    public record Metadata(
            @JsonProperty("reporter") String reporter,
            @JsonProperty("stale_timestamp") String staleTimestamp) {
    }
}

package model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Stage 1 Kafka message on {@code platform.upload.buckit} (contract §4.1).
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
    /**
     * @param customMetadata the later doc's {@code custom_metadata} (§4.1, §15.8), e.g.
     *                       {@code {"ccx_metadata": {"gathering_time": "…"}}}; null when absent
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Metadata(
            @JsonProperty("reporter") String reporter,
            @JsonProperty("stale_timestamp") String staleTimestamp,
            @JsonProperty("custom_metadata") java.util.Map<String, Object> customMetadata) {

        public Metadata(String reporter, String staleTimestamp) {
            this(reporter, staleTimestamp, null);
        }
    }
}

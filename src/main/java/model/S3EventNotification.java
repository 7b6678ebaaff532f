package model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The decoded SQS {@code Body} (contract §5.3): either a real notification with
 * {@code Records}, or the {@code s3:TestEvent} that S3 sends when a bucket
 * notification is set up (§4.3), which has the six PascalCase fields instead.
 * The shape belongs to AWS, so unknown fields are ignored rather than rejected.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record S3EventNotification(
        @JsonProperty("Records") List<Record> records,
        @JsonProperty("Service") String service,
        @JsonProperty("Event") String event,
        @JsonProperty("Time") String time,
        @JsonProperty("Bucket") String bucket,
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("HostId") String hostId) {

    public static final String TEST_EVENT = "s3:TestEvent";

    /** A test event carries no object and must produce nothing (contract §4.3). */
    @JsonIgnore
    public boolean isTestEvent() {
        return TEST_EVENT.equals(event);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Record(
            @JsonProperty("eventName") String eventName,
            @JsonProperty("eventTime") String eventTime,
            @JsonProperty("s3") S3 s3) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record S3(
            @JsonProperty("bucket") Bucket bucket,
            @JsonProperty("object") S3Object object) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bucket(@JsonProperty("name") String name) {
    }

    /** {@code key} is the S3Key of the archive, the only field the listener needs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record S3Object(
            @JsonProperty("key") String key,
            @JsonProperty("size") Long size,
            @JsonProperty("eTag") String eTag,
            @JsonProperty("sequencer") String sequencer) {
    }
}

package model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The boto3 {@code receive_message} result (contract §5.1/§5.2). AWS spells the
 * keys in PascalCase, so every component names its key explicitly.
 * {@code Messages} is absent, not empty, when the queue had nothing.
 */
@JsonPropertyOrder({"Messages", "ResponseMetadata"})
public record SqsReceiveResponse(
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("Messages") List<Message> messages,
        @JsonProperty("ResponseMetadata") ResponseMetadata responseMetadata) {

    public record Message(
            @JsonProperty("MessageId") String messageId,
            @JsonProperty("ReceiptHandle") String receiptHandle,
            @JsonProperty("MD5OfBody") String md5OfBody,
            /* JSON text of an S3 event notification; see S3EventNotification. */
            @JsonProperty("Body") String body,
            @JsonProperty("Attributes") Attributes attributes) {
    }

    public record Attributes(
            @JsonProperty("SenderId") String senderId,
            @JsonProperty("ApproximateFirstReceiveTimestamp") String approximateFirstReceiveTimestamp,
            @JsonProperty("ApproximateReceiveCount") String approximateReceiveCount,
            @JsonProperty("SentTimestamp") String sentTimestamp) {
    }

    public record ResponseMetadata(
            @JsonProperty("RequestId") String requestId,
            @JsonProperty("HTTPStatusCode") int httpStatusCode,
            @JsonProperty("HTTPHeaders") HttpHeaders httpHeaders,
            @JsonProperty("RetryAttempts") int retryAttempts) {
    }

    public record HttpHeaders(
            @JsonProperty("x-amzn-requestid") String amznRequestId,
            @JsonProperty("date") String date,
            @JsonProperty("content-type") String contentType,
            @JsonProperty("content-length") String contentLength) {
    }
}

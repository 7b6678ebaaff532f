package model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identity document inside {@code b64_identity}, decoded (contract §4.2).
 * The root and {@code identity} are open objects: keys we do not model
 * ({@code user}, future additions) are kept in {@code otherFields} so that a
 * decode/encode round trip loses nothing.
 */
public record UploadIdentity(
        @JsonProperty("identity") Identity identity,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("entitlements") Map<String, JsonNode> entitlements,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> otherFields) {

    public UploadIdentity {
        otherFields = otherFields == null ? new LinkedHashMap<>() : otherFields;
    }

    public record Identity(
            @JsonProperty("internal") Internal internal,
            @JsonProperty("account_number") String accountNumber,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("auth_type") String authType,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("system") SystemInfo system,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("type") String type,
            @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> otherFields) {

        public Identity {
            otherFields = otherFields == null ? new LinkedHashMap<>() : otherFields;
        }
    }

    /** Closed: {@code org_id} (the organization ID) and optional {@code auth_time}. */
    public record Internal(
            @JsonProperty("org_id") String orgId,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("auth_time") Long authTime) {
    }

    /** Closed, both keys optional: {@code cn} is a UUID. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SystemInfo(
            @JsonProperty("cn") String cn,
            @JsonProperty("cert_type") String certType) {
    }
}

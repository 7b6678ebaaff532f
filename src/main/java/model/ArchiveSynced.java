package model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Stage 7/8 message on {@code ccx-XXX-insights-operator-archive-synced} (contract §10):
 * {@code path} is the CephPath, {@code original_path} the S3Key it was copied from.
 * Reading also accepts the legacy names {@code target_path}/{@code s3_path}
 * (contract §11, §15.2); writing always uses the current names.
 */
@JsonPropertyOrder({"path", "original_path", "metadata"})
public record ArchiveSynced(
        @JsonProperty("path") @JsonAlias("target_path") String path,
        @JsonProperty("original_path") @JsonAlias("s3_path") String originalPath,
        @JsonProperty("metadata") ArchiveMetadata metadata) {
}

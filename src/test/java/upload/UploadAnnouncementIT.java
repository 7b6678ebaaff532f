package upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import devservers.CephRgwServer;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.S3Credentials;
import devservers.S3ProxyServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import model.Json;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import testing.PipelineUnderTest;
import testing.RealServers;
import testing.TopicTail;
import testing.TopicWriter;

/**
 * platform.upload.buckit → download by a real presigned URL (S3Proxy checks the signature, so
 * Camel must pass the query string untouched) → Ceph RGW → archive-synced in every environment.
 * The contract only admits AWS/minio URL hosts, so this test lifts the announcement check.
 */
@ExtendWith(RealServers.class)
class UploadAnnouncementIT {
    static final String CLUSTER = "d669cb71-8256-4e8b-a8df-333a5e2dd753";

    @Test
    void anAnnouncedArchiveIsDownloadedByItsPresignedUrlIntoCeph(EmbeddedKafka kafka, EmbeddedSqs sqs, S3ProxyServer aws,
                                                                 CephRgwServer ceph) throws Exception {
        String prefix = "it-upload";
        Properties config = PipelineUnderTest.config(kafka, sqs, aws, ceph, prefix, "ccx.stages.sqs-listener=false",
                "ccx.stages.archive-sync=false", "ccx.stages.upload-listener=true",
                "ccx.topic.upload-announcements=" + prefix + "-platform.upload.buckit");
        S3Credentials a = aws.credentials();
        S3Client awsS3 = a.client();
        S3Client cephS3 = ceph.credentials().client();
        awsS3.createBucket(b -> b.bucket("insights-upload-perma"));
        cephS3.createBucket(b -> b.bucket(prefix + "-datahub"));
        byte[] archive = new byte[70_000];
        new Random(3).nextBytes(archive);
        awsS3.putObject(b -> b.bucket("insights-upload-perma").key("upload/1234567890abcdef1234567890abcdef"),
                RequestBody.fromBytes(archive));
        String url;
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(a.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(a.accessKey(), a.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(10))
                    .getObjectRequest(g -> g.bucket("insights-upload-perma").key("upload/1234567890abcdef1234567890abcdef")))
                    .url().toString();
        }
        ObjectNode announcement = (ObjectNode) Json.mapper().readTree(
                getClass().getResourceAsStream("/examples/01_platform_upload_buckit/data_correct.json"));
        announcement.put("url", url);
        announcement.put("size", archive.length);
        announcement.put("b64_identity", Base64.getEncoder().encodeToString(("{\"identity\":{\"internal\":{\"org_id\":\"123456\"},"
                + "\"account_number\":\"789000\",\"system\":{\"cn\":\"" + CLUSTER + "\"}}}").getBytes(StandardCharsets.UTF_8)));

        try (PipelineUnderTest pipeline = PipelineUnderTest.start(config)) {
            AdviceWith.adviceWith(pipeline.main().getCamelContext(), "upload-listener",
                    r -> r.weaveById("validate-announcement").remove());
            TopicWriter.send(kafka.bootstrapServers(), prefix + "-platform.upload.buckit", null,
                    Json.mapper().writeValueAsString(announcement));
            String cephPath = "archives/compressed/d6/" + CLUSTER + "/202012/09/161742.tar.gz";
            for (String env : List.of("dev", "qa", "prod")) {
                var records = TopicTail.read(kafka.bootstrapServers(), prefix + "-ccx-" + env + "-insights-operator-archive-synced",
                        1, Duration.ofSeconds(60));
                assertThat(records).as(env).hasSize(1);
                JsonNode synced = Json.mapper().readTree(records.get(0).value());
                assertThat(synced.get("path").asText()).isEqualTo(cephPath);
                assertThat(synced.get("original_path").asText())
                        .isEqualTo("123456/" + CLUSTER + "/20201209161742-1234567890abcdef1234567890abcdef");
            }
            assertThat(cephS3.getObjectAsBytes(b -> b.bucket(prefix + "-datahub").key(cephPath)).asByteArray()).isEqualTo(archive);
        }
    }
}

package kamelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import errors.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import model.FeaturesMessage;
import model.Json;
import multiplex.ArchiveKind;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import archive.ArchiveRejectedException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import testing.OlsArchives;
import testing.TarGz;
import uploader.RulesJsonKey;
import uploader.RulesUploader;
import model.RulesResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import storage.ArchiveMissingException;
import thanos.ThanosConfig;
import testing.ArchiveMessages;

/** The Kamelets' beans as plain objects: configured by setters, as the Kamelet's properties configure them. */
class KameletStepsTest {
    static final String CLUSTER = "5d5892d3-1f74-4ccf-91af-548dfc9767aa";
    static final String PATH = "archives/compressed/5d/" + CLUSTER + "/202012/09/131008.tar.gz";

    @TempDir
    Path dir;

    static String archiveSynced(String path) {
        return ArchiveMessages.archiveSynced(path, "1234567890/" + CLUSTER + "/20201209131008-0123456789abcdef0123456789abcdef");
    }

    static ArchiveAnalysisStep analysis(String engine, SampleCeph ceph) {
        ArchiveAnalysisStep step = new ArchiveAnalysisStep();
        step.setEngine(engine);
        step.setCephBucket("ccx-datahub");
        step.useCephClient(ceph);
        return step;
    }

    @Test
    void rulesEngineGivesTheRulesReportOfTheArchiveInTheBucket() throws Exception {
        SampleCeph ceph = new SampleCeph();
        ArchiveAnalysisStep step = analysis("rules", ceph);
        step.setDisabledRules(" pending_csrs , ");
        Object out = step.analyse(archiveSynced(PATH));
        assertThat(out).isInstanceOf(RulesResults.class);
        List<String> hits = ((RulesResults) out).report().reports().stream().map(r -> r.ruleId()).toList();
        assertThat(hits).contains("operators_degraded|OPERATOR_DEGRADED").noneMatch(h -> h.startsWith("pending_csrs"));
        assertThat(ceph.fetched).containsExactly("ccx-datahub/" + PATH);
    }

    @Test
    void featuresEngineGivesTheFeatures() throws Exception {
        Object out = analysis("features", new SampleCeph()).analyse(archiveSynced(PATH));
        assertThat(out).isInstanceOf(FeaturesMessage.class);
        assertThat(((FeaturesMessage) out).report()).hasSize(7);
    }

    @Test
    void aMissingArchiveOrUnreadableJsonIsBadInput() {
        ArchiveAnalysisStep step = analysis("rules", new SampleCeph());
        assertThatThrownBy(() -> step.analyse(archiveSynced(PATH.replace("131008", "000000"))))
                .isInstanceOf(ArchiveMissingException.class).hasMessageContaining("is not in the Ceph bucket ccx-datahub");
        assertThatThrownBy(() -> step.analyse("{\"path\":")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot read ArchiveSynced");
        assertThatThrownBy(() -> step.analyse(null)).isInstanceOf(BadInputException.class);
    }

    @Test
    void settingsAreCheckedOnTheFirstMessage() {
        ArchiveAnalysisStep noEngine = analysis("both", new SampleCeph());
        assertThatThrownBy(() -> noEngine.analyse(archiveSynced(PATH))).hasMessageContaining("engine must be rules or features");
        ArchiveAnalysisStep noBucket = new ArchiveAnalysisStep();
        noBucket.setEngine("rules");
        assertThatThrownBy(() -> noBucket.analyse(archiveSynced(PATH))).hasMessageContaining("cephBucket is not set");

        ArchiveSyncStep sync = new ArchiveSyncStep();
        sync.getAws().setBucket("ingress");
        sync.setCephBucket("datahub");
        assertThatThrownBy(sync::service).hasMessageContaining("cephEndpoint is not set");
        sync.setCephEndpoint("http://127.0.0.1:9");
        sync.setPartBytes(1024);
        assertThatThrownBy(sync::service).hasMessageContaining("at least 5 MiB");
        sync.setPartBytes(5L << 20);
        assertThat(sync.service()).isSameAs(sync.service());
        sync.close();
        assertThatThrownBy(() -> sync.sync("[]")).isInstanceOf(BadInputException.class).hasMessageContaining("cannot read ArchiveNew");
        sync.close();
    }

    @Test
    void thanosSettingsBecomeTheClientConfig() throws Exception {
        ThanosSource source = new ThanosSource();
        assertThatThrownBy(source::config).hasMessageContaining("thanosUrl is not set");
        source.setThanosUrl("https://thanos:9091");
        source.setTokenFile(" ");
        source.setTruststore(null);
        source.setIdChunkSize(7);
        ThanosConfig plain = source.config();
        assertThat(plain.bearerTokenFile()).isEmpty();
        assertThat(plain.trustStore()).isEmpty();
        assertThat(plain.idChunkSize()).isEqualTo(7);
        source.setTokenFile("/var/run/secrets/token");
        source.setTruststore("/etc/ca.p12");
        source.setTruststorePassword("changeit");
        ThanosConfig secured = source.config();
        assertThat(secured.bearerTokenFile()).contains(Path.of("/var/run/secrets/token"));
        assertThat(secured.trustStore()).contains(Path.of("/etc/ca.p12"));
        assertThat(secured.trustStorePassword()).contains("changeit");
        assertThat(secured.toString()).doesNotContain("changeit");
    }

    @Test
    void thanosHoursAreDoneOnlyWhenMarked() throws Exception {
        ThanosSource source = new ThanosSource();
        source.setCamelContext(new org.apache.camel.impl.DefaultCamelContext());
        source.setThanosUrl("http://127.0.0.1:9");
        source.setLedgerFile(dir.resolve("ledger/hours.json").toString());
        source.setBackfillHours(2);
        source.setSettleDelayMs(0);
        source.setClock(Clock.fixed(Instant.parse("2024-03-15T10:30:00Z"), ZoneOffset.UTC));
        Instant hour = Instant.parse("2024-03-15T09:00:00Z");
        assertThat(source.isDone(hour)).isFalse();
        source.markDone(hour);
        assertThat(source.isDone(hour)).isTrue();
        assertThat(Files.readString(dir.resolve("ledger/hours.json"))).contains("2024-03-15T09:00:00Z");
        assertThatThrownBy(() -> {
            ThanosSource noLedger = new ThanosSource();
            noLedger.setThanosUrl("http://127.0.0.1:9");
            noLedger.poll();
        }).hasMessageContaining("ledgerFile is not set");
    }

    // ---- ccx-multiplexor-action ---------------------------------------------------------------

    static final String S3_KEY = "1234567890/" + CLUSTER + "/20201209131008-0123456789abcdef0123456789abcdef";

    static String archiveNew(String key) {
        return "{\"cluster_id\":\"" + CLUSTER + "\",\"path\":\"" + key + "\",\"sqs_message_id\":1}";
    }

    static MultiplexorStep multiplexor(MemoryS3 aws) {
        MultiplexorStep step = new MultiplexorStep();
        step.getAws().setBucket("ingress");
        step.setIoTopic("qa-io-archive-new");
        step.setOlsTopic("qa-ols-archive-new");
        step.useAwsClient(aws);
        return step;
    }

    @Test
    void multiplexorSetsTheTopicOfTheArchivesKindAndLeavesTheMessage() throws Exception {
        MemoryS3 aws = new MemoryS3();
        aws.put("ingress", S3_KEY, sampleArchive());
        aws.put("ingress", "ols", OlsArchives.of(CLUSTER, "./"));
        MultiplexorStep step = multiplexor(aws);
        for (var c : List.of(List.of(S3_KEY, "qa-io-archive-new"), List.of("ols", "qa-ols-archive-new"))) {
            Exchange exchange = new DefaultExchange(new DefaultCamelContext());
            String message = archiveNew(c.get(0));
            exchange.getMessage().setBody(message);
            exchange.getMessage().setHeader(KafkaConstants.KEY, "consumed-key");
            step.route(exchange);
            assertThat(exchange.getMessage().getBody()).isSameAs(message);
            assertThat(exchange.getMessage().getHeader(KafkaConstants.OVERRIDE_TOPIC)).isEqualTo(c.get(1));
            assertThat(exchange.getMessage().getHeader(KafkaConstants.KEY)).isEqualTo(CLUSTER);
        }
        assertThat(step.kindOf(Json.mapper().readValue(archiveNew("ols"), model.ArchiveNew.class))).isEqualTo(ArchiveKind.OLS);
        assertThat(aws.gets).containsExactly("ingress/" + S3_KEY, "ingress/ols", "ingress/ols");
    }

    @Test
    void multiplexorRefusesArchivesOfNeitherKindBrokenOrMissing() {
        MemoryS3 aws = new MemoryS3();
        aws.put("ingress", "neither", new TarGz().file("hello.txt", "hi").bytes());
        aws.put("ingress", "broken", "not gzip".getBytes(StandardCharsets.UTF_8));
        MultiplexorStep step = multiplexor(aws);
        assertThatThrownBy(() -> step.route(exchange(archiveNew("neither")))).isInstanceOf(ArchiveRejectedException.class)
                .hasMessageContaining("neither openshift_lightspeed.json");
        assertThatThrownBy(() -> step.route(exchange(archiveNew("broken")))).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> step.route(exchange(archiveNew("gone")))).isInstanceOf(ArchiveMissingException.class)
                .hasMessageContaining("archive gone is not in s3://ingress");
        assertThatThrownBy(() -> step.route(exchange("[]"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot read ArchiveNew");
        MultiplexorStep noTopic = new MultiplexorStep();
        noTopic.getAws().setBucket("ingress");
        noTopic.setIoTopic("io");
        noTopic.useAwsClient(aws);
        assertThatThrownBy(() -> noTopic.route(exchange(archiveNew("neither")))).hasMessageContaining("olsTopic is not set");
    }

    // ---- ccx-rules-uploader-sink --------------------------------------------------------------

    @Test
    void rulesUploadWritesOnceSkipsTheSameContentAndReplacesAnother() throws Exception {
        MemoryS3 ceph = new MemoryS3();
        RulesUploadStep step = new RulesUploadStep();
        step.setCephBucket("ccx-datahub");
        step.useCephClient(ceph);
        String message = rulesResults();
        String key = RulesJsonKey.of(Json.mapper().readTree(message).path("path").asText());
        assertThat(key).endsWith("/insights.json").startsWith("insights/");

        Exchange first = exchange(message);
        step.upload(first);
        assertThat(first.getMessage().getHeader(RulesUploadStep.RESULT)).isEqualTo("written");
        assertThat(ceph.objects.get("ccx-datahub/" + key)).isEqualTo(message.getBytes(StandardCharsets.UTF_8));
        assertThat(ceph.metadata.get("ccx-datahub/" + key)).containsKey(RulesUploader.CONTENT_SHA256);

        Exchange again = exchange(message);
        step.upload(again);
        assertThat(again.getMessage().getHeader(RulesUploadStep.RESULT)).isEqualTo("already-present");
        assertThat(ceph.writes).isEqualTo(1);

        String other = Json.mapper().writeValueAsString(Json.mapper().readTree(message)); // same JSON, other bytes
        Exchange replacing = exchange(other);
        step.upload(replacing);
        assertThat(replacing.getMessage().getHeader(RulesUploadStep.RESULT)).isEqualTo("replaced");
        assertThat(ceph.writes).isEqualTo(2);
        assertThat(ceph.objects.get("ccx-datahub/" + key)).isEqualTo(other.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> step.upload(exchange(message.replace("archives/compressed/", "archives/elsewhere/"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not a Ceph archive path");
        RulesUploadStep noBucket = new RulesUploadStep();
        assertThatThrownBy(() -> noBucket.upload(exchange(message))).hasMessageContaining("cephBucket is not set");
    }

    static String rulesResults() throws IOException {
        try (InputStream in = KameletStepsTest.class.getResourceAsStream(
                "/examples/09_rules_results/test_fixture_valid_message.converted.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Exchange exchange(String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        return exchange;
    }

    static byte[] sampleArchive() throws IOException {
        try (InputStream in = KameletStepsTest.class.getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
            return in.readAllBytes();
        }
    }

    /** An S3 bucket store in memory: GET, HEAD, PUT (If-None-Match: * answered 412 when the key is taken). */
    static final class MemoryS3 implements S3Client {
        final Map<String, byte[]> objects = new HashMap<>();
        final Map<String, Map<String, String>> metadata = new HashMap<>();
        final List<String> gets = new ArrayList<>();
        int writes;

        void put(String bucket, String key, byte[] bytes) {
            objects.put(bucket + "/" + key, bytes);
        }

        @Override
        public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
            gets.add(request.bucket() + "/" + request.key());
            byte[] bytes = objects.get(request.bucket() + "/" + request.key());
            if (bytes == null) {
                throw NoSuchKeyException.builder().statusCode(404).message("no such key").build();
            }
            return new ResponseInputStream<>(GetObjectResponse.builder().contentLength((long) bytes.length).build(),
                    AbortableInputStream.create(new ByteArrayInputStream(bytes)));
        }

        @Override
        public HeadObjectResponse headObject(HeadObjectRequest request) {
            String id = request.bucket() + "/" + request.key();
            if (!objects.containsKey(id)) {
                throw NoSuchKeyException.builder().statusCode(404).message("no such key").build();
            }
            return HeadObjectResponse.builder().metadata(metadata.getOrDefault(id, Map.of())).build();
        }

        @Override
        public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
            String id = request.bucket() + "/" + request.key();
            if ("*".equals(request.ifNoneMatch()) && objects.containsKey(id)) {
                throw S3Exception.builder().statusCode(412).message("At least one of the pre-conditions you specified did not hold").build();
            }
            try (InputStream in = body.contentStreamProvider().newStream()) {
                objects.put(id, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            metadata.put(id, request.metadata());
            writes++;
            return PutObjectResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }

    /** Ceph with one object: the bundled sample under {@link #PATH}. */
    static final class SampleCeph implements S3Client {
        final List<String> fetched = new ArrayList<>();

        @Override
        public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
            fetched.add(request.bucket() + "/" + request.key());
            if (!PATH.equals(request.key())) {
                throw NoSuchKeyException.builder().message("no such key").build();
            }
            try (InputStream in = KameletStepsTest.class.getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
                byte[] bytes = in.readAllBytes();
                return new ResponseInputStream<>(GetObjectResponse.builder().contentLength((long) bytes.length).build(),
                        AbortableInputStream.create(new ByteArrayInputStream(bytes)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }
}

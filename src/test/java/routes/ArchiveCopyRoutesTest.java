package routes;

import app.TopicNames;
import static org.assertj.core.api.Assertions.assertThat;

import app.PipelineBeans;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pipeline.DeadLetter;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import storage.CephPath;
import storage.S3Key;
import testing.CountingCommit;
import testing.KafkaBatches;
import testing.PipelineRouteTest;

/**
 * The copy route ({@code copy-archive}) without servers: its camel-aws2-s3 steps (GET from AWS S3,
 * conditional PUT into Ceph, HEAD, second GET, replacing PUT) are replaced by a fake pair of
 * buckets. Asserts what each step is asked (key, length, type, the source version as metadata)
 * and which steps run: a new archive, a redelivery (refused PUT, same version: nothing uploaded),
 * another version under the key (replaced), a missing or oversized source (dead-lettered).
 */
@CamelMainTest(
        configurationClasses = PipelineBeans.class,
        properties = {"ccx.analysis.idempotency=memory", "ccx.stages.rules=false", "ccx.stages.features=false",
            "ccx.stages.parquet-factory=false", "ccx.stages.sqs-listener=false", "ccx.stages.archive-sync=true",
            "ccx.kafka.brokers=127.0.0.1:9", "ccx.archive-sync.max-archive-bytes=1000",
            "ccx.retry.max-redeliveries=1", "ccx.retry.initial-delay-ms=1", "ccx.retry.max-delay-ms=5"},
        replaceRouteFromWith = {"archive-sync-batches=direct:archive-new"},
        advices = {@AdviceRouteMapping(route = "copy-archive", advice = ArchiveCopyRoutesTest.FakeBuckets.class),
            @AdviceRouteMapping(route = "get-archive-from-aws-s3", advice = ArchiveCopyRoutesTest.FakeSource.class)},
        mockEndpointsAndSkip = "kafka:.*")
class ArchiveCopyRoutesTest extends PipelineRouteTest {
    static final String CLUSTER = "abcd1234-1234-abcd-5678-1234abcd1234";
    static final String KEY = "1234567/" + CLUSTER + "/20200609125740-1234567890abcdef1234567890abcdef";
    static final String CEPH = CephPath.of(S3Key.parse(KEY)).toString();

    /** An object of a fake bucket. */
    record StoredObject(byte[] bytes, String etag, Map<String, String> metadata) {
    }

    static final Map<String, StoredObject> AWS = new ConcurrentHashMap<>();
    static final Map<String, StoredObject> CEPH_BUCKET = new ConcurrentHashMap<>();
    /** Step name and the headers it was called with, in order. */
    static final List<Map.Entry<String, Map<String, Object>>> CALLS = new CopyOnWriteArrayList<>();

    @Produce("direct:archive-new")
    ProducerTemplate archiveNew;
    /** Every message of the channel, whatever its environment: the topic is its override header. */
    MockEndpoint synced;
    @EndpointInject("mock:kafka:ccx-pipeline-dead-letter")
    MockEndpoint deadLetter;

    /** The camel-aws2-s3 steps replaced by the fake buckets. */
    public static class FakeBuckets extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveById("get-again-from-aws-s3").replace().process(e -> get(e, "get-again"));
            weaveById("put-if-absent-to-ceph").replace().process(e -> put(e, "put-if-absent", true));
            weaveById("replace-in-ceph").replace().process(e -> put(e, "replace", false));
            weaveById("head-in-ceph").replace().process(ArchiveCopyRoutesTest::head);
        }
    }

    /** The shared GET (routes.AwsS3ArchiveRoutes), its 404 translation kept. */
    public static class FakeSource extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveById("get-from-aws-s3").replace().process(e -> get(e, "get"));
        }
    }

    @BeforeEach
    void emptyBuckets() {
        synced = camel.getEndpoint("mock:kafka:" + TopicNames.targetTopic(TopicNames.ARCHIVE_SYNCED), MockEndpoint.class);
        AWS.clear();
        CEPH_BUCKET.clear();
        CALLS.clear();
    }

    /** camel-aws2-s3 getObject: the body stream and the object's headers (and some the copy must not keep). */
    static void get(Exchange e, String step) {
        Message m = e.getMessage();
        CALLS.add(Map.entry(step, Map.copyOf(m.getHeaders())));
        StoredObject object = AWS.get(m.getHeader(AWS2S3Constants.KEY, String.class));
        if (object == null) {
            throw NoSuchKeyException.builder().statusCode(404).message("The specified key does not exist.").build();
        }
        m.setBody(new ByteArrayInputStream(object.bytes()));
        m.setHeader(AWS2S3Constants.CONTENT_LENGTH, (long) object.bytes().length);
        m.setHeader(AWS2S3Constants.E_TAG, "\"" + object.etag() + "\"");
        m.setHeader(AWS2S3Constants.STORAGE_CLASS, "GLACIER");
        m.setHeader(AWS2S3Constants.METADATA, Map.of("uploaded-by", "ingress"));
    }

    /** camel-aws2-s3 upload: conditional ({@code If-None-Match: *}) on the first PUT's endpoint. */
    static void put(Exchange e, String step, boolean ifNoneMatch) throws Exception {
        Message m = e.getMessage();
        CALLS.add(Map.entry(step, Map.copyOf(m.getHeaders())));
        String key = m.getHeader(AWS2S3Constants.KEY, String.class);
        if (ifNoneMatch && CEPH_BUCKET.containsKey(key)) {
            throw S3Exception.builder().statusCode(412).message("At least one of the pre-conditions you specified did not hold").build();
        }
        long length = m.getHeader(AWS2S3Constants.CONTENT_LENGTH, Long.class);
        byte[] bytes = m.getBody(InputStream.class).readNBytes((int) length);
        @SuppressWarnings("unchecked")
        Map<String, String> metadata = m.getHeader(AWS2S3Constants.METADATA, Map.class);
        CEPH_BUCKET.put(key, new StoredObject(bytes, "ceph-etag", metadata));
    }

    static void head(Exchange e) {
        Message m = e.getMessage();
        CALLS.add(Map.entry("head", Map.copyOf(m.getHeaders())));
        StoredObject object = CEPH_BUCKET.get(m.getHeader(AWS2S3Constants.KEY, String.class));
        m.setBody(HeadObjectResponse.builder().contentLength((long) object.bytes().length).metadata(object.metadata()).build());
    }

    private Exchange consume() {
        CountingCommit commit = new CountingCommit();
        return archiveNew.send(e -> e.getMessage().setBody(KafkaBatches.of(camel, ArchiveSyncRoutesTest.archiveNew(CLUSTER, KEY),
                "ccx-dev-insights-operator-archive-new", commit)));
    }

    private static List<String> steps() {
        return CALLS.stream().map(Map.Entry::getKey).toList();
    }

    private static byte[] archive(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aNewArchiveIsOneGetAndOneConditionalPutWithItsSourceVersion() throws Exception {
        AWS.put(KEY, new StoredObject(archive("archive v1"), "v1", Map.of()));
        synced.expectedMessageCount(1);
        assertThat(consume().getException()).isNull();
        synced.assertIsSatisfied();

        assertThat(steps()).containsExactly("get", "put-if-absent");
        assertThat(CALLS.get(0).getValue()).containsEntry(AWS2S3Constants.KEY, KEY);
        Map<String, Object> put = CALLS.get(1).getValue();
        assertThat(put).containsEntry(AWS2S3Constants.KEY, CEPH).containsEntry(AWS2S3Constants.CONTENT_LENGTH, 10L)
                .containsEntry(AWS2S3Constants.CONTENT_TYPE, "application/gzip")
                .containsEntry(AWS2S3Constants.METADATA, Map.of("ccx-source-etag", "v1", "ccx-source-key", KEY))
                // The source's storage class is not the copy's.
                .doesNotContainKey(AWS2S3Constants.STORAGE_CLASS);
        assertThat(CEPH_BUCKET.get(CEPH).bytes()).isEqualTo(archive("archive v1"));
        assertThat(synced.getExchanges().get(0).getMessage().getBody(String.class)).contains("\"path\":\"" + CEPH + "\"");
    }

    @Test
    void aRedeliveryFindsItsVersionInCephAndUploadsNothing() throws Exception {
        AWS.put(KEY, new StoredObject(archive("archive v1"), "v1", Map.of()));
        CEPH_BUCKET.put(CEPH, new StoredObject(archive("archive v1"), "x", Map.of("ccx-source-etag", "v1", "ccx-source-key", KEY)));
        synced.expectedMessageCount(1);
        assertThat(consume().getException()).isNull();
        synced.assertIsSatisfied();
        assertThat(steps()).containsExactly("get", "put-if-absent", "head");
        assertThat(CALLS.get(2).getValue()).containsEntry(AWS2S3Constants.KEY, CEPH);
    }

    @Test
    void anotherVersionUnderTheKeyIsReplacedFromASecondGet() throws Exception {
        AWS.put(KEY, new StoredObject(archive("archive v2"), "v2", Map.of()));
        CEPH_BUCKET.put(CEPH, new StoredObject(archive("archive v1"), "x", Map.of("ccx-source-etag", "v1", "ccx-source-key", KEY)));
        synced.expectedMessageCount(1);
        assertThat(consume().getException()).isNull();
        synced.assertIsSatisfied();
        assertThat(steps()).containsExactly("get", "put-if-absent", "head", "get-again", "replace");
        assertThat(CEPH_BUCKET.get(CEPH).bytes()).isEqualTo(archive("archive v2"));
        assertThat(CEPH_BUCKET.get(CEPH).metadata()).containsEntry("ccx-source-etag", "v2");
    }

    @Test
    void aMissingSourceIsDeadLetteredAtOnceWithTheReason() throws Exception {
        synced.expectedMessageCount(0);
        deadLetter.expectedMessageCount(1);
        assertThat(consume().getException()).isNull();
        MockEndpoint.assertIsSatisfied(synced, deadLetter);
        assertThat(steps()).as("bad input: not redelivered").containsExactly("get");
        Message dead = deadLetter.getExchanges().get(0).getMessage();
        assertThat(dead.getHeader(DeadLetter.REASON, String.class)).contains("archive " + KEY + " is not in s3://");
        assertThat(dead.getHeader(DeadLetter.ROUTE)).isEqualTo("archive-sync");
    }

    @Test
    void anArchiveOverTheLimitIsDeadLetteredWithoutAnUpload() throws Exception {
        AWS.put(KEY, new StoredObject(new byte[1001], "big", Map.of()));
        deadLetter.expectedMessageCount(1);
        assertThat(consume().getException()).isNull();
        deadLetter.assertIsSatisfied();
        assertThat(steps()).containsExactly("get");
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(DeadLetter.REASON, String.class))
                .contains("over the limit of 1000");
        assertThat(CEPH_BUCKET).isEmpty();
    }
}

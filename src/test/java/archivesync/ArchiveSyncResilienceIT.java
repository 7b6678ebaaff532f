package archivesync;

import static org.assertj.core.api.Assertions.assertThat;

import devservers.CephRgwServer;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.S3Credentials;
import devservers.S3ProxyServer;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import testing.PipelineUnderTest;
import testing.RealServers;
import testing.TopicTail;
import testing.TopicWriter;

/** Archive sync under stress: a Ceph outage in the middle, and a 100 MB archive in a 128 MB heap. */
@ExtendWith(RealServers.class)
// It stops Ceph RGW a while: after the others, never beside the topology test.
@Order(Integer.MAX_VALUE - 1)
@ResourceLock(value = RealServers.RIG, mode = ResourceAccessMode.READ_WRITE)
class ArchiveSyncResilienceIT {
    static final String CLUSTER = "0aaaaaaa-bbbb-cccc-dddd-ffffffffffff";

    @Test
    void anArchiveSentDuringACephOutageArrivesOnceAfterCephIsBack(EmbeddedKafka kafka, EmbeddedSqs sqs, S3ProxyServer aws,
                                                                   CephRgwServer ceph) throws Exception {
        String prefix = "it-outage";
        Properties config = PipelineUnderTest.config(kafka, sqs, aws, ceph, prefix, "ccx.envs=prod", "ccx.stages.sqs-listener=false",
                "ccx.retry.max-redeliveries=12", "ccx.retry.initial-delay-ms=500", "ccx.retry.max-delay-ms=2000");
        PipelineUnderTest.ingressBucket(aws, prefix);
        PipelineUnderTest.datahubBucket(ceph, prefix);
        String key = "42/" + CLUSTER + "/20210208003201-0123456789abcdef0123456789abcdef";
        byte[] archive = new byte[300_000];
        new Random(7).nextBytes(archive);
        aws.credentials().client().putObject(b -> b.bucket(prefix + "-ingress").key(key), RequestBody.fromBytes(archive));

        String synced = prefix + "-ccx-prod-insights-operator-archive-synced";
        try (PipelineUnderTest pipeline = PipelineUnderTest.start(config)) {
            ceph.pause();
            try {
                TopicWriter.send(kafka.bootstrapServers(), prefix + "-ccx-prod-insights-operator-archive-new", CLUSTER,
                        "{\"cluster_id\":\"" + CLUSTER + "\",\"path\":\"" + key + "\",\"sqs_message_id\":7}");
                assertThat(TopicTail.read(kafka.bootstrapServers(), synced, 1, Duration.ofSeconds(5)))
                        .as("nothing is synced while Ceph is down").isEmpty();
            } finally {
                ceph.resume();
            }
            var records = TopicTail.read(kafka.bootstrapServers(), synced, 1, Duration.ofSeconds(60));
            assertThat(records).as("arrives exactly once").hasSize(1);
            assertThat(records.get(0).value()).contains("archives/compressed/0a/" + CLUSTER + "/202102/08/003201.tar.gz");
            assertThat(ceph.credentials().client().getObjectAsBytes(b -> b.bucket(prefix + "-datahub")
                    .key("archives/compressed/0a/" + CLUSTER + "/202102/08/003201.tar.gz")).asByteArray()).isEqualTo(archive);
            assertThat(TopicTail.read(kafka.bootstrapServers(), prefix + "-dead-letter", 0, Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void aRedeliveryIsRefusedByTheConditionalPutAndAnotherVersionReplacesTheObject(S3ProxyServer aws, CephRgwServer ceph)
            throws Exception {
        String prefix = "it-once";
        S3Client awsS3 = PipelineUnderTest.ingressBucket(aws, prefix);
        S3Client cephS3 = PipelineUnderTest.datahubBucket(ceph, prefix);
        String key = "42/" + CLUSTER + "/20210208003203-0123456789abcdef0123456789abcdef";
        awsS3.putObject(b -> b.bucket(prefix + "-ingress").key(key), RequestBody.fromString("first version"));
        storage.ArchiveCopier copier = new storage.ArchiveCopier(awsS3, prefix + "-ingress", cephS3, prefix + "-datahub",
                1L << 30, 16L << 20, 2, 128L << 20);

        assertThat(copier.copy(key, "archives/once").uploaded()).isTrue();
        var first = cephS3.headObject(b -> b.bucket(prefix + "-datahub").key("archives/once"));
        assertThat(copier.copy(key, "archives/once").uploaded()).as("Ceph refuses the second PUT (If-None-Match: *)").isFalse();
        assertThat(cephS3.headObject(b -> b.bucket(prefix + "-datahub").key("archives/once")).lastModified())
                .as("the object was not written again").isEqualTo(first.lastModified());

        awsS3.putObject(b -> b.bucket(prefix + "-ingress").key(key), RequestBody.fromString("second, longer version"));
        assertThat(copier.copy(key, "archives/once").uploaded()).as("another version under the same key").isTrue();
        assertThat(cephS3.getObjectAsBytes(b -> b.bucket(prefix + "-datahub").key("archives/once")).asUtf8String())
                .isEqualTo("second, longer version");
    }

    @Test
    void a100MbArchiveIsStreamedToCephWithA128MbHeap(S3ProxyServer aws, CephRgwServer ceph, @TempDir Path tmp) throws Exception {
        String prefix = "it-big";
        Path archive = generateArchive(tmp.resolve("big.tar.gz"), 100L * 1024 * 1024);
        String sourceSha = sha256(Files.newInputStream(archive));
        String key = "42/" + CLUSTER + "/20210208003202-0123456789abcdef0123456789abcdef";
        S3Client awsS3 = PipelineUnderTest.ingressBucket(aws, prefix);
        S3Client cephS3 = PipelineUnderTest.datahubBucket(ceph, prefix);
        awsS3.putObject(b -> b.bucket(prefix + "-ingress").key(key), RequestBody.fromFile(archive));

        S3Credentials a = aws.credentials();
        S3Credentials c = ceph.credentials();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", classpath, HeapCappedCopy.class.getName(),
                a.endpoint(), a.accessKey(), a.secretKey(), prefix + "-ingress",
                c.endpoint(), c.accessKey(), c.secretKey(), prefix + "-datahub",
                CLUSTER, key, Long.toString(16L * 1024 * 1024)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        String result = output.lines().filter(l -> l.startsWith("bytes=")).findFirst().orElseThrow();
        long millis = Long.parseLong(result.replaceAll(".*millis=(\\d+).*", "$1"));
        System.out.printf("[archive-sync] %s -> %.1f MiB/s with -Xmx128m%n", result,
                Files.size(archive) / 1048576.0 / (millis / 1000.0));
        assertThat(result).contains("bytes=" + Files.size(archive));

        String path = "archives/compressed/0a/" + CLUSTER + "/202102/08/003202.tar.gz";
        try (InputStream copy = cephS3.getObject(b -> b.bucket(prefix + "-datahub").key(path))) {
            assertThat(sha256(copy)).isEqualTo(sourceSha);
        }
    }

    /** A real tar.gz of incompressible content, written streaming: the test JVM never holds it either. */
    static Path generateArchive(Path file, long approxBytes) throws Exception {
        GzipParameters fast = new GzipParameters();
        fast.setCompressionLevel(1);
        Random random = new Random(42);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out, fast))) {
            tar.putArchiveEntry(entry("config/id", 36));
            tar.write(CLUSTER.getBytes(StandardCharsets.US_ASCII));
            tar.closeArchiveEntry();
            long chunks = approxBytes / chunk.length;
            tar.putArchiveEntry(entry("config/blob.bin", chunks * chunk.length));
            for (long i = 0; i < chunks; i++) {
                random.nextBytes(chunk);
                tar.write(chunk);
            }
            tar.closeArchiveEntry();
        }
        return file;
    }

    private static TarArchiveEntry entry(String name, long size) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(size);
        return e;
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream d = new DigestInputStream(in, sha)) {
            d.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}

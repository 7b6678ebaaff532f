package archive;

import archive.ArchiveRejectedException.Reason;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import testing.TarGz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ArchiveReaderTest {

    private static final long MIB = 1024 * 1024;
    private final ArchiveReader defaults = new ArchiveReader(ArchiveLimits.defaults());

    // ---- the real sample ----

    @Test
    void readsEveryRegularFileOfTheSample() throws IOException {
        ArchiveFiles files = defaults.read(new ByteArrayInputStream(SampleArchive.originalBytes()), FileSelector.all());

        assertThat(files.paths()).hasSize(224)
                .contains("config/version.json", "config/id", "config/metrics", "insights-operator/gathers.json")
                .allSatisfy(path -> assertThat(path).doesNotStartWith("./").doesNotStartWith("/"));
        assertThat(files.entriesSeen()).isEqualTo(224 + 181); // files and directories
        assertThat(files.uncompressedBytesSeen()).isBetween(1_500_000L, 2_000_000L);
        assertThat(files.skippedEntries()).isEmpty();
        assertThat(files.json("config/version.json").orElseThrow().at("/spec/channel").asText()).isEqualTo("stable-4.7");
        assertThat(files.text("config/id").orElseThrow().trim()).isEqualTo("d669cb71-8256-4e8b-a8df-333a5e2dd753");
    }

    @Test
    void keepsOnlyTheSelectedFiles() throws IOException {
        FileSelector wanted = FileSelector.of("config/version.json", "config/clusteroperator/*.json");

        ArchiveFiles files = defaults.read(new ByteArrayInputStream(SampleArchive.originalBytes()), wanted);

        assertThat(files.paths()).hasSize(32).contains("config/version.json", "config/clusteroperator/etcd.json")
                .doesNotContain("config/clusteroperator/imageregistry.operator.openshift.io/config/cluster.json",
                        "config/id");
        assertThat(files.entriesSeen()).isEqualTo(405); // every entry is still walked and counted
    }

    @Test
    void clusterIdReaderUsesTheReader() throws IOException {
        Path tmp = Files.createTempFile("sample", ".tar.gz");
        try {
            Files.write(tmp, SampleArchive.originalBytes());
            assertThat(ClusterIdReader.clusterId(tmp)).contains("d669cb71-8256-4e8b-a8df-333a5e2dd753");
            Files.write(tmp, SampleArchive.load().with("config/id", "not-an-id").bytes());
            assertThat(ClusterIdReader.clusterId(tmp)).isEmpty();
        } finally {
            Files.delete(tmp);
        }
    }

    // ---- paths ----

    @Test
    void normalizesHarmlessPathForms() throws IOException {
        byte[] archive = new TarGz().file("./a//b/./c.json", "{}").file("plain.txt", "x").bytes();

        assertThat(defaults.read(new ByteArrayInputStream(archive), FileSelector.all()).paths())
                .containsExactly("a/b/c.json", "plain.txt");
    }

    @Test
    void rejectsParentSegments() {
        for (String name : new String[]{"../x", "./config/../../etc/passwd", "config/..", "a\\..\\b"}) {
            byte[] archive = new TarGz().file("ok.txt", "x").file(name, "evil").bytes();
            assertThat(rejection(defaults, archive).reason()).as(name).isEqualTo(Reason.PARENT_SEGMENT);
        }
    }

    @Test
    void rejectsAbsolutePaths() {
        byte[] archive = new TarGz().file("/etc/passwd", "root:x:0:0").bytes();

        ArchiveRejectedException e = rejection(defaults, archive);

        assertThat(e.reason()).isEqualTo(Reason.ABSOLUTE_PATH);
        assertThat(e).hasMessageContaining("/etc/passwd");
    }

    @Test
    void rejectsTooLongPaths() {
        String longName = "config/" + "x".repeat(600) + ".json";
        byte[] archive = new TarGz().file(longName, "{}").bytes();

        ArchiveRejectedException e = rejection(defaults, archive);

        assertThat(e.reason()).isEqualTo(Reason.PATH_LENGTH);
        assertThat(e).hasMessageContaining("612 characters").hasMessageContaining("512-character limit");
    }

    @Test
    void boundsHugeLongNameRecordsBeforeTheyAreBuffered() {
        ArchiveReader lenient = new ArchiveReader(ArchiveLimits.defaults().withMaxPathLength(Integer.MAX_VALUE));
        byte[] archive = new TarGz().gnuLongName(3 * MIB, "{}").bytes();

        assertThat(rejection(lenient, archive).reason()).isEqualTo(Reason.HEADER_BYTES);
    }

    // ---- links ----

    @Test
    void skipsSymbolicLinksWithoutFollowingThem() throws IOException {
        byte[] archive = new TarGz()
                .symlink("config/version.json", "/etc/passwd")
                .symlink("config/id", "../../../etc/shadow")
                .file("config/infrastructure.json", "{}")
                .bytes();

        ArchiveFiles files = defaults.read(new ByteArrayInputStream(archive), FileSelector.all());

        assertThat(files.paths()).containsExactly("config/infrastructure.json");
        assertThat(files.has("config/version.json")).isFalse();
        assertThat(files.skippedEntries()).containsExactly(
                "config/version.json (symbolic link to /etc/passwd)",
                "config/id (symbolic link to ../../../etc/shadow)");
    }

    @Test
    void skipsHardLinksWithoutResolvingThem() throws IOException {
        byte[] archive = new TarGz()
                .file("config/id", "d669cb71-8256-4e8b-a8df-333a5e2dd753")
                .hardlink("config/version.json", "config/id")
                .bytes();

        ArchiveFiles files = defaults.read(new ByteArrayInputStream(archive), FileSelector.all());

        assertThat(files.paths()).containsExactly("config/id");
        assertThat(files.skippedEntries()).containsExactly("config/version.json (hard link to config/id)");
    }

    @Test
    void skipsDevicesAndFifos() throws IOException {
        byte[] archive = new TarGz()
                .special("dev/sda", TarConstants.LF_BLK)
                .special("run/pipe", TarConstants.LF_FIFO)
                .file("config/id", "x")
                .bytes();

        ArchiveFiles files = defaults.read(new ByteArrayInputStream(archive), FileSelector.all());

        assertThat(files.paths()).containsExactly("config/id");
        assertThat(files.skippedEntries()).containsExactly("dev/sda (device)", "run/pipe (fifo)");
    }

    @Test
    void rejectsSparseFiles() {
        byte[] archive = new TarGz()
                .special("config/metrics", TarConstants.LF_GNUTYPE_SPARSE)
                .bytes();

        assertThat(rejection(defaults, archive).reason()).isEqualTo(Reason.UNSUPPORTED_ENTRY);
    }

    // ---- sizes and counts ----

    @Test
    void rejectsAGzipBombByItsExpandedSize() {
        // 100 MiB of zeros compress to ~100 KiB; the 1 MiB total limit stops it long before inflating it all.
        ArchiveReader reader = new ArchiveReader(ArchiveLimits.defaults().withMaxTotalBytes(MIB).withMaxEntryBytes(1024 * MIB));
        byte[] archive = new TarGz().zeros("config/metrics", 100 * MIB).bytes();
        assertThat(archive.length).isLessThan(1024 * 1024);

        ArchiveRejectedException e = rejection(reader, archive);

        assertThat(e.reason()).isEqualTo(Reason.TOTAL_BYTES);
        assertThat(e).hasMessageContaining("beyond 1048576 bytes");
    }

    @Test
    void countsBytesHiddenAfterTheTarEndMarker() {
        ArchiveReader reader = new ArchiveReader(ArchiveLimits.defaults().withMaxTotalBytes(MIB));
        byte[] archive = new TarGz().file("config/id", "x").bytesWithTrailingZeros(100 * MIB);

        assertThat(rejection(reader, archive).reason()).isEqualTo(Reason.TOTAL_BYTES);
    }

    @Test
    void countsUnselectedEntriesTowardsTheTotal() {
        ArchiveReader reader = new ArchiveReader(ArchiveLimits.defaults().withMaxTotalBytes(MIB));
        byte[] archive = new TarGz().zeros("a.bin", 600 * 1024).zeros("b.bin", 600 * 1024).bytes();

        ArchiveRejectedException e = catchThrowableOfType(ArchiveRejectedException.class,
                () -> reader.read(new ByteArrayInputStream(archive), FileSelector.of("wanted.json")));

        assertThat(e.reason()).isEqualTo(Reason.TOTAL_BYTES);
    }

    @Test
    void rejectsAHugeEntryBeforeReadingIt() {
        ArchiveReader reader = new ArchiveReader(ArchiveLimits.defaults().withMaxEntryBytes(MIB));
        byte[] archive = new TarGz().file("config/id", "x").zeros("config/metrics", 2 * MIB).bytes();

        ArchiveRejectedException e = rejection(reader, archive);

        assertThat(e.reason()).isEqualTo(Reason.ENTRY_BYTES);
        assertThat(e).hasMessageContaining("config/metrics has 2097152 bytes, over the 1048576-byte limit");
    }

    @Test
    void rejectsTooManyEntries() {
        ArchiveReader reader = new ArchiveReader(ArchiveLimits.defaults().withMaxEntries(10));
        TarGz tar = new TarGz();
        for (int i = 0; i < 11; i++) {
            tar.file("f" + i, "");
        }

        ArchiveRejectedException e = rejection(reader, tar.bytes());

        assertThat(e.reason()).isEqualTo(Reason.ENTRY_COUNT);
        assertThat(e).hasMessageContaining("more than 10 entries");
    }

    @Test
    void directoriesCountAsEntries() {
        ArchiveReader reader = new ArchiveReader(ArchiveLimits.defaults().withMaxEntries(3));
        byte[] archive = new TarGz().directory("a").directory("a/b").directory("a/b/c").directory("a/b/c/d").bytes();

        assertThat(rejection(reader, archive).reason()).isEqualTo(Reason.ENTRY_COUNT);
    }

    // ---- broken input ----

    @Test
    void rejectsNonGzipInput() {
        ArchiveRejectedException e = rejection(defaults, "this is not an archive".getBytes(StandardCharsets.UTF_8));

        assertThat(e.reason()).isEqualTo(Reason.NOT_GZIP);
    }

    @Test
    void rejectsEmptyInput() {
        assertThat(rejection(defaults, new byte[0]).reason()).isIn(Reason.NOT_GZIP, Reason.TRUNCATED);
    }

    @Test
    void rejectsGzipThatHoldsNoTar() throws IOException {
        // Shorter than one tar header: the tar layer alone would take it for an empty archive.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out)) {
            gzip.write("hello, not a tar".getBytes(StandardCharsets.UTF_8));
        }
        ArchiveRejectedException e = rejection(defaults, out.toByteArray());
        assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
        assertThat(e.getMessage()).contains("not a tar archive");
        assertThat(rejection(defaults, new TarGz().bytes()).getMessage()).as("a tar without entries").contains("no tar entry");
    }

    @Test
    void rejectsTruncatedGzip() {
        byte[] sample = SampleArchive.originalBytes();
        for (int length : new int[]{20, sample.length / 2, sample.length - 4}) {
            byte[] truncated = Arrays.copyOf(sample, length);
            ArchiveRejectedException rejected = rejection(defaults, truncated);
            assertThat(rejected.reason()).as("cut at " + length).isEqualTo(Reason.TRUNCATED);
            assertThat(rejected.getMessage()).contains("truncated archive: input ends early").doesNotContain("(null)");
        }
    }

    @Test
    void rejectsCorruptGzipData() {
        byte[] corrupt = SampleArchive.originalBytes();
        for (int i = 2000; i < 2100; i++) {
            corrupt[i] ^= 0x5a;
        }

        assertThat(rejection(defaults, corrupt).reason()).isIn(Reason.CORRUPT, Reason.TRUNCATED);
    }

    @Test
    void rejectsGzipThatIsNotATar() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out)) {
            byte[] noise = new byte[4096];
            new Random(42).nextBytes(noise);
            gzip.write(noise);
        }

        assertThat(rejection(defaults, out.toByteArray()).reason()).isEqualTo(Reason.CORRUPT);
    }

    // ---- time ----

    @Test
    void stopsASlowStreamAtTheTimeBudget() {
        ArchiveReader reader = new ArchiveReader(ArchiveLimits.defaults().withTimeBudget(Duration.ofMillis(300)));
        InputStream trickle = new ByteArrayInputStream(SampleArchive.originalBytes()) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                sleep(5);
                return super.read(b, off, Math.min(len, 16));
            }
        };
        long start = System.nanoTime();

        ArchiveRejectedException e = catchThrowableOfType(ArchiveRejectedException.class,
                () -> reader.read(trickle, FileSelector.all()));

        assertThat(e.reason()).isEqualTo(Reason.TIME_BUDGET);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void unblocksAStalledStreamAtTheTimeBudget() {
        ArchiveReader reader = new ArchiveReader(ArchiveLimits.defaults().withTimeBudget(Duration.ofMillis(300)));
        byte[] head = Arrays.copyOf(SampleArchive.originalBytes(), 1000);
        CountDownLatch closed = new CountDownLatch(1);
        InputStream stalled = new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                if (pos < head.length) {
                    return head[pos++] & 0xff;
                }
                try {
                    closed.await(); // blocks like a dead socket, until closed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("stream closed");
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
        long start = System.nanoTime();

        ArchiveRejectedException e = catchThrowableOfType(ArchiveRejectedException.class,
                () -> reader.read(stalled, FileSelector.all()));

        assertThat(e.reason()).isEqualTo(Reason.TIME_BUDGET);
        assertThat(e).hasMessageContaining("300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void passesOnTheSourcesOwnFailureForARetry() {
        byte[] head = Arrays.copyOf(SampleArchive.originalBytes(), 5000);
        InputStream failing = new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                if (pos < head.length) {
                    return head[pos++] & 0xff;
                }
                throw new IOException("connection reset by peer");
            }
        };

        assertThatThrownBy(() -> defaults.read(failing, FileSelector.all()))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(ArchiveRejectedException.class)
                .hasMessage("connection reset by peer");
    }

    private static ArchiveRejectedException rejection(ArchiveReader reader, byte[] archive) {
        ArchiveRejectedException e = catchThrowableOfType(ArchiveRejectedException.class,
                () -> reader.read(new ByteArrayInputStream(archive), FileSelector.all()));
        assertThat(e).as("expected the archive to be rejected").isNotNull();
        assertThat(e).isInstanceOf(errors.BadInputException.class);
        return e;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

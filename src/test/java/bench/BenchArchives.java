package bench;

import archive.SampleArchive;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Archives for the benchmarks, all made from the bundled sample: copies with their own cluster id
 * (for many distinct uploads), and copies padded with incompressible files (for size growth).
 */
final class BenchArchives {
    /** Padding files stay under the reader's per-entry limit (64 MiB). */
    private static final long PAD_FILE_BYTES = 32L << 20;

    private final byte[] head;

    /**
     * The sample without {@code config/id}, as one gzip member holding every tar entry but the end
     * marker; {@link #withClusterId} appends a second member with {@code config/id} and the end.
     * Concatenated gzip members are valid gzip (RFC 1952), and the reader accepts them, so making
     * thousands of distinct archives costs one small compression each, not one of the whole sample.
     */
    BenchArchives() {
        SampleArchive sample = SampleArchive.load().without("config/id");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out)) {
            // 512-byte blocks: every record reaches the gzip stream at once (no partly filled 10 KiB block)
            TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, 512);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Map.Entry<String, byte[]> file : sample.files().entrySet()) {
                put(tar, file.getKey(), file.getValue());
            }
            tar.flush(); // no finish(): the end-of-archive blocks come with the last member
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.head = out.toByteArray();
    }

    /** A deterministic cluster id per index, distinct for distinct indexes. */
    static String clusterId(int i) {
        return UUID.nameUUIDFromBytes(("bench-cluster-" + i).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The sample archive whose {@code config/id} is {@code clusterId}. */
    byte[] withClusterId(String clusterId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + 1024);
        out.writeBytes(head);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out), 512)) {
            put(tar, "config/id", clusterId.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The sample plus incompressible padding files ({@code config/pad/N.bin}, read by no rule or
     * extractor) to about {@code approxBytes} in total, written streaming to {@code file}.
     */
    static Path padded(Path file, long approxBytes) throws IOException {
        GzipParameters fast = new GzipParameters();
        fast.setCompressionLevel(1);
        Random random = new Random(42);
        byte[] chunk = new byte[1 << 20];
        SampleArchive sample = SampleArchive.load();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out, fast))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> f : sample.files().entrySet()) {
                put(tar, f.getKey(), f.getValue());
            }
            long remaining = Math.max(0, approxBytes - SampleArchive.originalBytes().length);
            for (int n = 0; remaining > 0; n++) {
                long size = Math.min(PAD_FILE_BYTES, remaining);
                TarArchiveEntry entry = new TarArchiveEntry("./config/pad/" + n + ".bin");
                entry.setSize(size);
                tar.putArchiveEntry(entry);
                for (long left = size; left > 0; left -= chunk.length) {
                    random.nextBytes(chunk);
                    tar.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
                tar.closeArchiveEntry();
                remaining -= size;
            }
        }
        return file;
    }

    private static void put(TarArchiveOutputStream tar, String path, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry("./" + path);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}

package testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * The tests' one {@code .tar.gz} builder: hand-made (hostile) archives for the reader tests and the
 * hostile-input suite, written as a stream (data entries of zeros compress to almost nothing), and
 * the regular files of an archive read into a map and written back ({@link #regularFiles}, {@link #of}).
 */
public final class TarGz {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final GzipCompressorOutputStream gzip;
    private final TarArchiveOutputStream tar;

    public TarGz() {
        try {
            gzip = new GzipCompressorOutputStream(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tar = new TarArchiveOutputStream(gzip);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /**
     * A GNU long-name record ({@code ././@LongLink}, type 'L') of {@code length} name bytes, streamed,
     * followed by the entry it names. Written by hand: the library's own encoder is quadratic in the
     * name length.
     */
    public TarGz gnuLongName(long length, String content) {
        TarArchiveEntry longName = new TarArchiveEntry("././@LongLink", TarConstants.LF_GNUTYPE_LONGNAME);
        longName.setSize(length);
        try {
            tar.putArchiveEntry(longName);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            for (long left = length; left > 0; left -= chunk.length) {
                tar.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file("placeholder", content);
    }

    public TarGz file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public TarGz file(String name, byte[] content) {
        // preserveAbsolutePath: keep "/etc/passwd" as written, the way a hostile tool would
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        return put(entry, content);
    }

    /** An entry of {@code size} zero bytes, streamed: never held in memory. */
    public TarGz zeros(String name, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(size);
        try {
            tar.putArchiveEntry(entry);
            writeZeros(tar, size);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public TarGz symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        return put(entry, new byte[0]);
    }

    public TarGz hardlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        return put(entry, new byte[0]);
    }

    /** An entry of another type (FIFO, device, sparse file...), no data. */
    public TarGz special(String name, byte linkFlag) {
        return put(new TarArchiveEntry(name, linkFlag, true), new byte[0]);
    }

    public TarGz directory(String name) {
        return put(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true), new byte[0]);
    }

    /** Closes the tar (end marker), then the gzip. */
    public byte[] bytes() {
        try {
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Closes the tar, then appends {@code size} zero bytes inside the same gzip stream after the end marker. */
    public byte[] bytesWithTrailingZeros(long size) {
        try {
            tar.finish();
            writeZeros(gzip, size);
            gzip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The archive of these regular files, each entry named {@code ./<path>} as the insights-operator
     * writes them, in the map's order.
     */
    public static byte[] of(Map<String, byte[]> files) {
        TarGz tar = new TarGz();
        files.forEach((path, content) -> tar.file("./" + path, content));
        return tar.bytes();
    }

    /** The regular files of a {@code .tar.gz}, in archive order, each under {@code name} of its entry name. */
    public static Map<String, byte[]> regularFiles(InputStream tarGz, UnaryOperator<String> name) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(tarGz))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    files.put(name.apply(entry.getName()), tar.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public static Map<String, byte[]> regularFiles(byte[] tarGz, UnaryOperator<String> name) {
        return regularFiles(new ByteArrayInputStream(tarGz), name);
    }

    /** Plain gzip of {@code content}: valid gzip, but no tar inside. */
    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The first half of {@code archive}. */
    public static byte[] truncated(byte[] archive) {
        return Arrays.copyOf(archive, archive.length / 2);
    }

    /** The gzip CRC-32 of the trailer flipped: every byte inflates, the checksum does not match. */
    public static byte[] badChecksum(byte[] archive) {
        byte[] copy = archive.clone();
        copy[copy.length - 8] ^= (byte) 0xff;
        return copy;
    }

    private TarGz put(TarArchiveEntry entry, byte[] content) {
        try {
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private static void writeZeros(OutputStream out, long size) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        for (long left = size; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
    }
}

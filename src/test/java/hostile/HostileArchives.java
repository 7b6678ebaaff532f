package hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Hostile {@code .tar.gz} archives, built in memory (data entries of zeros compress to almost nothing). */
final class HostileArchives {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    HostileArchives() {
        try {
            tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    HostileArchives file(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        // preserveAbsolutePath: keep "/etc/passwd" as written, the way a hostile tool would
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(bytes.length);
        return put(entry, bytes);
    }

    /** A regular entry of {@code size} zero bytes, streamed. */
    HostileArchives zeros(String name, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(size);
        try {
            tar.putArchiveEntry(entry);
            byte[] chunk = new byte[64 * 1024];
            for (long left = size; left > 0; left -= chunk.length) {
                tar.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    HostileArchives symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        return put(entry, new byte[0]);
    }

    HostileArchives hardlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        return put(entry, new byte[0]);
    }

    HostileArchives special(String name, byte linkFlag) {
        return put(new TarArchiveEntry(name, linkFlag, true), new byte[0]);
    }

    byte[] bytes() {
        try {
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private HostileArchives put(TarArchiveEntry entry, byte[] content) {
        try {
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Plain gzip of {@code content}: valid gzip, but no tar inside. */
    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] truncated(byte[] archive) {
        return Arrays.copyOf(archive, archive.length / 2);
    }

    /** The gzip CRC-32 of the trailer flipped: every byte inflates, the checksum does not match. */
    static byte[] badChecksum(byte[] archive) {
        byte[] copy = archive.clone();
        copy[copy.length - 8] ^= (byte) 0xff;
        return copy;
    }
}

package archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Hand-made (hostile) {@code .tar.gz} archives for reader tests, written as a stream. */
final class TarGz {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final GzipCompressorOutputStream gzip;
    private final TarArchiveOutputStream tar;

    TarGz() {
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
    TarGz gnuLongName(long length, String content) {
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

    TarGz file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    TarGz file(String name, byte[] content) {
        // preserveAbsolutePath: keep "/etc/passwd" as written, the way a hostile tool would
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        return put(entry, content);
    }

    /** An entry of {@code size} zero bytes, streamed: never held in memory. */
    TarGz zeros(String name, long size) {
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

    TarGz symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        return put(entry, new byte[0]);
    }

    TarGz hardlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        return put(entry, new byte[0]);
    }

    /** An entry of another type (FIFO, device, sparse file...), no data. */
    TarGz special(String name, byte linkFlag) {
        return put(new TarArchiveEntry(name, linkFlag, true), new byte[0]);
    }

    TarGz directory(String name) {
        return put(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true), new byte[0]);
    }

    /** Closes the tar (end marker), then the gzip. */
    byte[] bytes() {
        try {
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Closes the tar, then appends {@code size} zero bytes inside the same gzip stream after the end marker. */
    byte[] bytesWithTrailingZeros(long size) {
        try {
            tar.finish();
            writeZeros(gzip, size);
            gzip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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

package archive;

import archive.ArchiveRejectedException.Reason;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads an insights-operator archive ({@code .tar.gz}) in one pass, keeping the bytes of the selected
 * regular files only, and rejects hostile input with {@link ArchiveRejectedException}:
 * <ul>
 *   <li>every {@link ArchiveLimits} limit is checked while streaming: total uncompressed bytes (every
 *       entry, selected or not, and the tar headers), bytes per entry (declared size, before any data
 *       is read), entry count, stored path length, and the time budget on every read;</li>
 *   <li>absolute paths and any {@code ..} segment reject the archive: a well-formed archive never has
 *       them, so they are an attack, not a quirk;</li>
 *   <li>links are never resolved: symbolic and hard links, devices and FIFOs are skipped (listed in
 *       {@link ArchiveFiles#skippedEntries()}). The insights-operator never writes them; a link
 *       cannot make the reader read anything but the stream, and the archive's regular files stay
 *       usable. Sparse files are rejected: their holes expand outside every byte count;</li>
 *   <li>non-gzip, truncated and corrupt input is rejected; the gzip stream is read to its end, so a
 *       bad checksum or trailing garbage is seen too;</li>
 *   <li>a stalled source is closed by a watchdog when the time budget runs out, so the blocked read
 *       fails instead of hanging the caller.</li>
 * </ul>
 * An {@link IOException} thrown by the source stream itself (network, storage) is passed on as is: it
 * says nothing about the archive and may be worth a retry. The caller owns the stream; it is only
 * closed here when the time budget runs out.
 */
public final class ArchiveReader {

    /**
     * Bytes the tar layer may consume between two entries beyond their data: headers, padding, PAX
     * and GNU long-name records. commons-compress buffers those records whole, so this bounds memory.
     */
    static final int MAX_HEADER_BYTES = 1024 * 1024;

    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:[/\\\\].*");
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "archive-reader-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final ArchiveLimits limits;

    public ArchiveReader(ArchiveLimits limits) {
        this.limits = limits;
    }

    public ArchiveLimits limits() {
        return limits;
    }

    /** Reads the gzip tar stream once, keeping the bytes of the selected regular files only; enforces every limit. */
    public ArchiveFiles read(InputStream tarGz, FileSelector wanted) throws IOException {
        return read(tarGz, wanted, path -> false);
    }

    /**
     * As {@link #read(InputStream, FileSelector)}, but stops at the first selected file whose path
     * matches {@code stopAt}: nothing after it is read (the rest of the stream is the caller's to
     * abort), so the limits and the trailer checks apply to what came before it only.
     */
    public ArchiveFiles read(InputStream tarGz, FileSelector wanted, Predicate<String> stopAt) throws IOException {
        long deadline = System.nanoTime() + limits.timeBudget().toNanos();
        SourceStream source = new SourceStream(tarGz, deadline, limits);
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(source::expire,
                limits.timeBudget().toNanos(), TimeUnit.NANOSECONDS);
        try {
            return readTar(source, wanted, stopAt, deadline);
        } catch (IOException | RuntimeException e) {
            throw classify(e, source);
        } finally {
            watchdog.cancel(false);
        }
    }

    private ArchiveFiles readTar(SourceStream source, FileSelector wanted, Predicate<String> stopAt, long deadline) throws IOException {
        GzipCompressorInputStream gzip;
        try {
            // Concatenated members are valid gzip; the byte count below covers all of them.
            gzip = new GzipCompressorInputStream(new BufferedInputStream(source, 64 * 1024), true);
        } catch (IOException e) {
            if (source.failure() != null || source.expired()) {
                throw e; // classified by the caller
            }
            throw new ArchiveRejectedException(Reason.NOT_GZIP, "input is not gzip data (" + e.getMessage() + ")", e);
        }
        InflatedStream inflated = new InflatedStream(gzip, deadline, limits);
        TarArchiveInputStream tar = new TarArchiveInputStream(inflated, StandardCharsets.UTF_8.name());
        SortedMap<String, byte[]> kept = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        byte[] scratch = new byte[64 * 1024];
        Predicate<String> selected = wanted.matcher();
        int entries = 0;
        long declaredTotal = 0;
        while (true) {
            inflated.startHeader();
            TarArchiveEntry entry = tar.getNextEntry();
            inflated.endHeader();
            if (entry == null) {
                break;
            }
            if (++entries > limits.maxEntries()) {
                throw new ArchiveRejectedException(Reason.ENTRY_COUNT,
                        "more than " + limits.maxEntries() + " entries (limit maxEntries)");
            }
            String path = normalize(entry.getName());
            if (entry.isSparse()) {
                // Holes are made up by the tar layer, not inflated: the total limit would not see them.
                // The insights-operator never writes sparse files.
                throw new ArchiveRejectedException(Reason.UNSUPPORTED_ENTRY, "sparse file entry " + path);
            }
            if (!isRegularFile(entry)) {
                if (!entry.isDirectory()) {
                    skipped.add(path + " (" + typeName(entry) + ")");
                }
                continue; // never followed, never read: a link's target is just a string here
            }
            long size = entry.getSize();
            if (size > limits.maxEntryBytes()) {
                throw new ArchiveRejectedException(Reason.ENTRY_BYTES, "entry " + path + " has " + size
                        + " bytes, over the " + limits.maxEntryBytes() + "-byte limit (maxEntryBytes)");
            }
            declaredTotal += size;
            if (declaredTotal > limits.maxTotalBytes()) {
                throw totalBytes();
            }
            if (selected.test(path)) {
                byte[] data = tar.readNBytes((int) size);
                if (data.length != size) {
                    throw new ArchiveRejectedException(Reason.TRUNCATED,
                            "entry " + path + " ends after " + data.length + " of " + size + " bytes");
                }
                kept.put(path, data);
                if (stopAt.test(path)) {
                    return new ArchiveFiles(kept, entries, inflated.count(), skipped);
                }
            } else {
                // Read rather than skip: the data still passes through the byte count and the clock.
                while (tar.read(scratch) >= 0) {
                    // discard
                }
            }
        }
        if (entries == 0) {
            // The tar layer takes a stream shorter than one 512-byte header for an empty archive:
            // gzip of anything short would pass as an archive without files.
            throw new ArchiveRejectedException(Reason.CORRUPT, "not a tar archive: the gzip data holds no tar entry ("
                    + inflated.count() + " bytes)");
        }
        // The tar end marker may come before the end of the gzip stream: read on, so a bad gzip
        // trailer, trailing garbage or a bomb hidden after the marker is still seen and counted.
        while (inflated.read(scratch) >= 0) {
            // discard
        }
        return new ArchiveFiles(kept, entries, inflated.count(), skipped);
    }

    /** The normalized path ({@code ./a//b/} → {@code a/b}); rejects over-long, absolute and {@code ..} paths. */
    String normalize(String name) {
        if (name.length() > limits.maxPathLength()) {
            throw new ArchiveRejectedException(Reason.PATH_LENGTH, "entry path of " + name.length()
                    + " characters, over the " + limits.maxPathLength() + "-character limit (maxPathLength): "
                    + name.substring(0, Math.min(80, name.length())) + "...");
        }
        boolean driveLetter = name.length() > 2 && name.charAt(1) == ':' && DRIVE_LETTER.matcher(name).matches();
        if (name.startsWith("/") || name.startsWith("\\") || driveLetter) {
            throw new ArchiveRejectedException(Reason.ABSOLUTE_PATH, "absolute entry path " + name);
        }
        StringBuilder out = new StringBuilder(name.length());
        // String.split on one plain character does not compile a regex: this runs for every entry.
        for (String segment : name.split("/")) {
            // A backslash is an ordinary character in a tar name, but "..\x" is refused all the
            // same: it would climb out on a system that treats it as a separator.
            if (segment.equals("..") || segment.indexOf('\\') >= 0 && Arrays.asList(segment.split("\\\\")).contains("..")) {
                throw new ArchiveRejectedException(Reason.PARENT_SEGMENT, "entry path with a '..' segment: " + name);
            }
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment);
        }
        return out.toString();
    }

    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        boolean regularFlag = flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM
                || flag == TarConstants.LF_CONTIG;
        return regularFlag && !entry.getName().endsWith("/");
    }

    private static String typeName(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return "symbolic link to " + entry.getLinkName();
        }
        if (entry.isLink()) {
            return "hard link to " + entry.getLinkName();
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            return "device";
        }
        if (entry.isFIFO()) {
            return "fifo";
        }
        return "type '" + (char) entry.getLinkFlag() + "'";
    }

    private ArchiveRejectedException totalBytes() {
        return new ArchiveRejectedException(Reason.TOTAL_BYTES, "archive expands beyond "
                + limits.maxTotalBytes() + " bytes (limit maxTotalBytes)");
    }

    /**
     * A failure of the source stream itself (network, storage) is rethrown as is: it says nothing
     * about the archive. Anything else the gzip or tar layer throws means the archive is bad.
     */
    private RuntimeException classify(Exception e, SourceStream source) throws IOException {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ArchiveRejectedException rejected) {
                return rejected;
            }
        }
        if (source.expired()) {
            return timeBudget(limits, e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t == source.failure()) {
                if (e instanceof IOException io) {
                    throw io;
                }
                return (RuntimeException) e;
            }
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof EOFException || message.toLowerCase(Locale.ROOT).contains("truncated")
                || message.contains("Unexpected end")) {
            // an EOFException often has no message: say what ended rather than "(null)"
            String detail = e.getMessage() == null ? "the gzip or tar stream stops mid-entry" : message;
            return new ArchiveRejectedException(Reason.TRUNCATED, "truncated archive: input ends early (" + detail + ")", e);
        }
        return new ArchiveRejectedException(Reason.CORRUPT, "corrupt gzip or tar data (" + e + ")", e);
    }

    /** An input read under the time budget: the clock is checked before every read. */
    private abstract static class BudgetedStream extends InputStream {
        final InputStream in;
        final long deadline;
        final ArchiveLimits limits;

        BudgetedStream(InputStream in, long deadline, ArchiveLimits limits) {
            this.in = in;
            this.deadline = deadline;
            this.limits = limits;
        }

        abstract int readInBudget(byte[] b, int off, int len) throws IOException;

        @Override
        public final int read(byte[] b, int off, int len) throws IOException {
            checkClock(deadline, limits);
            return readInBudget(b, off, len);
        }

        @Override
        public final int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }
    }

    /**
     * The compressed input: checks the clock on every read, remembers the source's own exceptions,
     * and is closed by the watchdog when the budget is spent.
     */
    private static final class SourceStream extends BudgetedStream {
        private volatile boolean expired;
        private volatile Throwable failure;

        SourceStream(InputStream in, long deadline, ArchiveLimits limits) {
            super(in, deadline, limits);
        }

        void expire() {
            expired = true;
            try {
                in.close();
            } catch (IOException | RuntimeException ignored) {
                // the stream is being abandoned; closing is only to unblock a stalled read
            }
        }

        boolean expired() {
            return expired;
        }

        Throwable failure() {
            return failure;
        }

        @Override
        int readInBudget(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                if (expired) {
                    throw timeBudget(limits, e);
                }
                failure = e;
                throw e;
            }
            if (expired) {
                throw timeBudget(limits, null);
            }
            return n;
        }
    }

    /** The uncompressed tar stream: counts every byte against the total, the header allowance and the clock. */
    private final class InflatedStream extends BudgetedStream {
        private long count;
        private long headerStart = -1;

        InflatedStream(InputStream in, long deadline, ArchiveLimits limits) {
            super(in, deadline, limits);
        }

        void startHeader() {
            headerStart = count;
        }

        void endHeader() {
            headerStart = -1;
        }

        long count() {
            return count;
        }

        @Override
        int readInBudget(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
                if (count > limits.maxTotalBytes()) {
                    throw totalBytes();
                }
                if (headerStart >= 0 && count - headerStart > MAX_HEADER_BYTES) {
                    throw new ArchiveRejectedException(Reason.HEADER_BYTES, "more than " + MAX_HEADER_BYTES
                            + " bytes of tar header records (long names, PAX headers) before one entry");
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipping decompresses anyway; reading keeps every byte counted.
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }
    }

    private static void checkClock(long deadline, ArchiveLimits limits) {
        if (System.nanoTime() - deadline > 0) {
            throw timeBudget(limits, null);
        }
    }

    private static ArchiveRejectedException timeBudget(ArchiveLimits limits, Throwable cause) {
        return new ArchiveRejectedException(Reason.TIME_BUDGET, "not read within the time budget of "
                + limits.timeBudget().toMillis() + " ms (limit timeBudget)", cause);
    }
}

package archive;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link ArchiveReader} accepts from one archive. Every limit is enforced while streaming, so a
 * hostile archive is rejected after at most about its limit of work.
 *
 * @param maxTotalBytes  uncompressed tar stream bytes, counting every entry (selected or not) and
 *                       the tar headers: the gzip-bomb guard
 * @param maxEntryBytes  size of any one entry
 * @param maxEntries     number of tar entries of any type
 * @param maxPathLength  characters of an entry name as stored (before normalization)
 * @param timeBudget     wall-clock time for reading one archive
 */
public record ArchiveLimits(long maxTotalBytes, long maxEntryBytes, int maxEntries, int maxPathLength,
                            Duration timeBudget) {

    private static final long MIB = 1024L * 1024L;

    public ArchiveLimits {
        Objects.requireNonNull(timeBudget, "timeBudget");
        if (maxTotalBytes <= 0 || maxEntryBytes <= 0 || maxEntries <= 0 || maxPathLength <= 0
                || timeBudget.isNegative() || timeBudget.isZero()) {
            throw new IllegalArgumentException("archive limits must be positive: maxTotalBytes=" + maxTotalBytes
                    + ", maxEntryBytes=" + maxEntryBytes + ", maxEntries=" + maxEntries
                    + ", maxPathLength=" + maxPathLength + ", timeBudget=" + timeBudget);
        }
        if (maxEntryBytes > Integer.MAX_VALUE - 8) {
            // a kept entry is one byte array
            throw new IllegalArgumentException("maxEntryBytes above " + (Integer.MAX_VALUE - 8) + ": " + maxEntryBytes);
        }
    }

    /** From {@code ccx.archive.*}. */
    public static ArchiveLimits read(config.CcxProperties properties) {
        return new ArchiveLimits(properties.number("ccx.archive.max-total-bytes"), properties.number("ccx.archive.max-entry-bytes"),
                properties.integer("ccx.archive.max-entries"), properties.integer("ccx.archive.max-path-length"),
                properties.millis("ccx.archive.time-budget-ms"));
    }

    /** 512 MiB total uncompressed, 64 MiB per entry, 20000 entries, 512-character paths, 30 s. */
    public static ArchiveLimits defaults() {
        return new ArchiveLimits(512 * MIB, 64 * MIB, 20_000, 512, Duration.ofSeconds(30));
    }

    public ArchiveLimits withMaxTotalBytes(long value) {
        return new ArchiveLimits(value, maxEntryBytes, maxEntries, maxPathLength, timeBudget);
    }

    public ArchiveLimits withMaxEntryBytes(long value) {
        return new ArchiveLimits(maxTotalBytes, value, maxEntries, maxPathLength, timeBudget);
    }

    public ArchiveLimits withMaxEntries(int value) {
        return new ArchiveLimits(maxTotalBytes, maxEntryBytes, value, maxPathLength, timeBudget);
    }

    public ArchiveLimits withMaxPathLength(int value) {
        return new ArchiveLimits(maxTotalBytes, maxEntryBytes, maxEntries, value, timeBudget);
    }

    public ArchiveLimits withTimeBudget(Duration value) {
        return new ArchiveLimits(maxTotalBytes, maxEntryBytes, maxEntries, maxPathLength, value);
    }
}

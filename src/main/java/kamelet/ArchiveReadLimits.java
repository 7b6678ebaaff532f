package kamelet;

import archive.ArchiveLimits;
import archive.ArchiveReader;
import java.time.Duration;

/**
 * The safe archive reader's limits as Kamelet properties, for every bean that reads archives: its
 * {@code limits} property, bound from the Kamelet as {@code limits.maxTotalBytes} and so on.
 */
public final class ArchiveReadLimits {
    private long maxTotalBytes = 512L << 20;
    private long maxEntryBytes = 64L << 20;
    private int maxEntries = 20_000;
    private int maxPathLength = 512;
    private long timeBudgetMs = 30_000;

    /** A reader bound by these limits. */
    ArchiveReader reader() {
        return new ArchiveReader(new ArchiveLimits(maxTotalBytes, maxEntryBytes, maxEntries, maxPathLength, Duration.ofMillis(timeBudgetMs)));
    }

    public void setMaxTotalBytes(long maxTotalBytes) {
        this.maxTotalBytes = maxTotalBytes;
    }

    public void setMaxEntryBytes(long maxEntryBytes) {
        this.maxEntryBytes = maxEntryBytes;
    }

    public void setMaxEntries(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    public void setMaxPathLength(int maxPathLength) {
        this.maxPathLength = maxPathLength;
    }

    public void setTimeBudgetMs(long timeBudgetMs) {
        this.timeBudgetMs = timeBudgetMs;
    }
}

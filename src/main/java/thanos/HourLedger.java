package thanos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Which Thanos hours are done (their rows durably written), kept in a small JSON file,
 * {@code {"doneHours":["2021-02-12T08:00:00Z",…]}}, rewritten atomically (temp file, fsync, move)
 * on every {@link #markDone}, so a restart neither loses nor repeats an hour.
 *
 * <p>The backfill plan ({@link #pendingHours}) is the last {@code backfillHours} complete hours
 * not yet done, oldest first. An hour [H, H+1h) is complete once {@code now >= H+1h+settleDelay}:
 * the delay lets Thanos receive the hour's last samples (remote write, recording rules) before
 * it is queried. The current hour is never planned. An hour whose query failed is simply not
 * marked done and comes back in the next plan.
 *
 * <p>The file keeps the last {@code max(backfillHours, 720)} hours; older ones can no longer be
 * planned. A file that cannot be read fails loudly rather than re-querying (and re-writing) every
 * hour of the window.
 */
public final class HourLedger {
    static final int MIN_RETAINED_HOURS = 720;
    private static final ObjectMapper JSON = model.Json.mapper();

    private final Path file;
    private final int backfillHours;
    private final Duration settleDelay;
    private final TreeSet<Instant> done;

    private HourLedger(Path file, int backfillHours, Duration settleDelay, TreeSet<Instant> done) {
        this.file = file;
        this.backfillHours = backfillHours;
        this.settleDelay = settleDelay;
        this.done = done;
    }

    /**
     * Opens the ledger at {@code file}, empty when the file does not exist yet.
     *
     * @throws IllegalStateException when the file exists but is not a ledger
     */
    public static HourLedger open(Path file, int backfillHours, Duration settleDelay) {
        if (backfillHours < 1) {
            throw new IllegalArgumentException("backfillHours must be at least 1: " + backfillHours);
        }
        if (settleDelay.isNegative()) {
            throw new IllegalArgumentException("settleDelay must not be negative: " + settleDelay);
        }
        return new HourLedger(file, backfillHours, settleDelay, read(file));
    }

    /** The hours to query now: complete, within the backfill window, not done; oldest first. */
    public synchronized List<Instant> pendingHours(Instant now) {
        Instant newestComplete = now.minus(settleDelay).truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        List<Instant> plan = new ArrayList<>();
        for (int back = backfillHours - 1; back >= 0; back--) {
            Instant hour = newestComplete.minus(back, ChronoUnit.HOURS);
            if (!done.contains(hour)) {
                plan.add(hour);
            }
        }
        return plan;
    }

    public synchronized boolean isDone(Instant hourStart) {
        return done.contains(hourStart);
    }

    /** The hours done, oldest first (a copy). */
    public synchronized NavigableSet<Instant> doneHours() {
        return Collections.unmodifiableNavigableSet(new TreeSet<>(done));
    }

    /**
     * Records that the hour's rows are durably written, and persists the ledger before returning.
     *
     * @throws UncheckedIOException when the file cannot be written (the hour then stays undone)
     */
    public synchronized void markDone(Instant hourStart) {
        if (!hourStart.truncatedTo(ChronoUnit.HOURS).equals(hourStart)) {
            throw new IllegalArgumentException("not a whole hour: " + hourStart);
        }
        TreeSet<Instant> next = new TreeSet<>(done);
        next.add(hourStart);
        Instant oldestKept = next.last().minus(Math.max(backfillHours, MIN_RETAINED_HOURS), ChronoUnit.HOURS);
        next.headSet(oldestKept, false).clear();
        write(file, next);
        done.clear();
        done.addAll(next);
    }

    private static TreeSet<Instant> read(Path file) {
        TreeSet<Instant> hours = new TreeSet<>();
        if (!Files.exists(file)) {
            return hours;
        }
        try {
            JsonNode list = JSON.readTree(file.toFile()).path("doneHours");
            if (!list.isArray()) {
                throw new IllegalStateException("Thanos hour ledger " + file + " has no \"doneHours\" array");
            }
            for (JsonNode hour : list) {
                hours.add(Instant.parse(hour.asText()));
            }
            return hours;
        } catch (IOException | DateTimeParseException e) {
            throw new IllegalStateException("cannot read the Thanos hour ledger " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, TreeSet<Instant> hours) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("doneHours");
        hours.forEach(h -> list.add(h.toString()));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Thanos hour ledger " + file, e);
        }
    }
}

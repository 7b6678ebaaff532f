package aggregation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import parquet.ParquetTable;
import parquet.TablePartition;

/**
 * The Parquet factory's durable state: a directory per (table, hour),
 * {@code <dir>/<table>/<yyyy-MM-ddTHH>/}, holding
 * <ul>
 *   <li>{@code g<N>.open}: the generation still taking rows ({@link Spill});</li>
 *   <li>{@code g<N>.<id>.sealed}: a completed generation whose Parquet file is being written;</li>
 *   <li>{@code sources}: the sources of the generations already written, one per line, so a
 *       redelivered message is not written again; kept for the retention (the de-duplication
 *       horizon), then the directory goes.</li>
 * </ul>
 * Nothing else is kept: no row outlives its hour's file, so the state holds at most the open hours.
 */
public final class SpillStore {
    static final String SOURCES = "sources";
    private static final DateTimeFormatter HOUR_DIR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH", Locale.ROOT);
    private static final Pattern GENERATION = Pattern.compile("g(\\d+)(?:\\.([^.]+))?\\.(open|sealed)");

    private final Path root;
    private final boolean fsync;
    private final Set<Spill> open = ConcurrentHashMap.newKeySet();

    /**
     * @param fsync whether {@link #sync()} forces appended rows to the disk (a machine crash then
     *              loses nothing whose offset was committed); off, a process crash still loses nothing
     */
    public SpillStore(Path root, boolean fsync) {
        this.root = root;
        this.fsync = fsync;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Parquet state directory " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** A new generation for the partition, knowing every source stored for it before. */
    public Spill open(TablePartition partition) throws IOException {
        Path dir = Files.createDirectories(dir(partition));
        int next = generations(dir).stream().mapToInt(g -> g.number() + 1).max().orElse(0);
        Spill spill = Spill.create(partition, next, dir.resolve("g" + next + Spill.OPEN), storedSources(new PartitionDir(partition, dir)));
        open.add(spill);
        return spill;
    }

    /**
     * Every source stored for the partition by a sealed or written generation. Sealed generations are
     * read first, then the written record: a sealed file disappears only after its sources were
     * appended to that record, so reading in this order misses none.
     */
    private Set<String> storedSources(PartitionDir p) throws IOException {
        Set<String> stored = new HashSet<>();
        for (Spill sealed : sealed(p)) {
            stored.addAll(sealed.sources());
        }
        stored.addAll(writtenSources(p.dir()));
        return stored;
    }

    /** The open generations an earlier process left, each reopened for appends (torn tails cut off). */
    public Map<String, Spill> reopenAll() throws IOException {
        Map<String, Spill> reopened = new LinkedHashMap<>();
        for (PartitionDir p : partitions()) {
            for (Generation g : generations(p.dir())) {
                if (!g.sealed()) {
                    Spill spill = Spill.reopen(p.partition(), g.number(), g.file(), storedSources(p));
                    if (spill != null) {
                        open.add(spill);
                        reopened.put(p.partition().correlationKey(), spill);
                    }
                }
            }
        }
        return reopened;
    }

    /** The ids of sealed generations on disk (completed, file not confirmed written). */
    public Set<String> sealedIds() throws IOException {
        Set<String> ids = new HashSet<>();
        for (PartitionDir p : partitions()) {
            generations(p.dir()).stream().filter(Generation::sealed).forEach(g -> ids.add(g.sealedId()));
        }
        return ids;
    }

    /** The sealed generation of that id, read back from disk; empty when it is gone (written). */
    public Optional<Spill> findSealed(String id) throws IOException {
        for (PartitionDir p : partitions()) {
            for (Generation g : generations(p.dir())) {
                if (id.equals(g.sealedId())) {
                    try {
                        return Optional.of(Spill.sealed(p.partition(), g.number(), g.file(), id));
                    } catch (NoSuchFileException confirmed) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    private List<Spill> sealed(PartitionDir p) throws IOException {
        List<Spill> out = new ArrayList<>();
        for (Generation g : generations(p.dir())) {
            if (g.sealed()) {
                try {
                    out.add(Spill.sealed(p.partition(), g.number(), g.file(), g.sealedId()));
                } catch (NoSuchFileException gone) {
                    // confirmed meanwhile
                }
            }
        }
        return out;
    }

    /** One generation's file: {@code g<N>.open}, or {@code g<N>.<id>.sealed}. */
    private record Generation(int number, String sealedId, Path file) {
        boolean sealed() {
            return sealedId != null;
        }
    }

    private static List<Generation> generations(Path dir) throws IOException {
        List<Generation> out = new ArrayList<>();
        for (Path file : list(dir)) {
            Matcher m = GENERATION.matcher(file.getFileName().toString());
            if (m.matches()) {
                out.add(new Generation(Integer.parseInt(m.group(1)), m.group(3).equals("sealed") ? m.group(2) : null, file));
            }
        }
        return out;
    }

    /** Completes a generation: no more appends, it waits sealed for its Parquet file. */
    public void seal(Spill spill, String id) throws IOException {
        spill.seal(id);
        open.remove(spill);
    }

    /** The generation's file is in the bucket: its sources join the written record and its rows go. */
    public void confirm(Spill spill) throws IOException {
        Path dir = spill.file().getParent();
        StringBuilder lines = new StringBuilder();
        spill.sources().forEach(s -> lines.append(s).append('\n'));
        try (var out = java.nio.channels.FileChannel.open(dir.resolve(SOURCES), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            out.write(java.nio.ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)));
            if (fsync) {
                out.force(true);
            }
        }
        Files.deleteIfExists(spill.file());
    }

    /** Forces what was appended to every open generation to the disk (before offsets are committed). */
    public void sync() throws IOException {
        if (!fsync) {
            return;
        }
        for (Spill spill : open) {
            spill.sync();
        }
    }

    /** Flushes and closes open generations (shutdown): the next start reopens them. */
    public void closeAll() throws IOException {
        for (Spill spill : open) {
            spill.close();
        }
        open.clear();
    }

    /**
     * Deletes the directories of hours before {@code cutoff} that hold only the written record
     * (never an open or sealed generation).
     * @return the number of partitions forgotten
     */
    public int pruneBefore(Instant cutoff) throws IOException {
        int pruned = 0;
        for (PartitionDir p : partitions()) {
            if (p.partition().hour().isBefore(cutoff) && generations(p.dir()).isEmpty()) {
                for (Path file : list(p.dir())) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(p.dir());
                pruned++;
            }
        }
        return pruned;
    }

    /** Forgets which sources were written for every table of that hour, so they are written again (a re-run). */
    public int forgetWritten(Instant hour) throws IOException {
        int forgotten = 0;
        for (ParquetTable table : ParquetTable.values()) {
            if (Files.deleteIfExists(dir(new TablePartition(table, hour)).resolve(SOURCES))) {
                forgotten++;
            }
        }
        return forgotten;
    }

    /** Waits until no sealed generation is left (every completed hour written); false on timeout. */
    public boolean awaitWritten() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
        while (!sealedIds().isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Bytes of every file under the state directory. */
    public long bytesOnDisk() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Open generations right now. */
    public int openCount() {
        return open.size();
    }

    private Path dir(TablePartition partition) {
        return root.resolve(partition.table().tableName())
                .resolve(HOUR_DIR.format(LocalDateTime.ofInstant(partition.hour(), ZoneOffset.UTC)));
    }

    private record PartitionDir(TablePartition partition, Path dir) {
    }

    private List<PartitionDir> partitions() throws IOException {
        List<PartitionDir> out = new ArrayList<>();
        for (ParquetTable table : ParquetTable.values()) {
            Path tableDir = root.resolve(table.tableName());
            for (Path hourDir : list(tableDir)) {
                try {
                    Instant hour = LocalDateTime.parse(hourDir.getFileName() + ":00").toInstant(ZoneOffset.UTC);
                    out.add(new PartitionDir(new TablePartition(table, hour), hourDir));
                } catch (java.time.format.DateTimeParseException notOurs) {
                    // something else in the directory: left alone
                }
            }
        }
        return out;
    }

    private static List<String> writtenSources(Path dir) throws IOException {
        try {
            return Files.readAllLines(dir.resolve(SOURCES), StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return List.of();
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(out::add);
        } catch (NoSuchFileException gone) {
            return List.of();
        }
        return out;
    }
}

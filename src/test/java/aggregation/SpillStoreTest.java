package aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parquet.ParquetTable;
import parquet.TablePartition;

class SpillStoreTest {
    static final Instant HOUR = Instant.parse("2021-01-20T03:00:00Z");
    static final TablePartition RULE_HITS = new TablePartition(ParquetTable.RULE_HITS, HOUR);

    @TempDir
    Path dir;

    static SourceRows rows(String source, int n) {
        List<GenericRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(ParquetTable.RULE_HITS.row()
                    .set("cluster_id", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
                    .set("rule_id", "rule_" + i + "|KEY")
                    .set("collected_at", HOUR.toEpochMilli() + i)
                    .set("archive_path", source)
                    .build());
        }
        return new SourceRows(RULE_HITS, source, out);
    }

    static List<String> ruleIds(Spill spill) throws IOException {
        List<String> ids = new ArrayList<>();
        try (Spill.RowCursor cursor = spill.rows(true)) {
            cursor.forEachRemaining(r -> ids.add(r.get("rule_id").toString()));
        }
        return ids;
    }

    @Test
    void aSourceIsStoredOncePerPartitionAndItsRowsStreamBackInOrder() throws IOException {
        SpillStore store = new SpillStore(dir, true);
        Spill spill = store.open(RULE_HITS);
        assertThat(spill.append(rows("a", 3))).isTrue();
        assertThat(spill.append(rows("a", 3))).as("a redelivery").isFalse();
        assertThat(spill.append(rows("b", 2))).isTrue();
        store.sync();
        assertThat(spill.rows()).isEqualTo(5);
        assertThat(ruleIds(spill)).containsExactly("rule_0|KEY", "rule_1|KEY", "rule_2|KEY", "rule_0|KEY", "rule_1|KEY");
    }

    @Test
    void aTornTailIsCutOffOnReopenAndItsSourceCanBeStoredAgain() throws IOException {
        SpillStore store = new SpillStore(dir, true);
        Spill spill = store.open(RULE_HITS);
        spill.append(rows("a", 2));
        long whole = Files.size(spill.file());
        spill.append(rows("b", 50));
        Path file = spill.file();
        store.closeAll();
        // A crash in the middle of b's block: only part of it reached the file.
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(whole + (raf.length() - whole) / 2);
        }

        SpillStore restarted = new SpillStore(dir, true);
        Spill reopened = restarted.reopenAll().get(RULE_HITS.correlationKey());
        assertThat(Files.size(file)).isEqualTo(whole);
        assertThat(reopened.rows()).isEqualTo(2);
        assertThat(reopened.holds("a")).isTrue();
        assertThat(reopened.holds("b")).as("b was torn: redelivered, it is stored again").isFalse();
        assertThat(reopened.append(rows("b", 50))).isTrue();
        assertThat(ruleIds(reopened)).hasSize(52);
    }

    @Test
    void aWrittenGenerationsSourcesAreRememberedByTheNextGenerationOfTheHour() throws IOException {
        SpillStore store = new SpillStore(dir, true);
        Spill first = store.open(RULE_HITS);
        first.append(rows("a", 2));
        store.seal(first, "X1");
        assertThat(store.sealedIds()).containsExactly("X1");

        Spill late = store.open(RULE_HITS);
        assertThat(late.generation()).isEqualTo(1);
        assertThat(late.append(rows("a", 2))).as("sealed, not yet written: still a duplicate").isFalse();

        store.confirm(first);
        assertThat(store.sealedIds()).isEmpty();
        Spill later = store.open(RULE_HITS);
        assertThat(later.append(rows("a", 2))).as("written: a duplicate").isFalse();
        assertThat(later.append(rows("c", 1))).isTrue();
    }

    @Test
    void aSealedGenerationFoundAfterARestartIsRecoveredWithItsRows() throws IOException {
        SpillStore store = new SpillStore(dir, true);
        Spill spill = store.open(RULE_HITS);
        spill.append(rows("a", 4));
        store.seal(spill, "ID-7");

        Spill found = new SpillStore(dir, true).findSealed("ID-7").orElseThrow();
        assertThat(found.recovered()).isTrue();
        assertThat(found.partition()).isEqualTo(RULE_HITS);
        assertThat(found.rows()).isEqualTo(4);
        assertThat(ruleIds(found)).hasSize(4);
    }

    /** One generation of RULE_HITS holding {@code source}, sealed as {@code id} and confirmed written. */
    static void written(SpillStore store, String source, String id) throws IOException {
        Spill spill = store.open(RULE_HITS);
        spill.append(rows(source, 1));
        store.seal(spill, id);
        store.confirm(spill);
    }

    @Test
    void eachWrittenGenerationAddsOnlyItsOwnSourcesToTheWrittenRecord() throws IOException {
        SpillStore store = new SpillStore(dir, true);
        written(store, "a", "W1");
        written(store, "b", "W2");
        written(store, "c", "W3");
        Path record = dir.resolve("rule_hits").resolve("2021-01-20T03").resolve(SpillStore.SOURCES);
        assertThat(Files.readAllLines(record)).containsExactly("a", "b", "c");
    }

    @Test
    void pruningForgetsOnlyWrittenHoursOlderThanTheCutoff() throws IOException {
        SpillStore store = new SpillStore(dir, true);
        written(store, "a", "W");
        TablePartition pendingHour = new TablePartition(ParquetTable.RULE_HITS, HOUR.minusSeconds(3600));
        Spill pending = store.open(pendingHour);
        pending.append(new SourceRows(pendingHour, "p", List.of()));

        assertThat(store.pruneBefore(HOUR)).as("nothing written before the cutoff").isZero();
        assertThat(store.pruneBefore(HOUR.plusSeconds(7200))).as("the written hour only, never an open one").isEqualTo(1);
        assertThat(store.open(RULE_HITS).append(rows("a", 1))).as("forgotten: written again").isTrue();
        assertThat(pending.holds("p")).isTrue();
    }

    @Test
    void aRerunForgetsTheHoursWrittenSources() throws IOException {
        SpillStore store = new SpillStore(dir, true);
        written(store, "a", "W");
        assertThat(store.forgetWritten(HOUR)).isEqualTo(1);
        assertThat(store.open(RULE_HITS).append(rows("a", 1))).isTrue();
    }

    @Test
    void everyTablesRowsStreamBackWithTheirValuesAndMakeTheSameParquetFileAsTheRowsThemselves() throws IOException {
        for (ParquetTable table : ParquetTable.values()) {
            TablePartition partition = new TablePartition(table, HOUR);
            List<GenericRecord> rows = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                parquet.RowBuilder row = table.row();
                for (org.apache.avro.Schema.Field field : table.schema().getFields()) {
                    Class<?> type = switch (field.schema().getType()) {
                        case STRING -> String.class;
                        case LONG -> Long.class;
                        case INT -> Integer.class;
                        case BOOLEAN -> Boolean.class;
                        default -> throw new IllegalStateException(field.toString());
                    };
                    row.set(field.name(), type == String.class ? (i % 3 == 0 ? "" : "é✓ " + field.name() + " " + i % 7)
                            : type == Long.class ? HOUR.toEpochMilli() + i * 1000L : type == Integer.class ? i - 150 : (Object) (i % 2 == 0));
                }
                rows.add(row.build());
            }
            Spill spill = new SpillStore(dir.resolve(table.tableName()), true).open(partition);
            spill.append(new SourceRows(partition, "a", rows.subList(0, 100)));
            spill.append(new SourceRows(partition, "b", rows.subList(100, 300)));

            List<String> back = new ArrayList<>();
            try (Spill.RowCursor cursor = spill.rows(true)) {
                cursor.forEachRemaining(r -> back.add(r.toString()));
            }
            assertThat(back).as(table + ", reused records").isEqualTo(rows.stream().map(Object::toString).toList());
            try (Spill.RowCursor cursor = spill.rows(false)) {
                List<GenericRecord> copies = new ArrayList<>();
                cursor.forEachRemaining(copies::add);
                assertThat(copies).as(table + ", fresh records").isEqualTo(rows);
            }
            Path fromRows = dir.resolve(table + "-rows.parquet");
            Path fromSpill = dir.resolve(table + "-spill.parquet");
            new parquet.ParquetFileWriter(8L << 20).write(table, rows.iterator(), fromRows);
            try (Spill.RowCursor cursor = spill.rows(true)) {
                new parquet.ParquetFileWriter(8L << 20).write(table, cursor, fromSpill);
            }
            assertThat(Files.readAllBytes(fromSpill)).as(table + " file").isEqualTo(Files.readAllBytes(fromRows));
        }
    }
}

package aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowStoreTest {
    static final long H = 1_612_742_400_000L; // 2021-02-08T00:00Z
    static final long HOUR = 3_600_000L;

    static JdbcDataSource h2(Path dir) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("state").toAbsolutePath());
        return ds;
    }

    static List<byte[]> rows(String... values) {
        List<byte[]> rows = new ArrayList<>();
        for (String v : values) {
            rows.add(v.getBytes(StandardCharsets.UTF_8));
        }
        return rows;
    }

    static List<String> pending(RowStore store, String table, long hour) throws Exception {
        List<String> seen = new ArrayList<>();
        store.streamPending(table, hour, b -> seen.add(new String(b, StandardCharsets.UTF_8)));
        return seen;
    }

    @Test
    void aSourceIsStoredOncePerTableAndHour(@TempDir Path dir) throws Exception {
        RowStore store = new RowStore(h2(dir));
        assertThat(store.add("rule_hits", H, "archives/a", rows("r1", "r2"))).isEqualTo(2);
        assertThat(store.add("rule_hits", H, "archives/a", rows("r1", "r2"))).as("redelivered").isZero();
        assertThat(store.add("rule_hits", H, "archives/b", rows("r3"))).isEqualTo(1);
        assertThat(store.add("alerts", H, "archives/a", rows("x"))).isEqualTo(1);
        assertThat(pending(store, "rule_hits", H)).containsExactly("r1", "r2", "r3");
    }

    @Test
    void rowsSurviveARestartOfTheStore(@TempDir Path dir) throws Exception {
        new RowStore(h2(dir)).add("rule_hits", H, "archives/a", rows("r1"));
        RowStore reopened = new RowStore(h2(dir));
        assertThat(pending(reopened, "rule_hits", H)).containsExactly("r1");
        assertThat(reopened.newestHourMs()).isEqualTo(H);
    }

    @Test
    void anHourIsDueOnceTheWatermarkPassedItsEndPlusGrace(@TempDir Path dir) throws Exception {
        RowStore store = new RowStore(h2(dir));
        store.add("rule_hits", H, "a", rows("1"));
        store.add("rule_hits", H + HOUR, "b", rows("2"));
        long grace = 15 * 60_000L;
        assertThat(store.dueGroups(H + HOUR + grace - 1, grace)).isEmpty();
        assertThat(store.dueGroups(H + HOUR + grace, grace)).containsExactly(new RowStore.Group("rule_hits", H, 1));
        assertThat(store.pendingGroups()).hasSize(2);
    }

    @Test
    void writtenRowsLeaveTheGroupButStillBlockDuplicates(@TempDir Path dir) throws Exception {
        RowStore store = new RowStore(h2(dir));
        store.add("rule_hits", H, "a", rows("1", "2"));
        long last = store.streamPending("rule_hits", H, b -> { });
        store.add("rule_hits", H, "late", rows("3"));
        assertThat(store.markWritten("rule_hits", H, last)).isEqualTo(2);
        assertThat(pending(store, "rule_hits", H)).as("a late row waits for the next file").containsExactly("3");
        assertThat(store.add("rule_hits", H, "a", rows("1", "2"))).as("duplicate of a written source").isZero();
        assertThat(store.pruneWrittenBefore(H + HOUR)).isEqualTo(2);
        assertThat(store.add("rule_hits", H, "a", rows("1", "2"))).as("forgotten after pruning").isEqualTo(2);
    }
}

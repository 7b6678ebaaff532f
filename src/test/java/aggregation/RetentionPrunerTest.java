package aggregation;

import static aggregation.RowStoreTest.H;
import static aggregation.RowStoreTest.HOUR;
import static aggregation.RowStoreTest.h2;
import static aggregation.RowStoreTest.pending;
import static aggregation.RowStoreTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionPrunerTest {
    static Clock at(long epochMs) {
        return Clock.fixed(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
    }

    @Test
    void writtenRowsOlderThanTheRetentionAreForgottenPendingRowsAndNewerHoursStay(@TempDir Path dir) throws Exception {
        RowStore store = new RowStore(h2(dir));
        store.add("rule_hits", H, "old", rows("1", "2"));
        store.markWritten("rule_hits", H, store.streamPending("rule_hits", H, b -> { }));
        store.add("rule_hits", H, "late", rows("3")); // waits for the next file of the old hour
        store.add("rule_hits", H + 30 * HOUR, "new", rows("4"));
        store.markWritten("rule_hits", H + 30 * HOUR, store.streamPending("rule_hits", H + 30 * HOUR, b -> { }));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        // 24 h retention, 10 minutes into the hour 24 h after H+1h: hours before H+1h go
        RetentionPruner pruner = new RetentionPruner(store, Duration.ofHours(24), at(H + 25 * HOUR + 600_000), meters);
        assertThat(pruner.prune()).isEqualTo(2);
        assertThat(pruner.prune()).as("nothing left to forget").isZero();
        assertThat(meters.get("ccx.parquet.rows.pruned").counter().count()).isEqualTo(2.0);
        assertThat(pending(store, "rule_hits", H)).as("a pending row is never pruned").containsExactly("3");
        assertThat(store.add("rule_hits", H + 30 * HOUR, "new", rows("4"))).as("a newer hour still de-duplicates").isZero();
        assertThat(store.add("rule_hits", H, "old", rows("1", "2"))).as("past the horizon: stored again").isEqualTo(2);
    }

    @Test
    void theStateOnDiskStaysBoundedOverManyHours(@TempDir Path dir) throws Exception {
        RowStore store = new RowStore(h2(dir));
        byte[] row = new byte[2048];
        long[] sizes = new long[72];
        for (int hour = 0; hour < 72; hour++) {
            long h = H + hour * HOUR;
            java.util.List<byte[]> batch = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                batch.add(row);
            }
            store.add("workload_containers", h, "archive-" + hour, batch);
            store.markWritten("workload_containers", h, store.streamPending("workload_containers", h, b -> { }));
            new RetentionPruner(store, Duration.ofHours(12), at(h + HOUR), null).prune();
            sizes[hour] = Files.size(dir.resolve("state.mv.db"));
        }
        // 200 rows of 2 KiB per hour, 12 hours kept: the file stops growing once pruning frees space
        assertThat(sizes[71]).as("size after 72 h vs after 24 h").isLessThanOrEqualTo(sizes[23] * 3 / 2);
    }

    @Test
    void aRetentionMustBePositive(@TempDir Path dir) {
        RowStore store = new RowStore(h2(dir));
        assertThatThrownBy(() -> new RetentionPruner(store, Duration.ZERO, Clock.systemUTC(), null))
                .hasMessageContaining("ccx.parquet.retention-hours");
    }
}

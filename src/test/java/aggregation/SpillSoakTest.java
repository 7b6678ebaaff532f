package aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.PipelineBeans;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.EndpointInject;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import testing.CountingCommit;
import testing.PipelineRouteTest;

/**
 * 72 simulated hours through the factory's routes with an injected clock and a 12-hour retention:
 * each hour gets its archives, completes on the (simulated) wall clock, and the hourly prune runs.
 * The state on disk and the live heap must stop growing once the retention window is full.
 */
@CamelMainTest(
        configurationClasses = {PipelineBeans.class, testing.TestClock.Binding.class},
        properties = {"ccx.stages.parquet-factory=true", "ccx.stages.sqs-listener=false", "ccx.stages.archive-sync=false",
            "ccx.stages.rules=false", "ccx.stages.features=false", "ccx.stages.thanos-poll=false", "ccx.kafka.brokers=127.0.0.1:9",
            "ccx.parquet.grace-ms=600000", "ccx.parquet.completion-check-ms=50", "ccx.parquet.retention-hours=12",
            "ccx.parquet.state-dir=" + SpillSoakTest.STATE},
        replaceRouteFromWith = {"parquet-input=direct:parquet-input"},
        mockEndpointsAndSkip = "direct:parquet-write|kafka:.*")
class SpillSoakTest extends PipelineRouteTest {
    static final String STATE = "target/parquet-soak-state";
    static final Instant START = Instant.parse("2021-01-20T00:00:00Z");
    static final int HOURS = 72;
    static final int ARCHIVES_PER_HOUR = 20;
    static final testing.TestClock NOW = testing.TestClock.PARQUET;
    private static final DateTimeFormatter PATH_TIME = DateTimeFormatter.ofPattern("uuuuMM/dd/HHmmss");

    static {
        FileUtils.deleteQuietly(Path.of(STATE).toFile());
    }

    @Produce("direct:parquet-input")
    ProducerTemplate input;
    @EndpointInject("mock:direct:parquet-write")
    MockEndpoint write;

    static String fixture() throws IOException {
        try (InputStream in = SpillSoakTest.class.getResourceAsStream("/examples/09_rules_results/test_fixture_valid_message.converted.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void seventyTwoHoursLeaveTheStateOnDiskAndTheLiveHeapFlatAfterTheRetentionWindow() throws Exception {
        String fixture = fixture();
        write.setRetainLast(4); // the mock must not be what holds the heap
        RetentionPruner prune = camel.getRegistry().lookupByNameAndType("parquetRetention", RetentionPruner.class);
        SpillStore store = camel.getRegistry().lookupByNameAndType("parquetSpillStore", SpillStore.class);
        List<Long> disk = new ArrayList<>();
        List<Long> heap = new ArrayList<>();
        for (int h = 0; h < HOURS; h++) {
            Instant hour = START.plus(Duration.ofHours(h));
            // The archives of the hour arrive within its grace period (it ends 10 min after the hour)...
            NOW.set(hour.plus(Duration.ofMinutes(65)));
            for (int a = 0; a < ARCHIVES_PER_HOUR; a++) {
                String time = PATH_TIME.format(LocalDateTime.ofInstant(hour.plusSeconds(a * 60L + 1), ZoneOffset.UTC));
                String body = fixture.replace("/202101/20/031044.tar.gz", "/" + time + ".tar.gz");
                CountingCommit commit = new CountingCommit();
                input.send(e -> {
                    e.getMessage().setBody(body);
                    e.getMessage().setHeader(KafkaConstants.TOPIC, "ccx-prod-insights-operator-archive-rules-results");
                    e.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, commit);
                    e.getMessage().setHeader(KafkaConstants.LAST_RECORD_BEFORE_COMMIT, true);
                });
                assertThat(commit.commits()).isEqualTo(1);
            }
            // ...and the hour is completed once they are all in (as the Thanos poll completes its hours):
            // not by a real-time timeout racing the sends on a loaded machine. Both tables written.
            camel.getRegistry().lookupByNameAndType("parquetAggregateController",
                    org.apache.camel.processor.aggregate.AggregateController.class).forceCompletionOfAllGroups();
            int expected = 2 * (h + 1);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> write.getReceivedCounter() >= expected && store.sealedIds().isEmpty());
            assertThat(write.getReceivedCounter()).as("hour %d completed", h).isEqualTo(expected);
            NOW.set(hour.plus(Duration.ofMinutes(70)));
            prune.prune();
            disk.add(store.bytesOnDisk());
            heap.add(liveHeap());
        }
        System.out.printf("soak: state bytes by hour %s%nsoak: live heap bytes by hour %s%n", disk, heap);

        // The retention window (12 h) fills by hour 13; from then on the state neither grows nor shrinks much.
        List<Long> full = disk.subList(24, HOURS);
        long maxDisk = full.stream().mapToLong(Long::longValue).max().orElseThrow();
        long minDisk = full.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(maxDisk).as("state on disk after the window").isLessThanOrEqualTo(disk.get(15) + disk.get(15) / 10);
        assertThat(maxDisk - minDisk).as("flat").isLessThanOrEqualTo(maxDisk / 10);
        assertThat(disk.get(HOURS - 1)).as("the retention's worth (12 hours, as at hour 11), not 72 hours'")
                .isLessThanOrEqualTo(disk.get(11) * 13 / 12);
        try (Stream<Path> hours = Files.list(Path.of(STATE).resolve("rule_hits"))) {
            assertThat(hours.count()).as("hour directories kept: the retention, no more").isBetween(12L, 14L);
        }
        // Live heap: the last day is not above the second one (a few MiB of noise allowed). Medians, not
        // maxima: in the test command's JVM other tests' threads allocate between a GC and its reading
        // (CI saw one hour 4 MiB up), while a leak lifts every hour of the day.
        long secondDay = median(heap.subList(24, 48));
        long lastDay = median(heap.subList(48, HOURS));
        assertThat(lastDay).as("live heap, last day vs second day").isLessThanOrEqualTo(secondDay + 4L * 1024 * 1024);
    }

    /** The lowest of three readings, each right after a full GC: the live set, less what other threads allocate meanwhile. */
    private static long liveHeap() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().skip(values.size() / 2).findFirst().orElseThrow();
    }
}

package kamelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import thanos.FakeThanos;

/**
 * The ccx-thanos-query-source Kamelet (classpath:kamelets) against a stand-in Thanos that answers
 * every query with no series: each settled hour reaches the sink once however often the timer
 * polls, and an hour the sink fails to take is emitted again on the next poll.
 */
class ThanosSourceKameletTest {
    private static final String EMPTY = FakeThanos.vector();

    @TempDir
    Path dir;
    HttpServer thanos;
    final AtomicInteger queries = new AtomicInteger();
    Main main;

    @BeforeEach
    void thanos() throws Exception {
        thanos = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        thanos.createContext("/", exchange -> {
            queries.incrementAndGet();
            byte[] body = EMPTY.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        thanos.start();
    }

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
        thanos.stop(0);
    }

    private MockEndpoint start(int backfillHours) throws Exception {
        return start(backfillHours, 0);
    }

    /** asyncSinkDelayMs > 0: the sink takes each hour that long later on another thread (like the Kafka producer's callback). */
    private MockEndpoint start(int backfillHours, long asyncSinkDelayMs) throws Exception {
        Properties p = new Properties();
        p.setProperty("ccx.http.enabled", "false");
        String prefix = "camel.kamelet.ccx-thanos-query-source.source.";
        p.setProperty(prefix + "thanosUrl", "http://127.0.0.1:" + thanos.getAddress().getPort());
        p.setProperty(prefix + "ledgerFile", dir.resolve("hours.json").toString());
        p.setProperty(prefix + "backfillHours", Integer.toString(backfillHours));
        p.setProperty(prefix + "settleDelayMs", "0");
        p.setProperty(prefix + "period", "200");
        main = new Main();
        main.setOverrideProperties(p);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                if (asyncSinkDelayMs > 0) {
                    from("kamelet:ccx-thanos-query-source/source").routeId("binding")
                            .delay(asyncSinkDelayMs).asyncDelayed().to("mock:hours");
                } else {
                    from("kamelet:ccx-thanos-query-source/source").routeId("binding").to("mock:hours");
                }
            }
        });
        main.start();
        return main.getCamelContext().getEndpoint("mock:hours", MockEndpoint.class);
    }

    private static Map<String, Long> perHour(MockEndpoint sink) {
        return sink.getExchanges().stream().filter(e -> e.getException() == null)
                .collect(Collectors.groupingBy(e -> e.getMessage().getHeader("ccx_thanos_hour", String.class), Collectors.counting()));
    }

    private void awaitQueries(int atLeast) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> queries.get() >= atLeast);
    }

    @Test
    void everyHourReachesTheSinkOnceAcrossPolls() throws Exception {
        MockEndpoint sink = start(3);
        sink.expectedMinimumMessageCount(3);
        sink.assertIsSatisfied(20_000);
        // three more polls find nothing pending: they would query Thanos (and emit) if an hour were not done
        int after = queries.get();
        Thread.sleep(1000);
        Instant newest = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        System.out.println("[thanos-kamelet] messages per hour: " + perHour(sink) + ", queries after the first poll: "
                + (queries.get() - after));
        assertThat(perHour(sink)).containsOnlyKeys(newest.toString(), newest.minus(1, ChronoUnit.HOURS).toString(),
                newest.minus(2, ChronoUnit.HOURS).toString()).allSatisfy((hour, n) -> assertThat(n).isEqualTo(1));
        assertThat(queries.get()).isEqualTo(after);
        assertThat(Files.readString(dir.resolve("hours.json"))).contains(newest.toString());
        String body = sink.getExchanges().get(0).getMessage().getBody(String.class);
        assertThat(body).startsWith("{\"hourStart\":\"").contains("\"rows\":[]");
    }

    @Test
    void aPollWaitsForTheAsyncSinkToTakeThePreviousPollsHours() throws Exception {
        // The sink answers on another thread after longer than the poll period (200 ms), as the
        // Kafka producer does: the next poll must not start before the hours were marked done.
        MockEndpoint sink = start(2, 500);
        sink.expectedMinimumMessageCount(2);
        sink.assertIsSatisfied(20_000);
        Thread.sleep(1500);
        Instant newest = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        System.out.println("[thanos-kamelet] async sink, messages per hour: " + perHour(sink));
        assertThat(perHour(sink)).containsOnlyKeys(newest.toString(), newest.minus(1, ChronoUnit.HOURS).toString())
                .allSatisfy((hour, n) -> assertThat(n).as("messages for hour " + hour).isEqualTo(1));
    }

    @Test
    void anHourTheSinkRefusedIsEmittedAgain() throws Exception {
        MockEndpoint sink = start(1);
        sink.whenExchangeReceived(1, e -> e.setException(new IllegalStateException("sink down")));
        sink.expectedMessageCount(2);
        sink.assertIsSatisfied(20_000);
        awaitQueries(2);
        List<Exchange> received = sink.getExchanges();
        assertThat(received.get(0).getMessage().getHeader("ccx_thanos_hour"))
                .isEqualTo(received.get(1).getMessage().getHeader("ccx_thanos_hour"));
        Thread.sleep(600);
        assertThat(sink.getReceivedCounter()).as("done after the second delivery").isEqualTo(2);
    }
}

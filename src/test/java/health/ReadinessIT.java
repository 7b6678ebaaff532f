package health;

import config.SqsConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import devservers.CephRgwServer;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.FreePort;
import devservers.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.extension.ExtendWith;
import testing.PipelineUnderTest;
import testing.RealServers;
import java.util.concurrent.atomic.AtomicReference;

/** /observe/health/ready follows the servers: DOWN naming Ceph while RGW is stopped, UP again after. */
@ExtendWith(RealServers.class)
// It stops Ceph RGW a while: after the others, never beside the topology test.
@Order(Integer.MAX_VALUE - 1)
@ResourceLock(value = RealServers.RIG, mode = ResourceAccessMode.READ_WRITE)
class ReadinessIT {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void readinessIsDownWhileCephIsUnreachableAndLivenessStaysUp(EmbeddedKafka kafka, EmbeddedSqs sqs, S3ProxyServer aws,
                                                                  CephRgwServer ceph) throws Exception {
        String prefix = "it-ready";
        Properties config = PipelineUnderTest.config(kafka, sqs, aws, ceph, prefix);
        for (var c : new devservers.S3Credentials[] {aws.credentials(), ceph.credentials()}) {
            try (var s3 = c.client()) {
                s3.createBucket(b -> b.bucket(prefix + (c == aws.credentials() ? "-ingress" : "-datahub")));
            }
        }
        try (var client = SqsConnection.client(sqs.endpoint(), "us-east-1", "test", "test")) {
            client.createQueue(b -> b.queueName(prefix + "-queue"));
        }
        int port = FreePort.pick();
        config.setProperty("ccx.http.enabled", "true");
        config.setProperty("ccx.http.port", Integer.toString(port));
        config.setProperty("ccx.health.timeout-ms", "1000");
        try (PipelineUnderTest pipeline = PipelineUnderTest.start(config)) {
            HttpResponse<String> ready = awaitStatus(port, "/observe/health/ready", 200);
            HttpResponse<String> all = get(port, "/observe/health");
            assertThat(all.body()).contains("server-kafka", "server-aws-s3", "server-ceph");

            ceph.pause();
            try {
                ready = get(port, "/observe/health/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("DOWN").contains("server-ceph unreachable");
                HttpResponse<String> live = get(port, "/observe/health/live");
                assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
            } finally {
                ceph.resume();
            }
            awaitStatus(port, "/observe/health/ready", 200);
        }
    }

    /** Consumers report DOWN until their first poll, so readiness takes a few seconds to come up. */
    private HttpResponse<String> awaitStatus(int port, String path, int status) throws Exception {
        AtomicReference<HttpResponse<String>> r = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).pollInSameThread().untilAsserted(() -> {
            r.set(get(port, path));
            assertThat(r.get().statusCode()).as(r.get().body()).isEqualTo(status);
        });
        return r.get();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

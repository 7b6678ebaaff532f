package health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import storage.S3ClientFactory;

class ServerReachableTest {

    private static HealthCheck.Result call(ServerReachable check) {
        check.setCamelContext(new DefaultCamelContext());
        return check.call(Map.of());
    }

    @Test
    void upWhenTheProbeAnswers() {
        var result = call(new ServerReachable("x", t -> { }, Duration.ofSeconds(1), () -> { }));
        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getCheck().isReadiness()).isTrue();
        assertThat(result.getCheck().isLiveness()).as("a dead server is no reason to restart the pod").isFalse();
    }

    @Test
    void downWithTheServerAndCauseWhenTheProbeFails() {
        var result = call(new ServerReachable("ceph", t -> {
            throw new java.net.ConnectException("Connection refused");
        }, Duration.ofSeconds(1), () -> { }));
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValue("server-ceph unreachable: ConnectException: Connection refused");
    }

    @Test
    void kafkaWithNoBrokerListeningIsDownWithinTheTimeout() throws Exception {
        try (ServerReachable kafka = ServerReachable.kafka("127.0.0.1:1", Duration.ofMillis(700))) {
            long t0 = System.nanoTime();
            var result = call(kafka);
            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(result.getMessage().orElseThrow()).startsWith("server-kafka unreachable");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void s3WithNothingListeningIsDownAndTheMessageCarriesNoSecret() throws Exception {
        try (var client = S3ClientFactory.create("http://127.0.0.1:1", "us-east-1", "AKIDEXAMPLE", "secret-do-not-log")) {
            var result = call(ServerReachable.s3(new config.S3Connection("aws-s3", "", "us-east-1", "", "", "insights-ingress"), client, Duration.ofMillis(700)));
            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(result.getMessage().orElseThrow()).startsWith("server-aws-s3 unreachable").doesNotContain("secret-do-not-log");
        }
    }
}

package thanos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThanosClientTest {
    private static final Instant AT = Instant.parse("2021-02-12T08:59:59.999Z");

    @TempDir
    Path dir;

    @Test
    void postsTheQueryWithTheBearerToken() throws Exception {
        try (TestThanosServer server = TestThanosServer.http().requireToken("s3cr3t").answer(200, RecordedResponses.LABELS)) {
            ThanosClient client = ThanosClients.of(ThanosConfig.of(server.url()).withBearerToken("s3cr3t"));
            assertThat(client.instantQuery(PromQl.SUBSCRIBED_CLUSTERS, AT)).hasSize(5);

            TestThanosServer.Request request = server.requests.get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/v1/query");
            assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
            assertThat(request.authorization()).isEqualTo("Bearer s3cr3t");
            assertThat(request.form()).isEqualTo(Map.of(
                    "query", PromQl.SUBSCRIBED_CLUSTERS, "time", "1613120399.999", "partial_response", "false"));
        }
    }

    @Test
    void aWrongOrMissingTokenIsUnavailable() throws Exception {
        try (TestThanosServer server = TestThanosServer.http().requireToken("s3cr3t")) {
            assertThatThrownBy(() -> ThanosClients.of(ThanosConfig.of(server.url()).withBearerToken("wrong"))
                    .instantQuery("up", AT))
                    .isInstanceOf(ThanosUnavailableException.class).hasMessageContaining("HTTP 401");
            assertThatThrownBy(() -> ThanosClients.of(ThanosConfig.of(server.url())).instantQuery("up", AT))
                    .isInstanceOf(ThanosUnavailableException.class).hasMessageContaining("HTTP 401");
        }
    }

    @Test
    void noAuthorizationHeaderWithoutToken() throws Exception {
        try (TestThanosServer server = TestThanosServer.http()) {
            ThanosClients.of(ThanosConfig.of(URI.create(server.url() + "/"))).instantQuery("up", AT);
            assertThat(server.requests.get(0).authorization()).isNull();
            assertThat(server.requests.get(0).path()).isEqualTo("/api/v1/query");
        }
    }

    @Test
    void theTokenFileIsReadForEveryRequest() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "first\n");
        try (TestThanosServer server = TestThanosServer.http()) {
            ThanosClient client = ThanosClients.of(ThanosConfig.of(server.url()).withBearerTokenFile(token));
            client.instantQuery("up", AT);
            Files.writeString(token, "rotated");
            client.instantQuery("up", AT);
            assertThat(server.requests).extracting(TestThanosServer.Request::authorization)
                    .containsExactly("Bearer first", "Bearer rotated");
        }
    }

    @Test
    void aPathPrefixInTheBaseUrlIsKept() throws Exception {
        try (TestThanosServer server = TestThanosServer.http()) {
            ThanosClients.of(ThanosConfig.of(URI.create(server.url() + "/thanos/"))).instantQuery("up", AT);
            assertThat(server.requests.get(0).path()).isEqualTo("/thanos/api/v1/query");
        }
    }

    @Test
    void errorAnswersAreUnavailable() throws Exception {
        try (TestThanosServer server = TestThanosServer.http().answer(400, RecordedResponses.BAD_DATA)) {
            ThanosClient client = ThanosClients.of(ThanosConfig.of(server.url()));
            assertThatThrownBy(() -> client.instantQuery("max by (", AT))
                    .isInstanceOf(ThanosUnavailableException.class)
                    .hasMessageContaining("HTTP 400 (bad_data: invalid parameter")
                    .hasMessageContaining("max by (");
            server.answer(200, RecordedResponses.STORE_DOWN);
            assertThatThrownBy(() -> client.instantQuery("up", AT))
                    .isInstanceOf(ThanosUnavailableException.class).hasMessageContaining("status \"error\" (execution");
        }
    }

    @Test
    void aBodyEchoingTheTokenNeverShowsIt() throws Exception {
        // A proxy that echoes the request: its answer ends up in the exception message and the log.
        try (TestThanosServer server = TestThanosServer.http().answer(401, "rejected Authorization: Bearer tok-s3cr3t")) {
            ThanosClient client = ThanosClients.of(ThanosConfig.of(server.url()).withBearerToken("tok-s3cr3t"));
            assertThatThrownBy(() -> client.instantQuery("up", AT))
                    .isInstanceOf(ThanosUnavailableException.class)
                    .hasMessageContaining("HTTP 401 (rejected Authorization: Bearer ***)")
                    .message().doesNotContain("tok-s3cr3t");
        }
    }

    @Test
    void connectionRefusedIsUnavailable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ThanosClient client = ThanosClients.of(ThanosConfig.of(URI.create("http://127.0.0.1:" + port))
                .withTimeout(Duration.ofSeconds(5)));
        assertThatThrownBy(() -> client.instantQuery("up", AT))
                .isInstanceOf(ThanosUnavailableException.class)
                .hasMessageContaining("Thanos unreachable")
                .hasMessageContaining("ConnectException");
    }

    @Test
    void configurationIsChecked() {
        URI url = URI.create("https://thanos-querier.openshift-monitoring.svc:9091");
        assertThatThrownBy(() -> ThanosConfig.of(URI.create("ftp://x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThanosConfig.of(url).withIdChunkSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThanosConfig.of(url).withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThanosConfig(url, Optional.of("t"), Optional.of(Path.of("token")), Optional.empty(),
                Optional.empty(), false, Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThanosConfig.of(url).withTrustStore(Path.of("ca.pem"), null).withInsecureSkipTlsVerify(true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ThanosConfig.of(url).withBearerToken("s3cr3t").toString()).doesNotContain("s3cr3t");
    }
}

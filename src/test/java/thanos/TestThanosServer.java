package thanos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * A stand-in Thanos on loopback: answers {@code /api/v1/query} with a fixed status and body,
 * unless the request lacks the expected bearer token (then 401, as the OpenShift oauth-proxy does).
 */
final class TestThanosServer implements AutoCloseable {
    record Request(String method, String path, String contentType, String authorization, Map<String, String> form) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final String scheme;
    private volatile String expectedToken;
    private volatile int status = 200;
    private volatile String body = RecordedResponses.EMPTY;

    private TestThanosServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/", this::handle);
        server.start();
    }

    static TestThanosServer http() throws IOException {
        return new TestThanosServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http");
    }

    static TestThanosServer https(SSLContext ssl) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        return new TestThanosServer(server, "https");
    }

    TestThanosServer requireToken(String token) {
        this.expectedToken = token;
        return this;
    }

    TestThanosServer answer(int newStatus, String newBody) {
        this.status = newStatus;
        this.body = newBody;
        return this;
    }

    URI url() {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Content-Type"), authorization, form));
        int code = status;
        String answer = body;
        if (expectedToken != null && !("Bearer " + expectedToken).equals(authorization)) {
            code = 401;
            answer = "Unauthorized";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

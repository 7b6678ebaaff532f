package hostile;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A tiny Thanos Querier for the corpus: {@code POST /api/v1/query} answers the scripted answers
 * in order, one per request; then one good hour (a subscribed cluster and its labels); then empty
 * vectors. Records every Authorization header it got.
 */
final class FakeThanos implements AutoCloseable {
    /** One scripted HTTP answer. */
    record Answer(int status, String contentType, String body) {
        static Answer json(int status, String body) {
            return new Answer(status, "application/json", body);
        }
    }

    static final String GOOD_CLUSTER = "11111111-2222-4333-8444-555555555555";
    private static final String EMPTY = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<String> authorizations = new ArrayList<>();
    private int goodAnswersLeft = 2;
    private int served;

    FakeThanos(List<Answer> answers) throws IOException {
        script.addAll(answers);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/query", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** How many scripted answers were served. */
    synchronized int served() {
        return served;
    }

    synchronized boolean scriptDone() {
        return script.isEmpty();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String query = URLDecoder.decode(form, StandardCharsets.UTF_8);
        Answer answer;
        synchronized (this) {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (!script.isEmpty()) {
                answer = script.poll();
                served++;
            } else if (goodAnswersLeft > 0) {
                goodAnswersLeft--;
                answer = Answer.json(200, query.contains("subscription_labels") ? vector("{\"_id\":\"" + GOOD_CLUSTER
                        + "\",\"email_domain\":\"example.com\",\"managed\":\"false\",\"support\":\"Premium\"}")
                        : vector("{\"_id\":\"" + GOOD_CLUSTER + "\",\"ebs_account\":\"7654321\"}"));
            } else {
                answer = Answer.json(200, EMPTY);
            }
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static String vector(String... metrics) {
        StringBuilder result = new StringBuilder();
        for (String m : metrics) {
            if (result.length() > 0) {
                result.append(',');
            }
            result.append("{\"metric\":").append(m).append(",\"value\":[1700000000,\"1\"]}");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

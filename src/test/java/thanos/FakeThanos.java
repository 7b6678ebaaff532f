package thanos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * The tests' one stand-in Thanos Querier. In memory it is the pipeline's {@link InstantQueryApi}
 * ({@link #of}, {@code new FakeThanos(answer)}), answering a body per query and recording every
 * call; {@link #serving} puts it on loopback HTTP ({@code POST /api/v1/query}) with scripted
 * answers served in order, then one good hour (a subscribed cluster and its labels), then empty
 * vectors, recording every Authorization header it got.
 */
public final class FakeThanos implements InstantQueryApi, AutoCloseable {
    public record Call(String promql, Instant time) {
    }

    /** One answer: HTTP status, content type and body. */
    public record Answer(int status, String contentType, String body) {
        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body);
        }
    }

    private static final String GOOD_CLUSTER = "11111111-2222-4333-8444-555555555555";
    private static final String EMPTY = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";

    /** The in-memory queries, in order. */
    public final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    /** The answer to a query (in memory: the PromQL and evaluation time; over HTTP: the decoded form, no time). */
    private final BiFunction<String, Instant, Answer> answers;
    private final Deque<Answer> script;
    private HttpServer server;

    /** In memory: {@code answer} gives the 200 body for a query, or throws. */
    public FakeThanos(BiFunction<String, Instant, String> answer) {
        this.answers = (query, time) -> Answer.json(200, answer.apply(query, time));
        this.script = new ArrayDeque<>();
    }

    private FakeThanos(List<Answer> script) {
        this.script = new ArrayDeque<>(script);
        Deque<Answer> left = this.script;
        int[] goodAnswersLeft = {2};
        this.answers = (query, time) -> {
            if (!left.isEmpty()) {
                return left.poll();
            } else if (goodAnswersLeft[0] > 0) {
                goodAnswersLeft[0]--;
                return Answer.json(200, query.contains("subscription_labels") ? vector("{\"_id\":\"" + GOOD_CLUSTER
                        + "\",\"email_domain\":\"example.com\",\"managed\":\"false\",\"support\":\"Premium\"}")
                        : vector("{\"_id\":\"" + GOOD_CLUSTER + "\",\"ebs_account\":\"7654321\"}"));
            }
            return Answer.json(200, EMPTY);
        };
    }

    /** In memory: the subscribed-clusters query answers {@code subscribedBody}, every other one {@code labelsBody}. */
    public static FakeThanos of(String subscribedBody, String labelsBody) {
        return new FakeThanos((q, t) -> q.equals(PromQl.SUBSCRIBED_CLUSTERS) ? subscribedBody : labelsBody);
    }

    /** Over loopback HTTP: the {@code script} in order, then one good hour, then empty vectors. */
    public static FakeThanos serving(List<Answer> script) throws IOException {
        FakeThanos thanos = new FakeThanos(script);
        thanos.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        thanos.server.createContext("/api/v1/query", thanos::handle);
        thanos.server.start();
        return thanos;
    }

    @Override
    public List<Map<String, String>> instantQuery(String promql, Instant time) {
        calls.add(new Call(promql, time));
        Answer answer = answers.apply(promql, time);
        return PrometheusResponse.vectorLabels(answer.status(), answer.body(), promql);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    public synchronized boolean scriptDone() {
        return script.isEmpty();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String query = URLDecoder.decode(form, StandardCharsets.UTF_8);
        Answer answer;
        synchronized (this) {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            answer = answers.apply(query, null);
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A vector body with these label sets. */
    public static String vector(List<Map<String, String>> series) {
        return vector(series.stream().map(FakeThanos::metric).toArray(String[]::new));
    }

    /** A vector body with these metrics, each a JSON object as written (hostile ones included). */
    public static String vector(String... metrics) {
        StringBuilder result = new StringBuilder();
        for (String m : metrics) {
            if (result.length() > 0) {
                result.append(',');
            }
            result.append("{\"metric\":").append(m).append(",\"value\":[1613120399.999,\"1\"]}");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}";
    }

    private static String metric(Map<String, String> labels) {
        StringBuilder b = new StringBuilder("{");
        int j = 0;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            b.append(j++ == 0 ? "" : ",").append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
        }
        return b.append('}').toString();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}

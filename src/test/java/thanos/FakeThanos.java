package thanos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** An {@link InstantQueryApi} answering recorded JSON bodies and recording what was asked. */
final class FakeThanos implements InstantQueryApi {
    record Call(String promql, Instant time) {
    }

    final List<Call> calls = new ArrayList<>();
    private final BiFunction<String, Instant, String> answer;

    /** {@code answer} gives the 200 body for a query, or throws. */
    FakeThanos(BiFunction<String, Instant, String> answer) {
        this.answer = answer;
    }

    static FakeThanos of(String subscribedBody, String labelsBody) {
        return new FakeThanos((q, t) -> q.equals(PromQl.SUBSCRIBED_CLUSTERS) ? subscribedBody : labelsBody);
    }

    @Override
    public List<Map<String, String>> instantQuery(String promql, Instant time) {
        calls.add(new Call(promql, time));
        return PrometheusResponse.vectorLabels(200, answer.apply(promql, time), promql);
    }

    /** A vector body with these label sets. */
    static String vector(List<Map<String, String>> series) {
        StringBuilder b = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        for (int i = 0; i < series.size(); i++) {
            b.append(i == 0 ? "" : ",").append("{\"metric\":{");
            int j = 0;
            for (Map.Entry<String, String> e : series.get(i).entrySet()) {
                b.append(j++ == 0 ? "" : ",").append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
            }
            b.append("},\"value\":[1613120399.999,\"1\"]}");
        }
        return b.append("]}}").toString();
    }
}

package thanos;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A Prometheus-compatible instant query: the label sets of the resulting vector. */
@FunctionalInterface
public interface InstantQueryApi {
    /**
     * @throws ThanosUnavailableException when the server cannot answer
     */
    List<Map<String, String>> instantQuery(String promql, Instant time);
}

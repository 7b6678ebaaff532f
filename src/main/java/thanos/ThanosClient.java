package thanos;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Instant queries against Thanos Querier's Prometheus-compatible API:
 * {@code POST <baseUrl>/api/v1/query} with the form fields {@code query}, {@code time} (Unix
 * seconds with milliseconds) and {@code partial_response=false}. POST keeps long
 * {@code _id=~"…"} matchers out of the URL; {@code partial_response=false} makes Thanos fail
 * instead of silently answering without an unreachable store (an incomplete hour would otherwise
 * be marked done). Prometheus ignores that field.
 */
public final class ThanosClient implements InstantQueryApi {
    private final ThanosConfig config;
    private final URI queryUri;
    private final HttpClient http;

    public ThanosClient(ThanosConfig config) {
        this.config = config;
        String base = config.baseUrl().toString();
        this.queryUri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/query");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        ThanosTls.sslContext(config).ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    public ThanosConfig config() {
        return config;
    }

    @Override
    public List<Map<String, String>> instantQuery(String promql, Instant time) {
        String form = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + unixSeconds(time)
                + "&partial_response=false";
        HttpRequest.Builder request = HttpRequest.newBuilder(queryUri)
                .timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        Optional<String> token = bearerToken();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        String what = "query " + promql + " at " + time + " (" + queryUri + ")";
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ThanosUnavailableException("Thanos unreachable for " + what + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ThanosUnavailableException("interrupted during " + what, e);
        }
        // The body ends up in messages and logs: a proxy that echoes the request must not leak the token.
        return PrometheusResponse.vectorLabels(response.statusCode(), redact(response.body(), token), what);
    }

    static String redact(String body, Optional<String> token) {
        return body == null || token.isEmpty() || token.get().isEmpty() ? body : body.replace(token.get(), "***");
    }

    /** Unix seconds with millisecond decimals, the API's float timestamp form. */
    static String unixSeconds(Instant time) {
        return BigDecimal.valueOf(time.toEpochMilli(), 3).toPlainString();
    }

    private Optional<String> bearerToken() {
        if (config.bearerTokenFile().isPresent()) {
            try {
                return Optional.of(Files.readString(config.bearerTokenFile().get()).strip());
            } catch (IOException e) {
                throw new ThanosUnavailableException("cannot read the Thanos bearer token file "
                        + config.bearerTokenFile().get() + ": " + e, e);
            }
        }
        return config.bearerToken();
    }

    private static String describe(IOException e) {
        // ConnectException and HttpConnectTimeoutException often carry no message of their own.
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            message = cause.toString();
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}

package thanos;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.endpoint.StaticEndpointBuilders;
import org.apache.camel.builder.endpoint.dsl.HttpEndpointBuilderFactory.HttpEndpointBuilder;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;

/**
 * Instant queries against Thanos Querier's Prometheus-compatible API through a camel-http
 * endpoint: {@code POST <baseUrl>/api/v1/query} with the form fields {@code query}, {@code time}
 * (Unix seconds with milliseconds) and {@code partial_response=false}. POST keeps long
 * {@code _id=~"…"} matchers out of the URL; {@code partial_response=false} makes Thanos fail
 * instead of silently answering without an unreachable store (an incomplete hour would otherwise
 * be marked done). Prometheus ignores that field.
 * <p>
 * The endpoint is {@code http:<name>} with the request URI in {@link Exchange#HTTP_URI}; its TLS
 * trust (a PEM CA file or a trust store, {@link ThanosTls}) is an endpoint option. The bearer token file is read again for every query (OpenShift rotates
 * projected tokens).
 */
public final class ThanosClient implements InstantQueryApi {
    private final ThanosConfig config;
    private final String queryUri;
    private final ProducerTemplate template;
    private final Endpoint endpoint;

    /**
     * @param name the endpoint's name, {@code http:<name>}: unique per client in a context
     *             ({@code thanos-query} in the pipeline, so a route test can mock it)
     */
    public ThanosClient(ThanosConfig config, CamelContext camel, String name) {
        this.config = config;
        String base = config.baseUrl().toString();
        this.queryUri = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/query";
        HttpEndpointBuilder http = StaticEndpointBuilders.http(name).httpMethod("POST").throwExceptionOnFailure(false);
        http.advanced().followRedirects(false);
        // The timeouts are the http component's options, read from the endpoint's URI too: this
        // client's own, not the component's defaults (the archive download's).
        String ms = String.valueOf(config.timeout().toMillis());
        for (String timeout : List.of("connectTimeout", "responseTimeout", "connectionRequestTimeout")) {
            http.doSetProperty(timeout, ms);
        }
        ThanosTls.sslContextParameters(config).ifPresent(http::sslContextParameters);
        if (config.insecureSkipTlsVerify()) {
            http.x509HostnameVerifier(NoopHostnameVerifier.INSTANCE);
        }
        this.endpoint = http.resolve(camel);
        this.template = camel.createProducerTemplate();
    }

    public ThanosConfig config() {
        return config;
    }

    @Override
    public List<Map<String, String>> instantQuery(String promql, Instant time) {
        String form = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + unixSeconds(time)
                + "&partial_response=false";
        Optional<String> token = bearerToken();
        String what = "query " + promql + " at " + time + " (" + queryUri + ")";
        Exchange answer = template.send(endpoint, exchange -> {
            Message request = exchange.getMessage();
            request.setHeader(Exchange.HTTP_URI, queryUri);
            request.setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
            request.setHeader("Accept", "application/json");
            token.ifPresent(t -> request.setHeader("Authorization", "Bearer " + t));
            request.setBody(form);
        });
        if (answer.getException() != null) {
            throw new ThanosUnavailableException("Thanos unreachable for " + what + ": " + describe(answer.getException()),
                    answer.getException());
        }
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = answer.getMessage().getBody(String.class);
        // The body ends up in messages and logs: a proxy that echoes the request must not leak the token.
        return PrometheusResponse.vectorLabels(status == null ? 0 : status, redact(body, token), what);
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

    private static String describe(Throwable e) {
        // Connection failures often carry no message of their own.
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            message = cause.toString();
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}

package thanos;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the Thanos Querier (or any Prometheus-compatible {@code /api/v1/query} API).
 *
 * <p>Authentication: {@code bearerToken} is sent as {@code Authorization: Bearer <token>}.
 * {@code bearerTokenFile} is read again for every request instead, because OpenShift's projected
 * service-account tokens ({@code /var/run/secrets/kubernetes.io/serviceaccount/token}) rotate.
 * At most one of the two may be set.
 *
 * <p>TLS ({@code https://} base URLs): by default the JVM's trusted CAs. {@code trustStore} names
 * a file of trusted CA certificates instead: a PEM file ({@code .pem}, {@code .crt}, {@code .cer};
 * one or more certificates, e.g. OpenShift's
 * {@code /var/run/secrets/kubernetes.io/serviceaccount/service-ca.crt}), or a PKCS12 or JKS
 * keystore (any other name; the type is detected from the content) opened with
 * {@code trustStorePassword}. {@code insecureSkipTlsVerify} trusts any certificate and host
 * name: for development only, and not together with a trust store.
 *
 * @param timeout     connect timeout and per-query timeout (one hour window takes about 20 s
 *                    on the real Thanos, contract §13.2)
 * @param idChunkSize cluster ids per {@code subscription_labels} query, so the
 *                    {@code _id=~"…"} matcher never grows without bound
 */
public record ThanosConfig(URI baseUrl, Optional<String> bearerToken, Optional<Path> bearerTokenFile,
        Optional<Path> trustStore, Optional<String> trustStorePassword, boolean insecureSkipTlsVerify,
        Duration timeout, int idChunkSize) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_ID_CHUNK_SIZE = 200;

    public ThanosConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("Thanos base URL must be http or https: " + baseUrl);
        }
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(bearerTokenFile, "bearerTokenFile");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(trustStorePassword, "trustStorePassword");
        Objects.requireNonNull(timeout, "timeout");
        if (bearerToken.isPresent() && bearerTokenFile.isPresent()) {
            throw new IllegalArgumentException("set either a bearer token or a bearer token file, not both");
        }
        if (insecureSkipTlsVerify && trustStore.isPresent()) {
            throw new IllegalArgumentException("insecureSkipTlsVerify and a trust store exclude each other");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (idChunkSize < 1) {
            throw new IllegalArgumentException("idChunkSize must be at least 1: " + idChunkSize);
        }
    }

    /** From {@code ccx.thanos.*}. */
    public static ThanosConfig read(config.CcxProperties properties) {
        return of(URI.create(properties.text("ccx.thanos.url")), properties.text("ccx.thanos.token-file"),
                properties.text("ccx.thanos.truststore"), properties.text("ccx.thanos.truststore-password"),
                properties.flag("ccx.thanos.insecure-skip-tls-verify"), properties.integer("ccx.thanos.id-chunk-size"));
    }

    /** As configured (properties, Kamelet): an empty token file, trust store or password means none. */
    public static ThanosConfig of(URI baseUrl, String tokenFile, String trustStore, String trustStorePassword,
                                  boolean insecureSkipTlsVerify, int idChunkSize) {
        ThanosConfig config = of(baseUrl).withIdChunkSize(idChunkSize).withInsecureSkipTlsVerify(insecureSkipTlsVerify);
        if (!tokenFile.isBlank()) {
            config = config.withBearerTokenFile(Path.of(tokenFile.trim()));
        }
        if (!trustStore.isBlank()) {
            config = config.withTrustStore(Path.of(trustStore.trim()), trustStorePassword.isBlank() ? null : trustStorePassword.trim());
        }
        return config;
    }

    /** No authentication, the JVM's CAs, default timeout and chunk size. */
    public static ThanosConfig of(URI baseUrl) {
        return new ThanosConfig(baseUrl, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                false, DEFAULT_TIMEOUT, DEFAULT_ID_CHUNK_SIZE);
    }

    public ThanosConfig withBearerToken(String token) {
        return new ThanosConfig(baseUrl, Optional.of(token), Optional.empty(), trustStore, trustStorePassword,
                insecureSkipTlsVerify, timeout, idChunkSize);
    }

    public ThanosConfig withBearerTokenFile(Path file) {
        return new ThanosConfig(baseUrl, Optional.empty(), Optional.of(file), trustStore, trustStorePassword,
                insecureSkipTlsVerify, timeout, idChunkSize);
    }

    /** {@code password} may be null (PEM files need none). */
    public ThanosConfig withTrustStore(Path file, String password) {
        return new ThanosConfig(baseUrl, bearerToken, bearerTokenFile, Optional.of(file), Optional.ofNullable(password),
                insecureSkipTlsVerify, timeout, idChunkSize);
    }

    public ThanosConfig withInsecureSkipTlsVerify(boolean insecure) {
        return new ThanosConfig(baseUrl, bearerToken, bearerTokenFile, trustStore, trustStorePassword, insecure,
                timeout, idChunkSize);
    }

    public ThanosConfig withTimeout(Duration newTimeout) {
        return new ThanosConfig(baseUrl, bearerToken, bearerTokenFile, trustStore, trustStorePassword,
                insecureSkipTlsVerify, newTimeout, idChunkSize);
    }

    public ThanosConfig withIdChunkSize(int size) {
        return new ThanosConfig(baseUrl, bearerToken, bearerTokenFile, trustStore, trustStorePassword,
                insecureSkipTlsVerify, timeout, size);
    }

    /** Never prints the token or the trust store password. */
    @Override
    public String toString() {
        return "ThanosConfig[baseUrl=" + baseUrl + ", bearerToken=" + (bearerToken.isPresent() ? "***" : "none")
                + ", bearerTokenFile=" + bearerTokenFile.map(Path::toString).orElse("none")
                + ", trustStore=" + trustStore.map(Path::toString).orElse("JVM default")
                + ", insecureSkipTlsVerify=" + insecureSkipTlsVerify + ", timeout=" + timeout
                + ", idChunkSize=" + idChunkSize + "]";
    }
}

package thanos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HTTPS stand-in Thanos with a self-signed certificate made by the JDK's keytool. */
class ThanosTlsTest {
    private static final Instant AT = Instant.parse("2021-02-12T08:59:59.999Z");

    @TempDir
    static Path dir;
    private static TestThanosServer server;

    @BeforeAll
    static void startHttpsServer() throws Exception {
        keytool("-genkeypair", "-alias", "thanos", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=thanos-querier", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", dir.resolve("server.p12").toString(), "-storetype", "PKCS12",
                "-storepass", "serverpass", "-keypass", "serverpass");
        // The CA files a deployment would mount: PEM (as OpenShift's service-ca.crt), PKCS12 and JKS.
        KeyStore keys = KeyStore.getInstance(dir.resolve("server.p12").toFile(), "serverpass".toCharArray());
        Certificate cert = keys.getCertificate("thanos");
        Files.writeString(dir.resolve("service-ca.crt"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        for (String type : List.of("PKCS12", "JKS")) {
            KeyStore trust = KeyStore.getInstance(type);
            trust.load(null, null);
            trust.setCertificateEntry("thanos-ca", cert);
            try (OutputStream out = Files.newOutputStream(dir.resolve("trust." + type.toLowerCase()))) {
                trust.store(out, "trustpass".toCharArray());
            }
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "serverpass".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = TestThanosServer.https(ssl).requireToken("sa-token").answer(200, RecordedResponses.SUBSCRIBED);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + command + " failed: " + output);
        }
    }

    private static ThanosConfig config() {
        return ThanosConfig.of(server.url()).withBearerToken("sa-token");
    }

    @Test
    void pemCaFileAsOpenShiftMountsIt() {
        ThanosClient client = ThanosClients.of(config().withTrustStore(dir.resolve("service-ca.crt"), null));
        assertThat(client.instantQuery(PromQl.SUBSCRIBED_CLUSTERS, AT)).hasSize(6);
    }

    @Test
    void pkcs12AndJksTrustStores() {
        assertThat(ThanosClients.of(config().withTrustStore(dir.resolve("trust.pkcs12"), "trustpass"))
                .instantQuery("up", AT)).hasSize(6);
        assertThat(ThanosClients.of(config().withTrustStore(dir.resolve("trust.jks"), "trustpass"))
                .instantQuery("up", AT)).hasSize(6);
    }

    @Test
    void untrustedCertificateIsUnavailable() {
        assertThatThrownBy(() -> ThanosClients.of(config()).instantQuery("up", AT))
                .isInstanceOf(ThanosUnavailableException.class)
                .hasMessageContaining("SSLHandshakeException");
    }

    @Test
    void insecureSkipTlsVerifyTrustsAnything() {
        assertThat(ThanosClients.of(config().withInsecureSkipTlsVerify(true)).instantQuery("up", AT)).hasSize(6);
    }

    @Test
    void anUnreadableTrustStoreIsAConfigurationError() throws Exception {
        Path bogus = Files.writeString(dir.resolve("bogus.p12"), "not a keystore");
        assertThatThrownBy(() -> ThanosClients.of(config().withTrustStore(bogus, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bogus.p12");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> ThanosClients.of(config().withTrustStore(empty, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty.pem");
    }
}

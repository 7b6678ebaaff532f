package thanos;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The TLS trust of a {@link ThanosConfig}: PEM CA files, PKCS12/JKS trust stores, or trust-all for development. */
final class ThanosTls {
    private ThanosTls() {
    }

    /**
     * The trust the camel-http endpoint is given: empty means the JVM's CAs. Insecure mode trusts
     * any certificate (the host name check is the endpoint's, see {@link ThanosClient}).
     */
    static Optional<SSLContextParameters> sslContextParameters(ThanosConfig config) {
        try {
            TrustManager trust;
            if (config.insecureSkipTlsVerify()) {
                trust = new TrustAll();
            } else if (config.trustStore().isPresent()) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore(config.trustStore().get(), config.trustStorePassword().orElse(null)));
                trust = tmf.getTrustManagers()[0];
            } else {
                return Optional.empty();
            }
            TrustManagersParameters trustManagers = new TrustManagersParameters();
            trustManagers.setTrustManager(trust);
            SSLContextParameters parameters = new SSLContextParameters();
            parameters.setTrustManagers(trustManagers);
            return Optional.of(parameters);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot load Thanos trust store " + config.trustStore().orElse(null)
                    + ": " + e.getMessage(), e);
        }
    }

    static KeyStore trustStore(Path file, String password) throws GeneralSecurityException, IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")) {
            Collection<? extends Certificate> certs;
            try (InputStream in = Files.newInputStream(file)) {
                certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + file);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : certs) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            return store;
        }
        // KeyStore.getInstance(File, …) detects PKCS12 or JKS from the content.
        return KeyStore.getInstance(file.toFile(), password == null ? null : password.toCharArray());
    }

    /**
     * Trusts every certificate. Being an X509ExtendedTrustManager also skips the host name check,
     * which the JDK would otherwise add around a plain X509TrustManager.
     */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

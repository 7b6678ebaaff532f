package devservers;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import testing.RealServers;

@ExtendWith(RealServers.class)
class S3ProxyIT extends ObjectStoreContract {
    @BeforeEach
    void server(S3ProxyServer s3proxy) {
        credentials = s3proxy.credentials();
    }
}

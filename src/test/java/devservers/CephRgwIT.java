package devservers;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import testing.RealServers;

@ExtendWith(RealServers.class)
class CephRgwIT extends ObjectStoreContract {
    private S3Credentials credentials;

    @BeforeEach
    void server(CephRgwServer ceph) {
        credentials = ceph.credentials();
    }

    @Override
    S3Credentials credentials() {
        return credentials;
    }
}

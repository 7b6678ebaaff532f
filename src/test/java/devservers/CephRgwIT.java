package devservers;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import testing.RealServers;

@ExtendWith(RealServers.class)
class CephRgwIT extends ObjectStoreContract {
    @BeforeEach
    void server(CephRgwServer ceph) {
        credentials = ceph.credentials();
    }
}

package storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyLayoutTest {
    static final String KEY = "1234567/abcd1234-1234-abcd-5678-1234abcd1234/20200609125740-1234567890abcdef1234567890abcdef";

    @Test
    void parsesTheSpecExampleKey() {
        S3Key key = S3Key.parse(KEY);
        assertThat(key.organization()).isEqualTo("1234567");
        assertThat(key.clusterId()).isEqualTo("abcd1234-1234-abcd-5678-1234abcd1234");
        assertThat(key.uploadedAt()).isEqualTo(LocalDateTime.of(2020, 6, 9, 12, 57, 40));
        assertThat(key).hasToString(KEY);
    }

    @Test
    void cephPathUsesTheClusterPrefixAndTheKeyTimestamp() {
        assertThat(CephPath.of(S3Key.parse(KEY))).hasToString(
                "archives/compressed/ab/abcd1234-1234-abcd-5678-1234abcd1234/202006/09/125740.tar.gz");
    }

    @Test
    void upperCaseClusterIdsAreLowerCasedInCeph() {
        S3Key key = S3Key.parse("1/ABCD1234-1234-ABCD-5678-1234ABCD1234/20211231235959-1234567890abcdef1234567890abcdef");
        assertThat(CephPath.of(key).toString()).isEqualTo(
                "archives/compressed/ab/abcd1234-1234-abcd-5678-1234abcd1234/202112/31/235959.tar.gz");
    }

    @Test
    void cephPathRoundTrips() {
        String path = "archives/compressed/aa/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/031044.tar.gz";
        CephPath parsed = CephPath.parse(path);
        assertThat(parsed.collectedAt()).isEqualTo(LocalDateTime.of(2021, 1, 20, 3, 10, 44));
        assertThat(parsed).hasToString(path);
    }

    @Test
    void cephPathWithAForeignPrefixIsRejected() {
        assertThatThrownBy(() -> CephPath.parse("archives/compressed/bb/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/031044.tar.gz"))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("prefix");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "1234567/abcd1234-1234-abcd-5678-1234abcd1234",
        "org/abcd1234-1234-abcd-5678-1234abcd1234/20200609125740-1234567890abcdef1234567890abcdef",
        "1234567/not-a-uuid/20200609125740-1234567890abcdef1234567890abcdef",
        "1234567/abcd1234-1234-abcd-5678-1234abcd1234/2020060912574-1234567890abcdef1234567890abcdef",
        "1234567/abcd1234-1234-abcd-5678-1234abcd1234/20201309125740-1234567890abcdef1234567890abcdef",
        "1234567/abcd1234-1234-abcd-5678-1234abcd1234/20200609125740-1234567890ABCDEF1234567890abcdef",
        "1234567/abcd1234-1234-abcd-5678-1234abcd1234/20200609125740-1234567890abcdef1234567890abcdef/extra"
    })
    void nonArchiveKeysAreRejected(String key) {
        assertThat(S3Key.isArchiveKey(key)).isFalse();
        assertThatThrownBy(() -> S3Key.parse(key)).isInstanceOf(InvalidKeyException.class);
    }
}

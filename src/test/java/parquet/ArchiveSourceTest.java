package parquet;

import model.ArchiveMetadata;
import org.junit.jupiter.api.Test;
import storage.CephPath;
import storage.InvalidKeyException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written Ceph path reading agrees with {@link CephPath#parse}. */
class ArchiveSourceTest {

    static final String GOOD = "archives/compressed/aa/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/031044.tar.gz";

    @Test
    void theCommonDerivations() {
        ArchiveSource source = ArchiveSource.of(GOOD, new ArchiveMetadata("AAAAAAAA-bbbb-cccc-dddd-eeeeeeeeeeee", "1"));
        assertThat(source.clusterId()).isEqualTo("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        assertThat(source.archivePath()).isEqualTo(GOOD);
        assertThat(source.collectedAtMillis()).isEqualTo(Instant.parse("2021-01-20T03:10:44Z").toEpochMilli());
        assertThat(source.hour()).isEqualTo(Instant.parse("2021-01-20T03:00:00Z"));
    }

    @Test
    void acceptsAndRejectsWhatCephPathDoes() {
        List<String> paths = List.of(GOOD,
                "archives/compressed/00/00000000-0000-0000-0000-000000000000/202102/08/005934.tar.gz",
                "archives/compressed/12/12345678-acc8-4439-9393-c12140c20033/202108/02/235959.tar.gz",
                "archives/compressed/ab/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/031044.tar.gz", // prefix
                "archives/compressed/AA/AAAAAAAA-bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/031044.tar.gz", // upper case
                "archives/compressed/aa/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/31044.tar.gz",  // 5 digits
                "archives/compressed/aa/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202113/20/031044.tar.gz", // month 13
                "archives/compressed/aa/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/031044.tar.gzz",
                "archives/compressed/aa/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/2021x1/20/031044.tar.gz",
                "archives/compressed/aa/aaaaaaaa_bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/031044.tar.gz",
                "archives/compressed/aa/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/031060.tar.gz", // second 60
                "archives/compressed/aa/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202101-20/031044.tar.gz",
                "1234567/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/20210120031044-1234567890abcdef1234567890abcdef", "");
        for (String path : paths) {
            Long expected;
            try {
                expected = CephPath.parse(path).collectedAt().toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (InvalidKeyException | java.time.DateTimeException e) {
                expected = null;
            }
            Long actual;
            try {
                actual = ArchiveSource.collectedAtMillis(path);
            } catch (RejectedValueException e) {
                assertThat(e.getMessage()).startsWith("archive_path: not a Ceph archive path");
                actual = null;
            }
            assertThat(actual).as(path).isEqualTo(expected);
        }
        assertThat(ArchiveSource.collectedAtMillis(paths.get(2))).isEqualTo(Instant.parse("2021-08-02T23:59:59Z").toEpochMilli());
    }
}

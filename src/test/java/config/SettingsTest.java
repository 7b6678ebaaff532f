package config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class SettingsTest {
    static CcxProperties properties(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        CamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(p);
        return CcxProperties.of(camel);
    }

    @Test
    void aMissingPropertyNamesItsKeyAndEnvironmentVariable() {
        assertThatThrownBy(() -> properties().text("ccx.ceph.bucket"))
                .hasMessage("missing property ccx.ceph.bucket (environment variable CCX_CEPH_BUCKET)");
    }

    @Test
    void aMalformedValueNamesItsKeyAndValue() {
        assertThatThrownBy(() -> properties("ccx.archive-sync.part-bytes", "16MiB").number("ccx.archive-sync.part-bytes"))
                .hasMessageStartingWith("property ccx.archive-sync.part-bytes (environment variable CCX_ARCHIVE_SYNC_PART_BYTES) = '16MiB'");
        assertThatThrownBy(() -> properties("ccx.parquet.fsync", "yes").flag("ccx.parquet.fsync"))
                .hasMessageContaining("not true or false");
    }

    @Test
    void anS3ConnectionIsReadUnderItsPrefixAndHidesItsSecret() {
        S3Connection ceph = S3Connection.read(properties("ccx.ceph.endpoint", " http://rgw:7480 ", "ccx.ceph.region", "us-east-1",
                "ccx.ceph.access-key", "AK", "ccx.ceph.secret-key", "SECRET", "ccx.ceph.bucket", "datahub"), "ceph", "ccx.ceph");
        assertThat(ceph).isEqualTo(new S3Connection("ceph", "http://rgw:7480", "us-east-1", "AK", "SECRET", "datahub"));
        assertThat(ceph.toString()).contains("datahub", "http://rgw:7480").doesNotContain("SECRET");
    }

    @Test
    void theShippedDefaultsBindEverySettingsRecord() throws Exception {
        Properties shipped = new Properties();
        try (var in = SettingsTest.class.getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }
        CamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(shipped);
        CcxProperties p = CcxProperties.of(camel);
        assertThat(ArchiveSyncSettings.read(p).singlePutMaxBytes()).isEqualTo(134_217_728L);
        assertThat(AnalysisSettings.read(p).idempotency()).isEqualTo("kafka");
        ParquetSettings parquet = ParquetSettings.read(p);
        assertThat(parquet.grace()).isEqualTo(Duration.ofMinutes(15));
        assertThat(parquet.env()).isEqualTo("prod");
        assertThat(S3Connection.read(p, "parquet-s3", "ccx.parquet.s3").endpoint()).isEqualTo("http://localhost:7480");
        assertThat(SqsConnection.read(p).queue()).isEqualTo("ccx-insights-archives");
        assertThat(archive.ArchiveLimits.read(p)).isEqualTo(archive.ArchiveLimits.defaults());
        assertThat(thanos.ThanosPollSettings.read(p).maxHoursPerPoll()).isEqualTo(6);
        assertThat(thanos.ThanosConfig.read(p).baseUrl().toString()).isEqualTo("http://localhost:9090");
    }
}

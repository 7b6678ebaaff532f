package kamelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import errors.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import model.FeaturesMessage;
import model.RulesResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import storage.ArchiveMissingException;
import thanos.ThanosConfig;
import testing.ArchiveMessages;

/** The Kamelets' beans as plain objects: configured by setters, as the Kamelet's properties configure them. */
class KameletStepsTest {
    static final String CLUSTER = "5d5892d3-1f74-4ccf-91af-548dfc9767aa";
    static final String PATH = "archives/compressed/5d/" + CLUSTER + "/202012/09/131008.tar.gz";

    @TempDir
    Path dir;

    static String archiveSynced(String path) {
        return ArchiveMessages.archiveSynced(path, "1234567890/" + CLUSTER + "/20201209131008-0123456789abcdef0123456789abcdef");
    }

    static ArchiveAnalysisStep analysis(String engine, SampleCeph ceph) {
        ArchiveAnalysisStep step = new ArchiveAnalysisStep();
        step.setEngine(engine);
        step.setCephBucket("ccx-datahub");
        step.useCephClient(ceph);
        return step;
    }

    @Test
    void rulesEngineGivesTheRulesReportOfTheArchiveInTheBucket() throws Exception {
        SampleCeph ceph = new SampleCeph();
        ArchiveAnalysisStep step = analysis("rules", ceph);
        step.setDisabledRules(" pending_csrs , ");
        Object out = step.analyse(archiveSynced(PATH));
        assertThat(out).isInstanceOf(RulesResults.class);
        List<String> hits = ((RulesResults) out).report().reports().stream().map(r -> r.ruleId()).toList();
        assertThat(hits).contains("operators_degraded|OPERATOR_DEGRADED").noneMatch(h -> h.startsWith("pending_csrs"));
        assertThat(ceph.fetched).containsExactly("ccx-datahub/" + PATH);
    }

    @Test
    void featuresEngineGivesTheFeatures() throws Exception {
        Object out = analysis("features", new SampleCeph()).analyse(archiveSynced(PATH));
        assertThat(out).isInstanceOf(FeaturesMessage.class);
        assertThat(((FeaturesMessage) out).report()).hasSize(7);
    }

    @Test
    void aMissingArchiveOrUnreadableJsonIsBadInput() {
        ArchiveAnalysisStep step = analysis("rules", new SampleCeph());
        assertThatThrownBy(() -> step.analyse(archiveSynced(PATH.replace("131008", "000000"))))
                .isInstanceOf(ArchiveMissingException.class).hasMessageContaining("is not in the Ceph bucket ccx-datahub");
        assertThatThrownBy(() -> step.analyse("{\"path\":")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot read ArchiveSynced");
        assertThatThrownBy(() -> step.analyse(null)).isInstanceOf(BadInputException.class);
    }

    @Test
    void settingsAreCheckedOnTheFirstMessage() {
        ArchiveAnalysisStep noEngine = analysis("both", new SampleCeph());
        assertThatThrownBy(() -> noEngine.analyse(archiveSynced(PATH))).hasMessageContaining("engine must be rules or features");
        ArchiveAnalysisStep noBucket = new ArchiveAnalysisStep();
        noBucket.setEngine("rules");
        assertThatThrownBy(() -> noBucket.analyse(archiveSynced(PATH))).hasMessageContaining("cephBucket is not set");

        ArchiveSyncStep sync = new ArchiveSyncStep();
        sync.setAwsBucket("ingress");
        sync.setCephBucket("datahub");
        assertThatThrownBy(sync::service).hasMessageContaining("cephEndpoint is not set");
        sync.setCephEndpoint("http://127.0.0.1:9");
        sync.setPartBytes(1024);
        assertThatThrownBy(sync::service).hasMessageContaining("at least 5 MiB");
        sync.setPartBytes(5L << 20);
        assertThat(sync.service()).isSameAs(sync.service());
        sync.close();
        assertThatThrownBy(() -> sync.sync("[]")).isInstanceOf(BadInputException.class).hasMessageContaining("cannot read ArchiveNew");
        sync.close();
    }

    @Test
    void thanosSettingsBecomeTheClientConfig() throws Exception {
        ThanosSource source = new ThanosSource();
        assertThatThrownBy(source::config).hasMessageContaining("thanosUrl is not set");
        source.setThanosUrl("https://thanos:9091");
        source.setTokenFile(" ");
        source.setTruststore(null);
        source.setIdChunkSize(7);
        ThanosConfig plain = source.config();
        assertThat(plain.bearerTokenFile()).isEmpty();
        assertThat(plain.trustStore()).isEmpty();
        assertThat(plain.idChunkSize()).isEqualTo(7);
        source.setTokenFile("/var/run/secrets/token");
        source.setTruststore("/etc/ca.p12");
        source.setTruststorePassword("changeit");
        ThanosConfig secured = source.config();
        assertThat(secured.bearerTokenFile()).contains(Path.of("/var/run/secrets/token"));
        assertThat(secured.trustStore()).contains(Path.of("/etc/ca.p12"));
        assertThat(secured.trustStorePassword()).contains("changeit");
        assertThat(secured.toString()).doesNotContain("changeit");
    }

    @Test
    void thanosHoursAreDoneOnlyWhenMarked() throws Exception {
        ThanosSource source = new ThanosSource();
        source.setCamelContext(new org.apache.camel.impl.DefaultCamelContext());
        source.setThanosUrl("http://127.0.0.1:9");
        source.setLedgerFile(dir.resolve("ledger/hours.json").toString());
        source.setBackfillHours(2);
        source.setSettleDelayMs(0);
        source.setClock(Clock.fixed(Instant.parse("2024-03-15T10:30:00Z"), ZoneOffset.UTC));
        Instant hour = Instant.parse("2024-03-15T09:00:00Z");
        assertThat(source.isDone(hour)).isFalse();
        source.markDone(hour);
        assertThat(source.isDone(hour)).isTrue();
        assertThat(Files.readString(dir.resolve("ledger/hours.json"))).contains("2024-03-15T09:00:00Z");
        assertThatThrownBy(() -> {
            ThanosSource noLedger = new ThanosSource();
            noLedger.setThanosUrl("http://127.0.0.1:9");
            noLedger.poll();
        }).hasMessageContaining("ledgerFile is not set");
    }

    /** Ceph with one object: the bundled sample under {@link #PATH}. */
    static final class SampleCeph implements S3Client {
        final List<String> fetched = new ArrayList<>();

        @Override
        public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
            fetched.add(request.bucket() + "/" + request.key());
            if (!PATH.equals(request.key())) {
                throw NoSuchKeyException.builder().message("no such key").build();
            }
            try (InputStream in = KameletStepsTest.class.getResourceAsStream("/samples/insights-archive-sample.tar.gz")) {
                byte[] bytes = in.readAllBytes();
                return new ResponseInputStream<>(GetObjectResponse.builder().contentLength((long) bytes.length).build(),
                        AbortableInputStream.create(new ByteArrayInputStream(bytes)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }
}

package kamelet;

import pipeline.JsonFormats;
import analysis.ArchiveAnalysis;
import archive.ArchiveLimits;
import archive.ArchiveReader;
import features.FeaturesService;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import model.ArchiveSynced;
import rules.RulesService;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bean of the {@code ccx-rules-action} and {@code ccx-features-action} Kamelets: an
 * archive-synced message (JSON) → the archive streamed once from the Ceph bucket through the safe
 * archive reader → the rules-results record ({@code engine=rules}) or the features record
 * ({@code engine=features}). Every setting is a Kamelet property; the Ceph client is built on the
 * first message and closed with the Kamelet's route.
 */
public final class ArchiveAnalysisStep extends CephBucketStep implements AutoCloseable {
    public static final String RULES = "rules";
    public static final String FEATURES = "features";

    private String engine;
    private String disabledRules = "";
    private long maxTotalBytes = 512L << 20;
    private long maxEntryBytes = 64L << 20;
    private int maxEntries = 20_000;
    private int maxPathLength = 512;
    private long timeBudgetMs = 30_000;

    private S3Client ceph;
    private boolean ownsClient;
    private ArchiveAnalysis analysis;

    /** archive-synced JSON → the engine's message (rules-results or features) as a record. */
    public Record analyse(String archiveSyncedJson) throws IOException {
        ArchiveAnalysis.Outputs outputs = analysis().analyse(JsonFormats.read(archiveSyncedJson, ArchiveSynced.class));
        return RULES.equals(engine()) ? outputs.rules() : outputs.features();
    }

    synchronized ArchiveAnalysis analysis() {
        if (analysis == null) {
            String kind = engine();
            String bucket = cephBucket();
            if (ceph == null) {
                ceph = newCephClient();
                ownsClient = true;
            }
            ArchiveReader reader = new ArchiveReader(new ArchiveLimits(maxTotalBytes, maxEntryBytes, maxEntries,
                    maxPathLength, Duration.ofMillis(timeBudgetMs)));
            Set<String> disabled = config.AnalysisSettings.ruleNames(KameletProperties.text(disabledRules));
            analysis = new ArchiveAnalysis(ceph, bucket, reader,
                    RULES.equals(kind) ? RulesService.fromServiceLoader(disabled, Meters.of(getCamelContext())) : null,
                    FEATURES.equals(kind) ? FeaturesService.standard() : null);
        }
        return analysis;
    }

    private String engine() {
        String kind = KameletProperties.text(engine);
        if (!RULES.equals(kind) && !FEATURES.equals(kind)) {
            throw new IllegalStateException("engine must be " + RULES + " or " + FEATURES + ", not '" + kind + "'");
        }
        return kind;
    }

    /** A Ceph client made elsewhere (tests); not closed by {@link #close()}. */
    synchronized void useCephClient(S3Client client) {
        this.ceph = client;
        this.ownsClient = false;
    }

    @Override
    public synchronized void close() {
        if (ceph != null && ownsClient) {
            ceph.close();
            ceph = null;
        }
        analysis = null;
    }

    public void setEngine(String engine) {
        this.engine = engine;
    }

    public void setDisabledRules(String disabledRules) {
        this.disabledRules = disabledRules;
    }

    public void setMaxTotalBytes(long maxTotalBytes) {
        this.maxTotalBytes = maxTotalBytes;
    }

    public void setMaxEntryBytes(long maxEntryBytes) {
        this.maxEntryBytes = maxEntryBytes;
    }

    public void setMaxEntries(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    public void setMaxPathLength(int maxPathLength) {
        this.maxPathLength = maxPathLength;
    }

    public void setTimeBudgetMs(long timeBudgetMs) {
        this.timeBudgetMs = timeBudgetMs;
    }
}

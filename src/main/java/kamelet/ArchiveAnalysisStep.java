package kamelet;

import analysis.ArchiveAnalysis;
import features.FeaturesService;
import java.io.IOException;
import java.util.Set;
import model.ArchiveSynced;
import pipeline.JsonFormats;
import rules.RulesService;

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
    private final ArchiveReadLimits limits = new ArchiveReadLimits();

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
            Set<String> disabled = config.AnalysisSettings.ruleNames(KameletProperties.text(disabledRules));
            analysis = new ArchiveAnalysis(cephClient(), bucket, limits.reader(),
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

    @Override
    public synchronized void close() {
        closeCephClient();
        analysis = null;
    }

    public void setEngine(String engine) {
        this.engine = engine;
    }

    public void setDisabledRules(String disabledRules) {
        this.disabledRules = disabledRules;
    }

    /** The archive reader's limits (Kamelet: {@code limits.maxTotalBytes} and so on). */
    public ArchiveReadLimits getLimits() {
        return limits;
    }
}

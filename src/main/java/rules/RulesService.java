package rules;

import archive.ArchiveFiles;
import archive.FileSelector;
import io.micrometer.core.instrument.MeterRegistry;
import model.ArchiveMetadata;
import model.RulesResults;
import storage.CephPath;
import storage.InvalidKeyException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/** The rules stage's bean: archive files in, a rules-results message (contract §12.1) out. */
public final class RulesService {

    private final RuleEngine engine;

    public RulesService(RuleEngine engine) {
        this.engine = engine;
    }

    /** Union of all enabled rules' requirements: what the archive reader must keep. */
    public FileSelector requiredFiles() {
        return engine.requiredFiles();
    }

    /**
     * The message for one archive. Age checks use the collection time in {@code cephPath}
     * ({@code …/YYYYMM/DD/hhmmss.tar.gz}, UTC), or now when the path does not have that form.
     */
    public RulesResults analyse(ArchiveFiles files, String cephPath, ArchiveMetadata metadata) {
        return new RulesResults(cephPath, metadata, engine.analyse(files, collectedAt(cephPath)));
    }

    public RuleEngine engine() {
        return engine;
    }

    /** Every {@link Rule} registered in {@code META-INF/services/rules.Rule}, minus the disabled ones. */
    public static RulesService fromServiceLoader(Set<String> disabledRules, MeterRegistry meters) {
        List<Rule> rules = new ArrayList<>();
        ServiceLoader.load(Rule.class, RulesService.class.getClassLoader()).forEach(rules::add);
        return new RulesService(new RuleEngine(rules, disabledRules, meters));
    }

    static Instant collectedAt(String cephPath) {
        try {
            return CephPath.parse(cephPath).collectedAt().toInstant(ZoneOffset.UTC);
        } catch (InvalidKeyException e) {
            return null;
        }
    }
}

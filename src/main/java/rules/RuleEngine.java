package rules;

import archive.ArchiveFiles;
import archive.FileSelector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import model.RulesReport.AnalysisMetadata;
import model.RulesReport.Info;
import model.RulesReport.Pass;
import model.RulesReport.PluginSet;
import model.RulesReport.ReportHit;
import model.RulesReport.ReportSystem;
import model.RulesReport.Skip;
import model.RulesReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs the enabled rules over one archive and assembles the {@code report} of a rules-results message
 * (contract §12.1): hits, passes, infos, and skips for rules whose files are missing. A rule that
 * throws, or returns something the contract would reject, fails alone: it is logged, counted in
 * {@code ccx.rules.failures{rule=...}}, and leaves no entry in the report (the contract has no place
 * for errors). Immutable and thread-safe once built.
 */
public final class RuleEngine {

    /** Engine name and version, written into every {@code plugin_sets} entry. */
    public static final String VERSION = "ccx-pipeline-rules-0.1.0";
    public static final String EXECUTION_CONTEXT = "rules.RuleEngine";
    public static final String FAILURES_METRIC = "ccx.rules.failures";
    static final String MISSING_REQUIREMENTS = "MISSING_REQUIREMENTS";

    private static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);
    private static final DateTimeFormatter TS_OFFSET =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);
    // The contract's patterns (contract §3.4): module names, P-FQDN, P-KEY, RULEID-STR.
    private static final Pattern MODULE = Pattern.compile("[a-zA-Z0-9_]+(\\.[a-zA-Z0-9_]+)*");
    private static final Pattern FQDN = Pattern.compile("([a-zA-Z0-9_]+[.])+[a-z0-9_]+");
    private static final Pattern KEY = Pattern.compile("[A-Z0-9]+([_][A-Z0-9]+)+");
    private static final Pattern RULE_ID = Pattern.compile("[a-zA-Z0-9_]+([_][a-z0-9_]+)+\\|[A-Z0-9_]+([_][A-Z0-9_]+)+");

    private final List<Rule> rules;
    private final List<String> disabled;
    private final FileSelector required;
    private final MeterRegistry meters;
    private final Clock clock;

    public RuleEngine(Collection<? extends Rule> rules, Set<String> disabledRules, MeterRegistry meters) {
        this(rules, disabledRules, meters, Clock.systemUTC());
    }

    /**
     * @param disabledRules rules to leave out, each named by its module, short name or component;
     *                      a name that matches no rule is logged (likely a typo) and ignored
     * @param meters        where failures are counted; null for a private {@link SimpleMeterRegistry}
     */
    public RuleEngine(Collection<? extends Rule> rules, Set<String> disabledRules, MeterRegistry meters, Clock clock) {
        Set<String> modules = new HashSet<>();
        for (Rule rule : rules) {
            checkDefinition(rule);
            if (!modules.add(rule.module())) {
                throw new IllegalArgumentException("two rules with the module " + rule.module());
            }
        }
        Set<String> off = disabledRules == null ? Set.of() : disabledRules;
        this.rules = rules.stream().filter(rule -> !isNamed(rule, off))
                .map(Rule.class::cast)
                .sorted(Comparator.comparing(Rule::module)).toList();
        this.disabled = rules.stream().filter(rule -> isNamed(rule, off)).map(Rule::module).sorted().toList();
        for (String name : off) {
            if (rules.stream().noneMatch(rule -> isNamed(rule, Set.of(name)))) {
                LOG.warn("disabled rule '{}' matches no known rule", name);
            }
        }
        this.required = this.rules.stream().map(rule -> rule.requirements().selector())
                .reduce(FileSelector.none(), FileSelector::union);
        this.meters = meters == null ? new SimpleMeterRegistry() : meters;
        this.clock = clock;
    }

    /** The enabled rules, by module name. */
    public List<Rule> rules() {
        return rules;
    }

    /** Modules of the rules left out by configuration. */
    public List<String> disabledModules() {
        return disabled;
    }

    /** Every file any enabled rule may read. */
    public FileSelector requiredFiles() {
        return required;
    }

    public MeterRegistry meters() {
        return meters;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Runs every enabled rule.
     *
     * @param collectedAt when the archive was gathered; null means now
     */
    public RulesReport analyse(ArchiveFiles files, Instant collectedAt) {
        Instant start = clock.instant();
        RuleContext context = new RuleContext(files, collectedAt == null ? start : collectedAt);
        List<ReportHit> hits = new ArrayList<>();
        List<Skip> skips = new ArrayList<>();
        List<Info> infos = new ArrayList<>();
        List<Pass> passes = new ArrayList<>();
        for (Rule rule : rules) {
            Requirements.Missing missing = rule.requirements().missing(files);
            if (missing != null) {
                skips.add(new Skip(rule.component(), MISSING_REQUIREMENTS, missing.describe(), "skip"));
                continue;
            }
            RuleResult result;
            try {
                result = rule.evaluate(context);
            } catch (RuntimeException | StackOverflowError e) {
                fail(rule, "threw " + e, e);
                continue;
            }
            try {
                if (result instanceof RuleResult.Hits h) {
                    hits.addAll(reportHits(rule, h));
                } else if (result instanceof RuleResult.Pass p) {
                    passes.add(pass(rule, p));
                } else if (result instanceof RuleResult.Info i) {
                    infos.add(info(rule, i));
                } else {
                    throw new BrokenResult("returned " + result);
                }
            } catch (BrokenResult e) {
                fail(rule, e.getMessage(), null);
            }
        }
        Instant finish = clock.instant();
        Map<String, PluginSet> pluginSets = new LinkedHashMap<>();
        for (String name : List.of("insights-core", "ccx_rules_ocp", "ccx_ocp_core")) {
            pluginSets.put(name, new PluginSet(VERSION, null));
        }
        return new RulesReport(new ReportSystem(new LinkedHashMap<>(), null, null), hits, List.of(), skips, infos,
                passes, new AnalysisMetadata(timestamp(start), timestamp(finish), EXECUTION_CONTEXT, pluginSets));
    }

    /** TS-OFFSET: {@code YYYY-MM-DDTHH:MM:SS.ffffff+00:00}. */
    static String timestamp(Instant instant) {
        return TS_OFFSET.format(instant);
    }

    private List<ReportHit> reportHits(Rule rule, RuleResult.Hits result) {
        List<ReportHit> out = new ArrayList<>();
        for (RuleResult.Hit hit : result.hits()) {
            String key = knownKey(rule, hit.errorKey());
            Optional<String> problem = DetailsCheck.hitProblem(hit.details());
            if (problem.isPresent()) {
                throw new BrokenResult("hit " + key + ": " + problem.get());
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("type", "rule");
            details.put("error_key", key);
            details.putAll(hit.details());
            out.add(new ReportHit(rule.shortName() + "|" + key, rule.component(), "rule", key, details,
                    List.of(), Map.of()));
        }
        return out;
    }

    private static Pass pass(Rule rule, RuleResult.Pass result) {
        String key = result.key() == null ? rule.passKey() : result.key();
        if (!KEY.matcher(key).matches()) {
            throw new BrokenResult("pass key " + key + " is not upper-case words joined by '_'");
        }
        return new Pass(rule.shortName() + "|" + key, rule.component(), "pass", key,
                new LinkedHashMap<>(result.details()), Map.of(), List.of());
    }

    private static Info info(Rule rule, RuleResult.Info result) {
        String key = knownKey(rule, result.infoKey());
        Optional<String> problem = DetailsCheck.infoProblem(result.details());
        if (problem.isPresent()) {
            throw new BrokenResult("info " + key + ": " + problem.get());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", "info");
        details.put("info_key", key);
        details.putAll(result.details());
        return new Info(rule.component(), details, rule.shortName() + "|" + key, key, Map.of(), List.of(), "info");
    }

    private static String knownKey(Rule rule, String key) {
        if (key == null || !rule.keys().contains(key)) {
            throw new BrokenResult("reported key " + key + ", which is not one of its keys " + rule.keys());
        }
        return key;
    }

    private void fail(Rule rule, String what, Throwable cause) {
        meters.counter(FAILURES_METRIC, "rule", rule.shortName()).increment();
        LOG.warn("rule {} failed and is left out of the report: {}", rule.module(), what, cause);
    }

    private static boolean isNamed(Rule rule, Set<String> names) {
        return names.contains(rule.module()) || names.contains(rule.shortName()) || names.contains(rule.component());
    }

    private static void checkDefinition(Rule rule) {
        String module = rule.module();
        if (module == null || !MODULE.matcher(module).matches() || !FQDN.matcher(rule.component()).matches()) {
            throw new IllegalArgumentException(rule.getClass().getName() + ": module '" + module
                    + "' must be dotted [a-zA-Z0-9_] segments with a lower-case component (P-FQDN)");
        }
        if (rule.keys() == null || rule.keys().isEmpty()) {
            throw new IllegalArgumentException(module + ": a rule needs at least one key");
        }
        List<String> keys = new ArrayList<>(rule.keys());
        keys.add(rule.passKey());
        for (String key : keys) {
            if (!KEY.matcher(key).matches() || !RULE_ID.matcher(rule.shortName() + "|" + key).matches()) {
                throw new IllegalArgumentException(module + ": rule id '" + rule.shortName() + "|" + key
                        + "' does not match the contract (P-RULEID: short name and key each need an '_')");
            }
        }
        if (rule.requirements() == null) {
            throw new IllegalArgumentException(module + ": no requirements");
        }
    }

    /** A result the contract would reject; fails the rule that returned it. */
    private static final class BrokenResult extends RuntimeException {
        BrokenResult(String message) {
            super(message, null, false, false);
        }
    }
}

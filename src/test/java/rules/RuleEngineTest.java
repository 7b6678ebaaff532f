package rules;

import archive.ArchiveFiles;
import archive.FileSelector;
import contract.Contract;
import contract.ContractValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import model.ArchiveMetadata;
import model.Json;
import model.RulesReport;
import model.RulesResults;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleEngineTest {

    private static final String PATH = "archives/compressed/aa/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/031044.tar.gz";
    private static final ArchiveMetadata METADATA = new ArchiveMetadata("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "1234567890");
    private static final ArchiveFiles FILES = ArchiveFiles.of(Map.of(
            "config/version.json", "{\"spec\":{\"channel\":\"stable-4.7\"}}".getBytes(StandardCharsets.UTF_8),
            "config/node/a.json", "{}".getBytes(StandardCharsets.UTF_8),
            "config/broken.json", "{".getBytes(StandardCharsets.UTF_8)));

    /** A rule defined inline: module short name, keys, requirements, behaviour. */
    private record TestRule(String shortName, Set<String> keys, Requirements requirements,
                            Function<RuleContext, RuleResult> body) implements Rule {
        @Override
        public String module() {
            return "ccx_rules_ocp.external.rules." + shortName;
        }

        @Override
        public RuleResult evaluate(RuleContext context) {
            return body.apply(context);
        }
    }

    private static TestRule rule(String shortName, Function<RuleContext, RuleResult> body) {
        return new TestRule(shortName, Set.of("SOME_PROBLEM", "SOME_INFO"),
                Requirements.builder().all("config/version.json").build(), body);
    }

    @Test
    void reportsHitsPassesAndInfosWithTheContractsShape() {
        RuleEngine engine = new RuleEngine(List.of(
                rule("b_rule", c -> RuleResult.hit("SOME_PROBLEM", Map.of("current", "4.7.16"))),
                rule("a_rule", c -> RuleResult.pass()),
                rule("c_rule", c -> RuleResult.info("SOME_INFO", Map.of("current", "x")))), Set.of(), null);

        RulesReport report = engine.analyse(FILES, null);

        assertThat(report.reports()).singleElement().satisfies(hit -> {
            assertThat(hit.ruleId()).isEqualTo("b_rule|SOME_PROBLEM");
            assertThat(hit.component()).isEqualTo("ccx_rules_ocp.external.rules.b_rule.report");
            assertThat(hit.type()).isEqualTo("rule");
            assertThat(hit.key()).isEqualTo("SOME_PROBLEM");
            assertThat(hit.details()).containsExactly(Map.entry("type", "rule"), Map.entry("error_key", "SOME_PROBLEM"),
                    Map.entry("current", "4.7.16"));
            assertThat(hit.tags()).isEmpty();
            assertThat(hit.links()).isEmpty();
        });
        assertThat(report.pass()).singleElement().satisfies(pass -> {
            assertThat(pass.passId()).isEqualTo("a_rule|A_RULE_PASS");
            assertThat(pass.key()).isEqualTo("A_RULE_PASS");
        });
        assertThat(report.info()).singleElement().satisfies(info -> {
            assertThat(info.infoId()).isEqualTo("c_rule|SOME_INFO");
            assertThat(info.details()).containsEntry("type", "info").containsEntry("info_key", "SOME_INFO");
        });
        assertThat(report.fingerprints()).isEmpty();
        assertThat(report.system().metadata()).isEmpty();
        assertThat(report.system().hostname()).isNull();
        assertThat(report.analysisMetadata().pluginSets()).containsOnlyKeys("insights-core", "ccx_rules_ocp", "ccx_ocp_core")
                .allSatisfy((name, set) -> assertThat(set).isEqualTo(new RulesReport.PluginSet(RuleEngine.VERSION, null)));
        assertContractValid(report);
    }

    @Test
    void skipsRulesWithMissingRequirementsInInsightsCoreWording() {
        TestRule needsMuch = new TestRule("needs_much", Set.of("SOME_PROBLEM"), Requirements.builder()
                .all("config/version.json", "config/id", "config/pod/*/*.json")
                .any("config/alerts.json", "config/metrics")
                .any("config/node/*.json", "config/nodes.json")
                .resource("config/proxy")
                .build(), c -> RuleResult.pass());

        RulesReport report = new RuleEngine(List.of(needsMuch), Set.of(), null).analyse(FILES, null);

        assertThat(report.pass()).isEmpty();
        assertThat(report.skips()).singleElement().satisfies(skip -> {
            assertThat(skip.ruleFqdn()).isEqualTo("ccx_rules_ocp.external.rules.needs_much.report");
            assertThat(skip.reason()).isEqualTo("MISSING_REQUIREMENTS");
            assertThat(skip.type()).isEqualTo("skip");
            assertThat(skip.details()).isEqualTo("All: ['config/id', 'config/pod/*/*.json'] "
                    + "Any: ['config/alerts.json', 'config/metrics'] Any: ['config/proxy.json', 'config/proxy/*.json']");
        });
        assertContractValid(report);
    }

    @Test
    void isolatesAFailingRuleAndCountsIt() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RuleEngine engine = new RuleEngine(List.of(
                rule("throws_npe", c -> {
                    throw new NullPointerException("boom");
                }),
                rule("reads_broken_json", c -> RuleResult.pass(Map.of("x", c.files().json("config/broken.json").orElseThrow()))),
                rule("returns_null", c -> null),
                rule("unknown_key", c -> RuleResult.hit("NOT_DECLARED", Map.of())),
                rule("bad_details", c -> RuleResult.hit("SOME_PROBLEM", Map.of("nodes", List.of("not-an-object")))),
                rule("reserved_details", c -> RuleResult.hit("SOME_PROBLEM", Map.of("error_key", "OTHER_KEY"))),
                rule("healthy_one", c -> RuleResult.hit("SOME_PROBLEM", Map.of()))), Set.of(), meters);

        RulesReport report = engine.analyse(FILES, null);

        assertThat(report.reports()).extracting(RulesReport.ReportHit::ruleId).containsExactly("healthy_one|SOME_PROBLEM");
        assertThat(report.pass()).isEmpty();
        for (String failed : List.of("throws_npe", "reads_broken_json", "returns_null", "unknown_key", "bad_details", "reserved_details")) {
            assertThat(meters.counter(RuleEngine.FAILURES_METRIC, "rule", failed).count()).as(failed).isEqualTo(1.0);
        }
        assertThat(meters.find(RuleEngine.FAILURES_METRIC).tag("rule", "healthy_one").counter()).isNull();
        assertContractValid(report);
    }

    @Test
    void leavesOutDisabledRulesByModuleShortNameOrComponent() {
        List<Rule> rules = List.of(rule("one_rule", c -> RuleResult.pass()), rule("two_rule", c -> RuleResult.pass()),
                rule("three_rule", c -> RuleResult.pass()), rule("four_rule", c -> RuleResult.pass()));

        RuleEngine engine = new RuleEngine(rules, Set.of("one_rule", "ccx_rules_ocp.external.rules.two_rule",
                "ccx_rules_ocp.external.rules.three_rule.report", "no_such_rule"), null);

        assertThat(engine.rules()).extracting(Rule::shortName).containsExactly("four_rule");
        assertThat(engine.disabledModules()).hasSize(3);
        assertThat(engine.analyse(FILES, null).pass()).hasSize(1);
    }

    @Test
    void requiredFilesAreTheUnionOfEnabledRules() {
        TestRule a = new TestRule("a_rule", Set.of("SOME_PROBLEM"),
                Requirements.builder().all("config/id").optional("config/metrics").build(), c -> RuleResult.pass());
        TestRule b = new TestRule("b_rule", Set.of("SOME_PROBLEM"),
                Requirements.builder().resource("config/version").build(), c -> RuleResult.pass());
        TestRule off = new TestRule("off_rule", Set.of("SOME_PROBLEM"),
                Requirements.builder().all("config/secret.json").build(), c -> RuleResult.pass());

        FileSelector required = new RuleEngine(List.of(a, b, off), Set.of("off_rule"), null).requiredFiles();

        assertThat(required.paths()).containsExactlyInAnyOrder("config/id", "config/metrics", "config/version.json");
        assertThat(required.globs()).containsExactly("config/version/*.json");
    }

    @Test
    void rejectsRulesTheContractCouldNotName() {
        Function<RuleContext, RuleResult> any = c -> RuleResult.pass();
        Requirements none = Requirements.builder().build();
        assertThatThrownBy(() -> new RuleEngine(List.of(new TestRule("nounderscore", Set.of("SOME_PROBLEM"), none, any)), Set.of(), null))
                .hasMessageContaining("P-RULEID");
        assertThatThrownBy(() -> new RuleEngine(List.of(new TestRule("some_rule", Set.of("PROBLEM"), none, any)), Set.of(), null))
                .hasMessageContaining("some_rule|PROBLEM");
        assertThatThrownBy(() -> new RuleEngine(List.of(new TestRule("Bad_Rule", Set.of("SOME_PROBLEM"), none, any)), Set.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RuleEngine(List.of(rule("same_rule", any), rule("same_rule", any)), Set.of(), null))
                .hasMessageContaining("two rules");
    }

    @Test
    void writesTimestampsWithMicrosecondsAndAnOffset() {
        Clock clock = Clock.fixed(Instant.parse("2021-02-12T09:22:40.335867123Z"), ZoneOffset.UTC);
        RuleEngine engine = new RuleEngine(List.of(rule("a_rule", c -> RuleResult.pass())), Set.of(), null, clock);

        RulesReport.AnalysisMetadata metadata = engine.analyse(FILES, null).analysisMetadata();

        assertThat(metadata.start()).isEqualTo("2021-02-12T09:22:40.335867+00:00");
        assertThat(metadata.finish()).isEqualTo("2021-02-12T09:22:40.335867+00:00");
        assertThat(metadata.executionContext()).isEqualTo("rules.RuleEngine");
        assertThat(RuleEngine.timestamp(Instant.parse("2021-02-12T09:22:40Z"))).isEqualTo("2021-02-12T09:22:40.000000+00:00");
    }

    @Test
    void givesRulesTheCollectionTime() {
        Instant[] seen = new Instant[1];
        RuleEngine engine = new RuleEngine(List.of(rule("a_rule", c -> {
            seen[0] = c.collectedAt();
            return RuleResult.pass();
        })), Set.of(), null);

        new RulesService(engine).analyse(FILES, PATH, METADATA);

        assertThat(seen[0]).isEqualTo(Instant.parse("2021-01-20T03:10:44Z"));
    }

    private static void assertContractValid(RulesReport report) {
        RulesResults message = new RulesResults(PATH, METADATA, report);
        new ContractValidator().check(Contract.RULES_RESULTS, Json.mapper().valueToTree(message));
    }
}

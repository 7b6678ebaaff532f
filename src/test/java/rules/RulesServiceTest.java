package rules;

import archive.ArchiveFiles;
import archive.ArchiveLimits;
import archive.ArchiveReader;
import archive.SampleArchive;
import contract.Contract;
import contract.ContractValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import model.ArchiveMetadata;
import model.Json;
import model.RulesReport;
import model.RulesResults;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole rule set over the real sample archive, as the rules route will run it. */
class RulesServiceTest {

    private static final String CLUSTER = "d669cb71-8256-4e8b-a8df-333a5e2dd753";
    private static final ArchiveMetadata METADATA = new ArchiveMetadata(CLUSTER, "1234567");
    /** Collected 2021-07-12, when the sample's 4.7 was supported. */
    private static final String PATH_2021 = "archives/compressed/d6/" + CLUSTER + "/202107/12/120000.tar.gz";
    /** Collected 2026-11-25, long after 4.7's end of life. */
    private static final String PATH_2026 = "archives/compressed/d6/" + CLUSTER + "/202611/25/120000.tar.gz";

    /** Which rules hit on the bundled sample (collected in July 2021). */
    static final List<String> SAMPLE_HITS = List.of(
            "critical_alerts_firing|CRITICAL_ALERTS_FIRING",
            "image_registry_storage|IMAGE_REGISTRY_EMPTYDIR",
            "oauth_identity_providers|OAUTH_NO_IDENTITY_PROVIDERS",
            "openshift_pods_unschedulable|PODS_UNSCHEDULABLE",
            "operators_degraded|OPERATOR_DEGRADED",
            "operators_not_upgradeable|UNSUPPORTED_CONFIG_OVERRIDES",
            "pending_csrs|PENDING_CSRS");

    @Test
    void loadsEveryRuleThroughTheServiceLoader() {
        RulesService service = RulesService.fromServiceLoader(Set.of(), new SimpleMeterRegistry());

        assertThat(service.engine().rules()).hasSize(16)
                .allSatisfy(rule -> assertThat(rule.module()).startsWith("ccx_rules_ocp.external.rules."));
        assertThat(service.requiredFiles().matches("config/version.json")).isTrue();
        assertThat(service.requiredFiles().matches("config/clusteroperator/etcd.json")).isTrue();
        assertThat(service.requiredFiles().matches("config/pod/openshift-etcd/logs/etcd/errors.log")).isFalse();
    }

    @Test
    void theSampleReportPassesTheContractWithTheExpectedHits() throws IOException {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RulesService service = RulesService.fromServiceLoader(Set.of(), meters);

        RulesResults message = service.analyse(read(service), PATH_2021, METADATA);

        new ContractValidator().check(Contract.RULES_RESULTS, Json.mapper().valueToTree(message));
        RulesReport report = message.report();
        assertThat(report.reports()).extracting(RulesReport.ReportHit::ruleId).containsExactlyElementsOf(SAMPLE_HITS);
        assertThat(report.info()).extracting(RulesReport.Info::infoId)
                .containsExactly("cluster_size_info|CLUSTER_SIZE_INFO", "cluster_version_info|CLUSTER_VERSION_INFO");
        assertThat(report.pass()).hasSize(16 - 7 - 2);
        assertThat(report.skips()).isEmpty();
        assertThat(meters.find(RuleEngine.FAILURES_METRIC).counters()).isEmpty();
        assertThat(message.path()).isEqualTo(PATH_2021);
        assertThat(message.metadata()).isEqualTo(METADATA);
    }

    @Test
    void anArchiveCollectedTodayAlsoHitsEndOfLife() throws IOException {
        RulesService service = RulesService.fromServiceLoader(Set.of(), new SimpleMeterRegistry());

        RulesResults message = service.analyse(read(service), PATH_2026, METADATA);

        new ContractValidator().check(Contract.RULES_RESULTS, Json.mapper().valueToTree(message));
        assertThat(message.report().reports()).extracting(RulesReport.ReportHit::ruleId)
                .contains("ocp_version_support|OCP_VERSION_END_OF_LIFE")
                .hasSize(SAMPLE_HITS.size() + 1);
    }

    @Test
    void disabledRulesAreLeftOut() throws IOException {
        RulesService service = RulesService.fromServiceLoader(Set.of("pending_csrs", "cluster_size_info"), null);

        RulesReport report = service.analyse(read(service), PATH_2021, METADATA).report();

        assertThat(report.reports()).extracting(RulesReport.ReportHit::ruleId).doesNotContain("pending_csrs|PENDING_CSRS");
        assertThat(report.info()).extracting(RulesReport.Info::infoId).containsExactly("cluster_version_info|CLUSTER_VERSION_INFO");
    }

    @Test
    void anEmptyArchiveGivesSkipsThatPassTheContract() {
        RulesService service = RulesService.fromServiceLoader(Set.of(), null);

        RulesResults message = service.analyse(ArchiveFiles.of(java.util.Map.of()), PATH_2021, METADATA);

        new ContractValidator().check(Contract.RULES_RESULTS, Json.mapper().valueToTree(message));
        assertThat(message.report().skips()).hasSize(16);
        assertThat(message.report().reports()).isEmpty();
    }

    private static ArchiveFiles read(RulesService service) throws IOException {
        return new ArchiveReader(ArchiveLimits.defaults())
                .read(new ByteArrayInputStream(SampleArchive.originalBytes()), service.requiredFiles());
    }
}

package parquet;

import model.RulesResults;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static parquet.Messages.ts;
import static parquet.Messages.values;

/** {@code rule_hits} and {@code archives} from rules-results messages. */
class RuleTablesTest {

    private static final String FIXTURE_PATH = "archives/compressed/aa/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/202101/20/031044.tar.gz";

    @Test
    void theValidatorsFixtureGivesOneHitAndOneArchive() {
        MappedRows rows = TableRows.fromRules(
                Messages.example("09_rules_results/test_fixture_valid_message.converted.json", RulesResults.class));

        assertThat(values(rows.rows(ParquetTable.RULE_HITS))).containsExactly(List.of(
                "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "tutorial_rule|TUTORIAL_ERROR", ts("2021-01-20 03:10:44"), FIXTURE_PATH));
        assertThat(values(rows.rows(ParquetTable.ARCHIVES))).containsExactly(List.of(
                "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", ts("2021-01-20 03:10:44"), FIXTURE_PATH));
        assertThat(rows.byTable()).containsOnlyKeys(ParquetTable.RULE_HITS, ParquetTable.ARCHIVES);
        assertThat(rows.rejected()).isEmpty();
        assertThat(rows.all()).allSatisfy(row -> assertThat(row.hour()).isEqualTo(Instant.parse("2021-01-20T03:00:00Z")));
    }

    @Test
    void theRuleHitsExampleTable() {
        List<TableRow> hits = SpecTables.ruleHitsMessages().stream()
                .flatMap(m -> TableRows.fromRules(m).rows(ParquetTable.RULE_HITS).stream()).toList();
        assertThat(values(hits)).isEqualTo(SpecTables.RULE_HITS);
    }

    @Test
    void theArchivesExampleTable() {
        List<TableRow> archives = SpecTables.archivesMessages().stream()
                .flatMap(m -> TableRows.fromRules(m).rows(ParquetTable.ARCHIVES).stream()).toList();
        assertThat(values(archives)).isEqualTo(SpecTables.ARCHIVES);
        assertThat(archives).allSatisfy(row -> assertThat(row.partition().correlationKey()).isEqualTo("archives/2023-02-10T14"));
    }

    @Test
    void aMessageWithoutHitsStillGivesItsArchiveRow() {
        MappedRows rows = TableRows.fromRules(Messages.rules(SpecTables.RULES_PATH_1));
        assertThat(rows.byTable()).containsOnlyKeys(ParquetTable.ARCHIVES);
        assertThat(rows.count(ParquetTable.ARCHIVES)).isEqualTo(1);
    }

    @Test
    void everyHitIsARowInReportOrder() {
        MappedRows rows = TableRows.fromRules(Messages.rules(SpecTables.RULES_PATH_2,
                "pods_check|POD_ISSUE", "nodes_requirements_check|NODES_MINIMUM_REQUIREMENTS_NOT_MET", "pods_check|POD_ISSUE"));
        assertThat(rows.rows(ParquetTable.RULE_HITS)).extracting(r -> r.record().get("rule_id")).containsExactly(
                "pods_check|POD_ISSUE", "nodes_requirements_check|NODES_MINIMUM_REQUIREMENTS_NOT_MET", "pods_check|POD_ISSUE");
    }

    @Test
    void aPathThatIsNotACephPathIsBadInput() {
        RulesResults good = Messages.rules(SpecTables.RULES_PATH_0, "pods_check|POD_ISSUE");
        RulesResults bad = new RulesResults("archives/compressed/00/not-a-uuid/202102/08/005934.tar.gz", good.metadata(), good.report());
        assertThatThrownBy(() -> TableRows.fromRules(bad)).isInstanceOf(errors.BadInputException.class)
                .hasMessageContaining("archive_path: not a Ceph archive path");
    }

    @Test
    void aClusterOtherThanThePathsIsBadInput() {
        RulesResults good = Messages.rules(SpecTables.RULES_PATH_0, "pods_check|POD_ISSUE");
        RulesResults bad = new RulesResults(SpecTables.RULES_PATH_1, good.metadata(), good.report());
        assertThatThrownBy(() -> TableRows.fromRules(bad)).isInstanceOf(errors.BadInputException.class)
                .hasMessageContaining("cluster_id: not the cluster of the path");
    }
}

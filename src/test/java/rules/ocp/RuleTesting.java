package rules.ocp;

import archive.ArchiveFiles;
import archive.SampleArchive;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contract.Contract;
import contract.ContractValidator;
import model.ArchiveMetadata;
import model.Json;
import model.RulesReport;
import model.RulesResults;
import rules.Rule;
import rules.RuleEngine;
import rules.RulesService;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one rule through the real engine over a (changed) sample archive read by the real reader, and
 * checks every message it produces against the contract.
 */
final class RuleTesting {

    static final String CLUSTER = "d669cb71-8256-4e8b-a8df-333a5e2dd753";
    /** Collected 2021-07-12 12:00 UTC, a few days after the sample cluster was installed. */
    static final String PATH = cephPath("202107", "12");
    static final ArchiveMetadata METADATA = new ArchiveMetadata(CLUSTER, "1234567");
    private static final ContractValidator CONTRACT = new ContractValidator();

    private RuleTesting() {
    }

    static String cephPath(String yearMonth, String day) {
        return "archives/compressed/d6/" + CLUSTER + "/" + yearMonth + "/" + day + "/120000.tar.gz";
    }

    /** The outcome of one rule: its hits, pass, info or skip. */
    record Outcome(RulesReport report) {
        List<RulesReport.ReportHit> hits() {
            return report.reports();
        }

        List<String> hitKeys() {
            return report.reports().stream().map(RulesReport.ReportHit::key).toList();
        }

        Map<String, Object> details(String key) {
            return report.reports().stream().filter(hit -> hit.key().equals(key)).findFirst().orElseThrow().details();
        }

        /** The hit's details as JSON, for easy navigation. */
        JsonNode json(String key) {
            return Json.mapper().valueToTree(details(key));
        }

        boolean passed() {
            return report.reports().isEmpty() && report.pass().size() == 1 && report.skips().isEmpty();
        }

        RulesReport.Skip skip() {
            assertThat(report.skips()).hasSize(1);
            return report.skips().get(0);
        }

        RulesReport.Info info() {
            assertThat(report.info()).hasSize(1);
            return report.info().get(0);
        }

        JsonNode infoJson() {
            return Json.mapper().valueToTree(info().details());
        }
    }

    static Outcome run(Rule rule, SampleArchive archive) {
        return run(rule, archive, PATH);
    }

    static Outcome run(Rule rule, SampleArchive archive, String cephPath) {
        RuleEngine engine = new RuleEngine(List.of(rule), Set.of(), null);
        ArchiveFiles files = archive.read(engine.requiredFiles());
        RulesResults message = new RulesService(engine).analyse(files, cephPath, METADATA);
        CONTRACT.check(Contract.RULES_RESULTS, Json.mapper().valueToTree(message));
        // a rule that failed leaves nothing in the report: make that a test failure here
        assertThat(engine.meters().find(RuleEngine.FAILURES_METRIC).counters()).as("rule failures").isEmpty();
        RulesReport report = message.report();
        assertThat(report.reports().size() + report.pass().size() + report.info().size() + report.skips().size())
                .as("the rule produced an outcome").isPositive();
        return new Outcome(report);
    }

    /** Sets (adds or replaces) a status condition of a Kubernetes resource. */
    static void condition(ObjectNode resource, String type, String status, String reason, String message) {
        ObjectNode statusNode = resource.withObjectProperty("status");
        ArrayNode conditions = statusNode.withArrayProperty("conditions");
        ObjectNode condition = null;
        for (JsonNode existing : conditions) {
            if (type.equals(existing.path("type").asText())) {
                condition = (ObjectNode) existing;
            }
        }
        if (condition == null) {
            condition = conditions.addObject().put("type", type);
        }
        condition.put("status", status).put("lastTransitionTime", "2021-07-10T08:00:00Z");
        if (reason != null) {
            condition.put("reason", reason);
        }
        if (message != null) {
            condition.put("message", message);
        }
    }

    static ObjectNode object(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

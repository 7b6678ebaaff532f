package rules.ocp;

import com.fasterxml.jackson.databind.JsonNode;
import rules.Requirements;
import rules.RuleContext;
import rules.RuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Info: the running and desired version, channel, the updates the cluster is offered and its recent
 * update history: the upgrade path an SRE plans from.
 */
public final class ClusterVersionInfoRule extends OcpRule {

    static final String INFO = "CLUSTER_VERSION_INFO";
    private static final int HISTORY = 5;

    public ClusterVersionInfoRule() {
        super("cluster_version_info", List.of(INFO),
                Requirements.builder().resource(ClusterVersionStatusRule.VERSION).build());
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        JsonNode version = context.resource(ClusterVersionStatusRule.VERSION).orElseThrow();
        JsonNode status = version.path("status");
        Map<String, Object> details = ClusterVersionStatusRule.versions(version);
        String clusterId = Resources.text(version.path("spec").path("clusterID"));
        if (model.ClusterId.isValid(clusterId)) {
            details.put("cluster_id", clusterId);
        }
        details.put("channel", Resources.text(version.path("spec").path("channel")));
        List<Map<String, Object>> history = new ArrayList<>();
        for (JsonNode entry : status.path("history")) {
            if (history.size() == HISTORY) {
                break;
            }
            history.add(Details.map(
                    "version", Resources.text(entry.path("version")),
                    "state", Resources.text(entry.path("state")),
                    "started", Resources.text(entry.path("startedTime")),
                    "completed", Resources.text(entry.path("completionTime"))));
        }
        for (Map<String, Object> entry : history) {
            if ("Completed".equals(entry.get("state")) && entry.get("completed") != null) {
                details.put("update_time", entry.get("completed"));
                break;
            }
        }
        List<String> updates = new ArrayList<>();
        status.path("availableUpdates").forEach(update -> {
            String text = Resources.text(update.path("version"));
            if (text != null) {
                updates.add(text);
            }
        });
        updates.sort(ClusterVersionInfoRule::compareVersions);
        details.put("available_updates", updates);
        details.put("conditional_updates", status.path("conditionalUpdates").size());
        details.put("upgradeable", Resources.conditionStatus(version, "Upgradeable"));
        details.put("history", history);
        return RuleResult.info(INFO, details);
    }

    /** Numeric order of dotted versions, e.g. 4.7.9 before 4.7.18. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("\\d{1,9}") && y[i].matches("\\d{1,9}")
                    ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}

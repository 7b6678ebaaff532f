package rules.ocp;

import com.fasterxml.jackson.databind.JsonNode;
import rules.Requirements;
import rules.RuleContext;
import rules.RuleResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ClusterVersion operator reports {@code Failing=True} (it cannot apply the release), or an update
 * has been {@code Progressing=True} for longer than {@link #STUCK_AFTER} when the archive was collected.
 * The CVO's part of an update (the control plane) normally finishes within about an hour or two;
 * worker pools roll out after it and are not counted here.
 */
public final class ClusterVersionStatusRule extends OcpRule {

    static final String FAILING = "CLUSTER_VERSION_FAILING";
    static final String STUCK = "UPDATE_STUCK_PROGRESSING";
    static final Duration STUCK_AFTER = Duration.ofHours(8);
    static final String VERSION = "config/version";

    public ClusterVersionStatusRule() {
        super("cluster_version_status", List.of(FAILING, STUCK), Requirements.builder().resource(VERSION).build());
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        JsonNode version = context.resource(VERSION).orElseThrow();
        List<RuleResult.Hit> hits = new ArrayList<>();
        JsonNode failing = Resources.condition(version, "Failing");
        if ("True".equals(Resources.text(failing.path("status")))) {
            Map<String, Object> details = versions(version);
            details.putAll(Resources.describe(failing));
            hits.add(new RuleResult.Hit(FAILING, details));
        }
        JsonNode progressing = Resources.condition(version, "Progressing");
        if ("True".equals(Resources.text(progressing.path("status")))) {
            Instant since = updateStarted(version, progressing);
            if (since != null && Duration.between(since, context.collectedAt()).compareTo(STUCK_AFTER) > 0) {
                Map<String, Object> details = versions(version);
                details.putAll(Resources.describe(progressing));
                details.put("since", since.toString());
                details.put("hours_progressing", Duration.between(since, context.collectedAt()).toHours());
                hits.add(new RuleResult.Hit(STUCK, details));
            }
        }
        return hits.isEmpty() ? RuleResult.pass() : RuleResult.hits(hits);
    }

    /** Start of the update in progress: the newest history entry when Partial, else the condition's transition. */
    private static Instant updateStarted(JsonNode version, JsonNode progressing) {
        JsonNode latest = version.path("status").path("history").path(0);
        if ("Partial".equals(Resources.text(latest.path("state")))) {
            return Resources.instant(latest.path("startedTime")).orElse(null);
        }
        return Resources.instant(progressing.path("lastTransitionTime")).orElse(null);
    }

    /** {@code current}: the last completed version; {@code desired}: the version being applied. */
    static Map<String, Object> versions(JsonNode version) {
        Map<String, Object> details = Details.map("current", currentVersion(version));
        String desired = Resources.text(version.path("status").path("desired").path("version"));
        if (desired != null) {
            details.put("desired", desired);
        }
        return details;
    }

    /** The newest Completed history entry; before any, the desired version. Never null in the output. */
    static String currentVersion(JsonNode version) {
        for (JsonNode entry : version.path("status").path("history")) {
            String completed = Resources.text(entry.path("version"));
            if ("Completed".equals(Resources.text(entry.path("state"))) && completed != null) {
                return completed;
            }
        }
        String desired = Resources.text(version.path("status").path("desired").path("version"));
        return desired == null ? "unknown" : desired;
    }
}

package rules.ocp;

import com.fasterxml.jackson.databind.JsonNode;
import rules.RuleContext;
import rules.RuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Containers of OpenShift's own pods ({@code openshift-*} namespaces) waiting in
 * {@code CrashLoopBackOff}, or whose last run was {@code OOMKilled}: a platform component keeps dying,
 * the operator owning it is usually degraded or about to be. A high restart count alone is not
 * counted: a node reboot restarts every container once.
 */
public final class PodsCrashLoopingRule extends OcpRule {

    static final String CRASHLOOP = "POD_CRASHLOOPING";
    static final String OOM = "POD_OOM_KILLED";

    public PodsCrashLoopingRule() {
        super("openshift_pods_crashlooping", List.of(CRASHLOOP, OOM), Pods.requirements());
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        List<Map<String, Object>> crashLooping = new ArrayList<>();
        List<Map<String, Object>> oomKilled = new ArrayList<>();
        for (JsonNode pod : Pods.openshiftPods(context, "CrashLoopBackOff", "OOMKilled")) {
            for (JsonNode status : Pods.containerStatuses(pod)) {
                JsonNode waiting = status.path("state").path("waiting");
                if ("CrashLoopBackOff".equals(Resources.text(waiting.path("reason")))) {
                    Map<String, Object> entry = Pods.container(pod, status);
                    entry.put("message", Resources.text(waiting.path("message")));
                    crashLooping.add(entry);
                }
                JsonNode terminated = status.path("lastState").path("terminated");
                JsonNode current = status.path("state").path("terminated");
                if ("OOMKilled".equals(Resources.text(terminated.path("reason")))
                        || "OOMKilled".equals(Resources.text(current.path("reason")))) {
                    Map<String, Object> entry = Pods.container(pod, status);
                    JsonNode which = "OOMKilled".equals(Resources.text(current.path("reason"))) ? current : terminated;
                    entry.put("finished", Resources.text(which.path("finishedAt")));
                    oomKilled.add(entry);
                }
            }
        }
        List<RuleResult.Hit> hits = new ArrayList<>();
        if (!crashLooping.isEmpty()) {
            hits.add(new RuleResult.Hit(CRASHLOOP, Details.map("containers", crashLooping)));
        }
        if (!oomKilled.isEmpty()) {
            hits.add(new RuleResult.Hit(OOM, Details.map("containers", oomKilled)));
        }
        return hits.isEmpty() ? RuleResult.pass() : RuleResult.hits(hits);
    }
}

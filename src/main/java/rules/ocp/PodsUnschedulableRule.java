package rules.ocp;

import com.fasterxml.jackson.databind.JsonNode;
import rules.RuleContext;
import rules.RuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenShift's own pods stuck {@code Pending} because the scheduler finds no node for them
 * ({@code PodScheduled=False}, reason {@code Unschedulable}): too few nodes, taints, node selectors or
 * host ports. A router or registry replica that cannot be scheduled degrades its operator.
 */
public final class PodsUnschedulableRule extends OcpRule {

    static final String UNSCHEDULABLE = "PODS_UNSCHEDULABLE";

    public PodsUnschedulableRule() {
        super("openshift_pods_unschedulable", List.of(UNSCHEDULABLE), Pods.requirements());
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        List<Map<String, Object>> pods = new ArrayList<>();
        for (JsonNode pod : Pods.openshiftPods(context, "Unschedulable")) {
            JsonNode scheduled = Resources.condition(pod, "PodScheduled");
            if ("Pending".equals(Resources.text(pod.path("status").path("phase")))
                    && "False".equals(Resources.text(scheduled.path("status")))
                    && "Unschedulable".equals(Resources.text(scheduled.path("reason")))) {
                pods.add(Details.map(
                        "namespace", Resources.namespace(pod),
                        "pod", Resources.name(pod),
                        "message", Resources.text(scheduled.path("message")),
                        "since", Resources.text(scheduled.path("lastTransitionTime"))));
            }
        }
        return pods.isEmpty() ? RuleResult.pass() : RuleResult.hit(UNSCHEDULABLE, Details.map("pods", pods));
    }
}

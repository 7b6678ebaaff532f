package rules.ocp;

import archive.PrometheusText;
import com.fasterxml.jackson.databind.JsonNode;
import rules.Requirements;
import rules.RuleContext;
import rules.RuleResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts of severity {@code critical} firing when the archive was gathered: each one is, by the
 * OpenShift alerting guidelines, something that needs a human now. Read from the Alertmanager alerts
 * ({@code config/alerts.json}; silenced or inhibited ones, state {@code suppressed}, are left out) or,
 * in older archives, from the {@code ALERTS} series of {@code config/metrics}.
 */
public final class CriticalAlertsRule extends OcpRule {

    static final String FIRING = "CRITICAL_ALERTS_FIRING";
    static final String ALERTS_JSON = "config/alerts.json";
    static final String METRICS = "config/metrics";

    public CriticalAlertsRule() {
        super("critical_alerts_firing", List.of(FIRING),
                Requirements.builder().any(ALERTS_JSON, METRICS).build());
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        // One entry per alert name and namespace; the same alert fires once per target.
        Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
        if (context.files().has(ALERTS_JSON)) {
            for (JsonNode alert : context.files().json(ALERTS_JSON).orElseThrow()) {
                JsonNode labels = alert.path("labels");
                String state = Resources.text(alert.path("status").path("state"));
                if ("critical".equals(Resources.text(labels.path("severity"))) && (state == null || "active".equals(state))) {
                    add(alerts, Resources.text(labels.path("alertname")), Resources.text(labels.path("namespace")),
                            Resources.text(alert.path("startsAt")),
                            Resources.text(alert.path("annotations").path("summary")));
                }
            }
        } else {
            for (PrometheusText.Sample sample : context.files().metrics(METRICS).orElseThrow().named("ALERTS")) {
                Map<String, String> labels = sample.labels();
                if ("critical".equals(labels.get("severity")) && "firing".equals(labels.get("alertstate"))
                        && sample.value() > 0) {
                    add(alerts, labels.get("alertname"), labels.get("namespace"), null, null);
                }
            }
        }
        if (alerts.isEmpty()) {
            return RuleResult.pass();
        }
        return RuleResult.hit(FIRING, Details.map("alerts", new ArrayList<>(alerts.values())));
    }

    private static void add(Map<String, Map<String, Object>> alerts, String name, String namespace,
                            String since, String summary) {
        Map<String, Object> entry = alerts.computeIfAbsent(name + "\u0000" + namespace,
                key -> Details.map("name", name, "namespace", namespace, "count", 0));
        entry.put("count", (Integer) entry.get("count") + 1);
        if (since != null && (entry.get("since") == null || since.compareTo((String) entry.get("since")) < 0)) {
            entry.put("since", since);
        }
        if (summary != null) {
            entry.putIfAbsent("summary", summary);
        }
    }
}

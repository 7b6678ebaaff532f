package rules.ocp;

import com.fasterxml.jackson.databind.JsonNode;
import rules.Requirements;
import rules.RuleContext;
import rules.RuleResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The cluster-wide egress proxy ({@code config/proxy}) is set up in a way that breaks traffic:
 * <ul>
 *   <li>{@code PROXY_HTTPS_PROXY_MISSING}: {@code httpProxy} is set but {@code httpsProxy} is not, so
 *       HTTPS egress (image pulls from quay.io and registry.redhat.io, update graph, telemetry)
 *       bypasses the proxy and fails on a network where only the proxy gets out;</li>
 *   <li>{@code PROXY_NO_PROXY_INCOMPLETE}: the effective {@code noProxy} ({@code status}, which the
 *       network operator computes; {@code spec} while it has not) leaves out the cluster or service
 *       network, or {@code .svc} / {@code .cluster.local}: in-cluster traffic is sent to the proxy;</li>
 *   <li>{@code PROXY_TRUSTED_CA_MISSING}: {@code trustedCA} names a ConfigMap that the archive's
 *       {@code openshift-config} ConfigMaps do not contain, so the proxy configuration is rejected.
 *       Only checked when the archive holds that namespace's ConfigMaps at all.</li>
 * </ul>
 */
public final class ProxyConfigRule extends OcpRule {

    static final String HTTPS_MISSING = "PROXY_HTTPS_PROXY_MISSING";
    static final String NO_PROXY = "PROXY_NO_PROXY_INCOMPLETE";
    static final String TRUSTED_CA = "PROXY_TRUSTED_CA_MISSING";
    static final String PROXY = "config/proxy";
    static final String CONFIG_MAPS = "config/configmaps/openshift-config/**";
    private static final List<String> CLUSTER_DOMAINS = List.of(".svc", ".cluster.local");

    public ProxyConfigRule() {
        super("cluster_proxy_config", List.of(HTTPS_MISSING, NO_PROXY, TRUSTED_CA), Requirements.builder()
                .resource(PROXY)
                .optionalResource(NetworkConfigRule.NETWORK)
                .optional(CONFIG_MAPS)
                .build());
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        JsonNode proxy = context.resource(PROXY).orElseThrow();
        JsonNode spec = proxy.path("spec");
        JsonNode status = proxy.path("status");
        String httpProxy = firstOf(status, spec, "httpProxy");
        String httpsProxy = firstOf(status, spec, "httpsProxy");
        List<RuleResult.Hit> hits = new ArrayList<>();
        if (httpProxy != null && httpsProxy == null) {
            hits.add(new RuleResult.Hit(HTTPS_MISSING, Details.map("http_proxy", redact(httpProxy))));
        }
        if (httpProxy != null || httpsProxy != null) {
            String noProxy = firstOf(status, spec, "noProxy");
            List<String> missing = missingFromNoProxy(context, noProxy);
            if (!missing.isEmpty()) {
                hits.add(new RuleResult.Hit(NO_PROXY, Details.map("no_proxy", noProxy, "missing", missing)));
            }
        }
        String trustedCa = Resources.text(spec.path("trustedCA").path("name"));
        List<String> configMaps = context.files().paths(CONFIG_MAPS);
        if (trustedCa != null && !configMaps.isEmpty()
                && configMaps.stream().noneMatch(path -> path.startsWith("config/configmaps/openshift-config/" + trustedCa + "/"))) {
            hits.add(new RuleResult.Hit(TRUSTED_CA, Details.map("trusted_ca", trustedCa,
                    "namespace", "openshift-config")));
        }
        return hits.isEmpty() ? RuleResult.pass() : RuleResult.hits(hits);
    }

    private static List<String> missingFromNoProxy(RuleContext context, String noProxy) {
        List<String> entries = noProxy == null ? List.of()
                : Arrays.stream(noProxy.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<String> missing = new ArrayList<>();
        for (String domain : CLUSTER_DOMAINS) {
            if (!entries.contains(domain)) {
                missing.add(domain);
            }
        }
        List<Cidr> covered = entries.stream().map(Cidr::parse).flatMap(Optional::stream).toList();
        context.resource(NetworkConfigRule.NETWORK).ifPresent(network -> {
            JsonNode config = network.path("status").path("clusterNetwork").size() > 0 ? network.path("status") : network.path("spec");
            List<String> ranges = new ArrayList<>();
            config.path("clusterNetwork").forEach(entry -> ranges.add(Resources.text(entry.path("cidr"))));
            ranges.addAll(Resources.texts(config.path("serviceNetwork")));
            for (String range : ranges) {
                Optional<Cidr> cidr = Cidr.parse(range);
                if (cidr.isPresent() && covered.stream().noneMatch(entry -> entry.contains(cidr.get()))) {
                    missing.add(range);
                }
            }
        });
        return missing;
    }

    /** The applied (status) value, else the requested (spec) one. */
    private static String firstOf(JsonNode status, JsonNode spec, String field) {
        String applied = Resources.text(status.path(field));
        return applied != null ? applied : Resources.text(spec.path(field));
    }

    /** Proxy URLs may carry credentials (http://user:password@host); never copy them into a report. */
    static String redact(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }
}

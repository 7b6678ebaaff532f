package rules.ocp;

import archive.SampleArchive;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static rules.ocp.RuleTesting.run;

class ProxyConfigRuleTest {

    private static final String PROXY = "config/proxy.json";
    private final ProxyConfigRule rule = new ProxyConfigRule();

    @Test
    void passesOnTheSampleWithoutProxy() {
        assertThat(run(rule, SampleArchive.load()).passed()).isTrue();
    }

    @Test
    void passesOnACompleteProxyConfiguration() {
        SampleArchive archive = proxy("http://proxy.example.com:3128", "http://proxy.example.com:3128",
                ".cluster.local,.svc,10.128.0.0/14,127.0.0.1,172.30.0.0/16,api-int.example.com,localhost", null);

        assertThat(run(rule, archive).passed()).isTrue();
    }

    @Test
    void hitsWhenOnlyHttpIsProxied() {
        SampleArchive archive = proxy("http://user:secret@proxy.example.com:3128", null,
                ".cluster.local,.svc,10.128.0.0/14,172.30.0.0/16", null);

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.hitKeys()).containsExactly("PROXY_HTTPS_PROXY_MISSING");
        assertThat(outcome.details("PROXY_HTTPS_PROXY_MISSING")).containsEntry("http_proxy", "http://***@proxy.example.com:3128");
    }

    @Test
    void hitsWhenNoProxyLeavesOutTheServiceNetwork() {
        SampleArchive archive = proxy("http://proxy.example.com:3128", "http://proxy.example.com:3128",
                ".cluster.local,.svc,10.128.0.0/14", null);

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.hitKeys()).containsExactly("PROXY_NO_PROXY_INCOMPLETE");
        assertThat(outcome.details("PROXY_NO_PROXY_INCOMPLETE")).containsEntry("missing", List.of("172.30.0.0/16"));
    }

    @Test
    void hitsWhenTheTrustedCaConfigMapIsMissing() {
        SampleArchive archive = proxy("http://proxy.example.com:3128", "http://proxy.example.com:3128",
                ".cluster.local,.svc,10.0.0.0/8,172.30.0.0/16", "user-ca-bundle");

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.hitKeys()).containsExactly("PROXY_TRUSTED_CA_MISSING");
        assertThat(outcome.details("PROXY_TRUSTED_CA_MISSING")).containsEntry("trusted_ca", "user-ca-bundle");
        assertThat(run(rule, archive.with("config/configmaps/openshift-config/user-ca-bundle/ca-bundle.crt", "")).passed())
                .isTrue();
    }

    private static SampleArchive proxy(String http, String https, String noProxy, String trustedCa) {
        return SampleArchive.load().editJson(PROXY, proxy -> {
            ObjectNode spec = (ObjectNode) proxy.path("spec");
            spec.put("httpProxy", http);
            if (https != null) {
                spec.put("httpsProxy", https);
            }
            spec.put("noProxy", noProxy);
            spec.putObject("trustedCA").put("name", trustedCa == null ? "" : trustedCa);
        });
    }
}

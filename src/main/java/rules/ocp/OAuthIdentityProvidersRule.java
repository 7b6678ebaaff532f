package rules.ocp;

import com.fasterxml.jackson.databind.JsonNode;
import rules.Requirements;
import rules.RuleContext;
import rules.RuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Authentication through the integrated OAuth server is misconfigured:
 * <ul>
 *   <li>{@code OAUTH_NO_IDENTITY_PROVIDERS}: the cluster uses the integrated OAuth server
 *       ({@code Authentication} type empty or {@code IntegratedOAuth}) but the {@code OAuth} resource
 *       has no identity provider, so only the temporary {@code kubeadmin} user can log in: a shared,
 *       unaudited credential that the product documentation says to remove once an IdP exists;</li>
 *   <li>{@code OAUTH_LDAP_INSECURE}: an LDAP identity provider talks plain {@code ldap://} with
 *       {@code insecure: true}, so bind passwords and user passwords cross the network unencrypted.</li>
 * </ul>
 */
public final class OAuthIdentityProvidersRule extends OcpRule {

    static final String NO_IDP = "OAUTH_NO_IDENTITY_PROVIDERS";
    static final String LDAP_INSECURE = "OAUTH_LDAP_INSECURE";
    static final String OAUTH = "config/oauth";
    static final String AUTHENTICATION = "config/authentication";

    public OAuthIdentityProvidersRule() {
        super("oauth_identity_providers", List.of(NO_IDP, LDAP_INSECURE), Requirements.builder()
                .resource(OAUTH)
                .optionalResource(AUTHENTICATION)
                .build());
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        JsonNode oauth = context.resource(OAUTH).orElseThrow();
        String type = context.resource(AUTHENTICATION)
                .map(authentication -> Resources.text(authentication.path("spec").path("type")))
                .orElse(null);
        boolean integrated = type == null || "IntegratedOAuth".equals(type);
        JsonNode providers = oauth.path("spec").path("identityProviders");
        List<RuleResult.Hit> hits = new ArrayList<>();
        if (integrated && providers.size() == 0) {
            hits.add(new RuleResult.Hit(NO_IDP, Details.map("authentication_type", type == null ? "IntegratedOAuth" : type)));
        }
        List<Map<String, Object>> insecure = new ArrayList<>();
        for (JsonNode provider : providers) {
            JsonNode ldap = provider.path("ldap");
            String url = Resources.text(ldap.path("url"));
            if ("LDAP".equals(Resources.text(provider.path("type"))) && ldap.path("insecure").asBoolean(false)
                    && url != null && url.startsWith("ldap://")) {
                insecure.add(Details.map("name", Resources.text(provider.path("name")), "url", url));
            }
        }
        if (!insecure.isEmpty()) {
            hits.add(new RuleResult.Hit(LDAP_INSECURE, Details.map("identity_providers", insecure)));
        }
        return hits.isEmpty() ? RuleResult.pass(Details.map("identity_providers", providers.size())) : RuleResult.hits(hits);
    }
}

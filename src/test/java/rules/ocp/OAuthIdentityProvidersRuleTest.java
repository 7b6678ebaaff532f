package rules.ocp;

import archive.SampleArchive;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static rules.ocp.RuleTesting.run;

class OAuthIdentityProvidersRuleTest {

    private static final String OAUTH = "config/oauth.json";
    private final OAuthIdentityProvidersRule rule = new OAuthIdentityProvidersRule();

    @Test
    void hitsOnTheSampleWithOnlyKubeadmin() {
        RuleTesting.Outcome outcome = run(rule, SampleArchive.load());

        assertThat(outcome.hitKeys()).containsExactly("OAUTH_NO_IDENTITY_PROVIDERS");
        assertThat(outcome.details("OAUTH_NO_IDENTITY_PROVIDERS")).containsEntry("authentication_type", "IntegratedOAuth");
    }

    @Test
    void passesWithAnHtpasswdProvider() {
        SampleArchive archive = withProvider("""
                {"name": "local", "mappingMethod": "claim", "type": "HTPasswd", "htpasswd": {"fileData": {"name": "htpass-secret"}}}""");

        assertThat(run(rule, archive).passed()).isTrue();
    }

    @Test
    void hitsOnPlainLdapMarkedInsecure() {
        SampleArchive archive = withProvider("""
                {"name": "corp-ldap", "type": "LDAP", "ldap": {"url": "ldap://ldap.example.com/ou=users,dc=example,dc=com?uid",
                 "insecure": true, "bindDN": "cn=bind", "bindPassword": {"name": "ldap-secret"}}}""");

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.hitKeys()).containsExactly("OAUTH_LDAP_INSECURE");
        assertThat(outcome.json("OAUTH_LDAP_INSECURE").at("/identity_providers/0/name").asText()).isEqualTo("corp-ldap");
    }

    @Test
    void passesWithoutProvidersWhenAnExternalOidcIssuerIsUsed() {
        SampleArchive archive = SampleArchive.load().editJson("config/authentication.json",
                auth -> ((ObjectNode) auth.path("spec")).put("type", "OIDC"));

        assertThat(run(rule, archive).passed()).isTrue();
    }

    @Test
    void skipsWithoutTheOAuthResource() {
        assertThat(run(rule, SampleArchive.load().without(OAUTH)).skip().details())
                .isEqualTo("All: [] Any: ['config/oauth.json', 'config/oauth/*.json']");
    }

    private static SampleArchive withProvider(String provider) {
        return SampleArchive.load().editJson(OAUTH, oauth ->
                ((ArrayNode) ((ObjectNode) oauth.path("spec")).putArray("identityProviders")).add(RuleTesting.object(provider)));
    }
}

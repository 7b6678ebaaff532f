package testing;

/**
 * OpenShift Lightspeed archives made by the tests (never downloaded): the root marker
 * {@code openshift_lightspeed.json} and a few JSON files, as the OLS operator uploads them.
 */
public final class OlsArchives {
    private OlsArchives() {
    }

    /** An OLS archive of {@code clusterId}; {@code root} is the marker's prefix ({@code ""} or {@code "./"}). */
    public static byte[] of(String clusterId, String root) {
        return new TarGz()
                .file(root + "openshift_lightspeed.json", "{\"cluster_id\":\"" + clusterId + "\",\"ols_version\":\"0.3.1\","
                        + "\"conversation_count\":2}")
                .file(root + "conversations/0001.json", "{\"query\":\"why is my pod pending?\",\"provider\":\"openai\"}")
                .file(root + "conversations/0002.json", "{\"query\":\"scale the deployment\",\"provider\":\"azure_openai\"}")
                .file(root + "config/olsconfig.json", "{\"llm_providers\":[{\"name\":\"openai\"}]}")
                .bytes();
    }
}

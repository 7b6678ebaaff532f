package devservers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import testing.KnownSeries;
import testing.RealServers;

@ExtendWith(RealServers.class)
class PrometheusIT {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode query(PrometheusServer prometheus, String path, String params) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(prometheus.url() + path + "?" + params)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json.readTree(r.body());
        assertThat(body.path("status").asText()).isEqualTo("success");
        return body.path("data").path("result");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void instantQueryReturnsEverySubscribedCluster(PrometheusServer prometheus) throws Exception {
        long at = KnownSeries.START.plus(90, ChronoUnit.MINUTES).getEpochSecond();
        JsonNode result = query(prometheus, "/api/v1/query",
                "query=" + enc("id_version_ebs_account_internal:cluster_subscribed") + "&time=" + at);
        Set<String> ids = new HashSet<>();
        result.forEach(s -> ids.add(s.path("metric").path("_id").asText()));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(KnownSeries.CLUSTERS.stream().map(KnownSeries.Cluster::id).toList());
    }

    @Test
    void subscriptionLabelsFilteredByClusterIds(PrometheusServer prometheus) throws Exception {
        long at = KnownSeries.START.plus(30, ChronoUnit.MINUTES).getEpochSecond();
        var first = KnownSeries.CLUSTERS.get(0);
        var third = KnownSeries.CLUSTERS.get(2);
        JsonNode result = query(prometheus, "/api/v1/query", "query="
                + enc("subscription_labels{_id=~\"" + first.id() + "|" + third.id() + "\"}") + "&time=" + at);
        assertThat(result).hasSize(1);
        JsonNode metric = result.get(0).path("metric");
        assertThat(metric.path("email_domain").asText()).isEqualTo(first.emailDomain());
        assertThat(metric.path("support").asText()).isEqualTo(first.support());
        assertThat(metric.path("managed").asText()).isEqualTo("false");
    }

    @Test
    void rangeQueryCoversTheLoadedHours(PrometheusServer prometheus) throws Exception {
        JsonNode result = query(prometheus, "/api/v1/query_range", "query=" + enc("count(subscription_labels)")
                + "&start=" + KnownSeries.START.getEpochSecond() + "&end=" + KnownSeries.END.getEpochSecond() + "&step=3600");
        assertThat(result).hasSize(1);
        assertThat(result.get(0).path("values")).hasSize(KnownSeries.HOURS + 1);
        result.get(0).path("values").forEach(v -> assertThat(v.get(1).asText()).isEqualTo("2"));
    }
}

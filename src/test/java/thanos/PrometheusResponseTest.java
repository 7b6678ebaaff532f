package thanos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusResponseTest {
    @Test
    void readsTheLabelSetsOfAVector() {
        List<Map<String, String>> series = PrometheusResponse.vectorLabels(200, RecordedResponses.LABELS, "q");
        assertThat(series).hasSize(5);
        assertThat(series.get(0)).isEqualTo(Map.of(
                "_id", "10bc27ef-1111-4fc8-85a2-a1231dc614e9", "email_domain", "us.ibm.com",
                "managed", "false", "support", "Premium"));
        assertThat(PrometheusResponse.vectorLabels(200, RecordedResponses.EMPTY, "q")).isEmpty();
    }

    @Test
    void warningsAreLoggedNotFatal() {
        assertThat(PrometheusResponse.vectorLabels(200, RecordedResponses.WITH_WARNING, "q")).hasSize(1);
    }

    @Test
    void errorResponsesAreUnavailable() {
        assertThatThrownBy(() -> PrometheusResponse.vectorLabels(400, RecordedResponses.BAD_DATA, "the query"))
                .isInstanceOf(ThanosUnavailableException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("bad_data: invalid parameter \"query\"")
                .hasMessageContaining("the query");
        assertThatThrownBy(() -> PrometheusResponse.vectorLabels(503, RecordedResponses.STORE_DOWN, "q"))
                .isInstanceOf(ThanosUnavailableException.class)
                .hasMessageContaining("HTTP 503 (execution: receive series");
        assertThatThrownBy(() -> PrometheusResponse.vectorLabels(502, "<html>Bad Gateway</html>", "q"))
                .isInstanceOf(ThanosUnavailableException.class).hasMessageContaining("HTTP 502 (<html>Bad Gateway</html>)");
    }

    @Test
    void successEnvelopeIsRequired() {
        assertThatThrownBy(() -> PrometheusResponse.vectorLabels(200, RecordedResponses.STORE_DOWN, "q"))
                .isInstanceOf(ThanosUnavailableException.class).hasMessageContaining("status \"error\"");
        assertThatThrownBy(() -> PrometheusResponse.vectorLabels(200, "not json", "q"))
                .isInstanceOf(ThanosUnavailableException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> PrometheusResponse.vectorLabels(200, RecordedResponses.MATRIX, "q"))
                .isInstanceOf(ThanosUnavailableException.class).hasMessageContaining("resultType \"matrix\"");
    }

    @Test
    void aSuccessWithoutDataOrResultSaysWhatIsMissing() {
        assertThatThrownBy(() -> PrometheusResponse.vectorLabels(200, "{\"status\":\"success\"}", "q"))
                .isInstanceOf(ThanosUnavailableException.class).hasMessageContaining("without data");
        assertThatThrownBy(() -> PrometheusResponse.vectorLabels(200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\"}}", "q"))
                .isInstanceOf(ThanosUnavailableException.class).hasMessageContaining("without a data.result array")
                .message().doesNotContain("expected a vector");
    }
}

package archive;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrometheusTextTest {

    @Test
    void parsesAlertsLinesWithEscapesAndOptionalTimestamps() {
        PrometheusText text = PrometheusText.parse("""
                # TYPE ALERTS untyped
                ALERTS{alertname="KubePodCrashLooping",alertstate="firing",message="a \\"quoted\\" \\\\ path\\nnext",severity="critical",} 1 1616000000000
                up 0
                weird_value{a="b"} NaN
                neg{a="b"} -Inf 12
                """);

        assertThat(text.samples()).hasSize(4);
        PrometheusText.Sample alert = text.named("ALERTS").get(0);
        assertThat(alert.labels()).containsEntry("alertname", "KubePodCrashLooping")
                .containsEntry("message", "a \"quoted\" \\ path\nnext")
                .containsEntry("severity", "critical");
        assertThat(alert.labels().keySet()).containsExactly("alertname", "alertstate", "message", "severity");
        assertThat(alert.timestampMs()).isEqualTo(1616000000000L);
        assertThat(text.named("up").get(0).labels()).isEmpty();
        assertThat(text.named("up").get(0).timestampMs()).isNull();
        assertThat(text.named("weird_value").get(0).value()).isNaN();
        assertThat(text.named("neg").get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void rejectsMalformedLines() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbad{a=\"1\" 2")).hasMessageStartingWith("line 2");
        assertThatThrownBy(() -> PrometheusText.parse("novalue")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> PrometheusText.parse("x abc")).hasMessageContaining("bad value 'abc'");
        assertThatThrownBy(() -> PrometheusText.parse("x 1 2 3")).hasMessageContaining("after the timestamp");
    }
}

package thanos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThanosHourQueryTest {
    private static final Instant HOUR = Instant.parse(RecordedResponses.HOUR);
    private static final Instant AT = Instant.parse("2021-02-12T08:59:59.999Z");

    @Test
    void joinsOnIdAndSkipsMalformedAndUnlabelledClusters() {
        FakeThanos thanos = FakeThanos.of(RecordedResponses.SUBSCRIBED, RecordedResponses.LABELS);
        HourResult result = new ThanosHourQuery(thanos, 200).query(HOUR);

        assertThat(result.hourStart()).isEqualTo(HOUR);
        assertThat(result.rows()).containsExactly(
                new ThanosRow("10bc27ef-1111-4fc8-85a2-a1231dc614e9", "6181891", "us.ibm.com", false, "Premium", HOUR),
                // Domain and support are data (docs/parquet-values.md): "-bad-.com" and "Gold" are kept as sent;
                // of its two usable label series the first in label order wins, the other is "conflicting".
                new ThanosRow("12345678-f0c3-4b44-80d2-ed6b5fc6c95f", "1234800", "-bad-.com", false, "Eval", HOUR),
                new ThanosRow("4976be4c-1111-460b-a4cf-e22ed1d96923", "1234567", "redhat.com", true, "Standard", HOUR));
        // 2 bad subscribed series + 1 label series whose managed is not a boolean; 5c8a… has no labels.
        assertThat(result.skipped()).isEqualTo(new SkippedSeries(3, 1, 1));

        assertThat(thanos.calls).containsExactly(
                new FakeThanos.Call(PromQl.SUBSCRIBED_CLUSTERS, AT),
                new FakeThanos.Call("max by (_id, email_domain, managed, support) (max_over_time(subscription_labels{_id=~\""
                        + "10bc27ef-1111-4fc8-85a2-a1231dc614e9|12345678-f0c3-4b44-80d2-ed6b5fc6c95f|"
                        + "4976be4c-1111-460b-a4cf-e22ed1d96923|5c8a2e1d-2222-4d3f-9a1b-0c9d8e7f6a5b\"}[1h]))", AT));
    }

    @Test
    void fiveClustersInChunksOfTwoAreThreeLabelQueries() {
        List<Map<String, String>> subscribed = new ArrayList<>();
        List<Map<String, String>> labels = new ArrayList<>();
        for (int i = 5; i >= 1; i--) {
            String id = "00000000-0000-0000-0000-00000000000" + i;
            subscribed.add(Map.of("_id", id, "ebs_account", "10" + i));
            labels.add(Map.of("_id", id, "email_domain", "c" + i + ".example.com", "managed", "true", "support", "Eval"));
        }
        FakeThanos thanos = FakeThanos.of(FakeThanos.vector(subscribed), FakeThanos.vector(labels));
        HourResult result = new ThanosHourQuery(thanos, 2).query(HOUR);

        assertThat(thanos.calls).hasSize(4);
        assertThat(thanos.calls.subList(1, 4)).extracting(FakeThanos.Call::promql).containsExactly(
                PromQl.subscriptionLabels(List.of("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002")),
                PromQl.subscriptionLabels(List.of("00000000-0000-0000-0000-000000000003", "00000000-0000-0000-0000-000000000004")),
                PromQl.subscriptionLabels(List.of("00000000-0000-0000-0000-000000000005")));
        assertThat(thanos.calls).extracting(FakeThanos.Call::time).containsOnly(AT);
        // The fake answers every chunk with all labels: rows still one per cluster, sorted.
        assertThat(result.rows()).extracting(ThanosRow::clusterId).containsExactly(
                "00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002",
                "00000000-0000-0000-0000-000000000003", "00000000-0000-0000-0000-000000000004",
                "00000000-0000-0000-0000-000000000005");
        assertThat(result.skipped()).isEqualTo(SkippedSeries.NONE);
    }

    @Test
    void conflictingSeriesKeepTheFirstInLabelOrder() {
        String id = "10bc27ef-1111-4fc8-85a2-a1231dc614e9";
        FakeThanos thanos = FakeThanos.of(
                FakeThanos.vector(List.of(Map.of("_id", id, "ebs_account", "7000"), Map.of("_id", id, "ebs_account", "6000"))),
                FakeThanos.vector(List.of(
                        Map.of("_id", id, "email_domain", "us.ibm.com", "managed", "false", "support", "Premium"),
                        Map.of("_id", id, "email_domain", "us.ibm.com", "managed", "false", "support", "Eval"),
                        Map.of("_id", id, "email_domain", "us.ibm.com", "managed", "false", "support", "Eval"))));
        HourResult result = new ThanosHourQuery(thanos, 10).query(HOUR);
        assertThat(result.rows()).containsExactly(new ThanosRow(id, "6000", "us.ibm.com", false, "Eval", HOUR));
        // Identical duplicates are not conflicts.
        assertThat(result.skipped()).isEqualTo(new SkippedSeries(0, 0, 2));
    }

    @Test
    void noSubscribedClusterMeansOneQueryAndNoRows() {
        FakeThanos thanos = FakeThanos.of(RecordedResponses.EMPTY, RecordedResponses.LABELS);
        HourResult result = new ThanosHourQuery(thanos, 10).query(HOUR);
        assertThat(result.rows()).isEmpty();
        assertThat(thanos.calls).hasSize(1);
    }

    @Test
    void labelsOfUnsubscribedClustersAreIgnored() {
        FakeThanos thanos = FakeThanos.of(RecordedResponses.WITH_WARNING, RecordedResponses.LABELS);
        HourResult result = new ThanosHourQuery(thanos, 10).query(HOUR);
        assertThat(result.rows()).extracting(ThanosRow::clusterId).containsExactly("10bc27ef-1111-4fc8-85a2-a1231dc614e9");
        assertThat(result.skipped()).isEqualTo(new SkippedSeries(1, 0, 0)); // only "managed: yes"; unsubscribed labels are ignored
    }

    @Test
    void aFailingChunkFailsTheWholeHour() {
        List<Map<String, String>> subscribed = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            subscribed.add(Map.of("_id", "00000000-0000-0000-0000-00000000000" + i, "ebs_account", "1"));
        }
        FakeThanos thanos = new FakeThanos((q, t) -> {
            if (q.equals(PromQl.SUBSCRIBED_CLUSTERS)) {
                return FakeThanos.vector(subscribed);
            }
            if (q.contains("000000000003")) {
                throw new ThanosUnavailableException("store down");
            }
            return RecordedResponses.EMPTY;
        });
        assertThatThrownBy(() -> new ThanosHourQuery(thanos, 2).query(HOUR))
                .isInstanceOf(ThanosUnavailableException.class).hasMessage("store down");
    }

    @Test
    void onlyWholeHours() {
        assertThatThrownBy(() -> new ThanosHourQuery(FakeThanos.of(RecordedResponses.EMPTY, RecordedResponses.EMPTY), 1)
                .query(HOUR.plusSeconds(60))).isInstanceOf(IllegalArgumentException.class);
    }
}

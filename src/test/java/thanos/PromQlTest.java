package thanos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromQlTest {
    private static final List<String> FIVE = List.of(
            "00000000-0000-0000-0000-000000000001",
            "00000000-0000-0000-0000-000000000002",
            "00000000-0000-0000-0000-000000000003",
            "00000000-0000-0000-0000-000000000004",
            "00000000-0000-0000-0000-000000000005");

    @Test
    void subscribedClustersQueryCoversTheHour() {
        assertThat(PromQl.SUBSCRIBED_CLUSTERS).isEqualTo(
                "max by (_id, ebs_account) (max_over_time(id_version_ebs_account_internal:cluster_subscribed[1h]))");
    }

    @Test
    void subscriptionLabelsQueryFiltersByIds() {
        assertThat(PromQl.subscriptionLabels(FIVE.subList(0, 2))).isEqualTo(
                "max by (_id, email_domain, managed, support) (max_over_time(subscription_labels{_id=~\""
                        + "00000000-0000-0000-0000-000000000001|00000000-0000-0000-0000-000000000002\"}[1h]))");
    }

    @Test
    void fiveIdsInChunksOfTwoAreThreeQueries() {
        List<String> queries = PromQl.subscriptionLabelsChunks(FIVE, 2);
        assertThat(queries).containsExactly(
                PromQl.subscriptionLabels(FIVE.subList(0, 2)),
                PromQl.subscriptionLabels(FIVE.subList(2, 4)),
                PromQl.subscriptionLabels(FIVE.subList(4, 5)));
        assertThat(queries.get(2)).isEqualTo("max by (_id, email_domain, managed, support) "
                + "(max_over_time(subscription_labels{_id=~\"00000000-0000-0000-0000-000000000005\"}[1h]))");
        assertThat(PromQl.subscriptionLabelsChunks(FIVE, 5)).hasSize(1);
        assertThat(PromQl.subscriptionLabelsChunks(List.of(), 2)).isEmpty();
    }

    @Test
    void refusesWhatIsNotAUuidInTheRegex() {
        assertThatThrownBy(() -> PromQl.subscriptionLabels(List.of("a|.*"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQl.subscriptionLabelsChunks(FIVE, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void evaluatedOneMillisecondBeforeTheNextHour() {
        assertThat(PromQl.evaluationTime(Instant.parse("2021-02-12T08:00:00Z")))
                .isEqualTo(Instant.parse("2021-02-12T08:59:59.999Z"));
        assertThat(ThanosClient.unixSeconds(Instant.parse("2021-02-12T08:59:59.999Z"))).isEqualTo("1613120399.999");
        assertThat(ThanosClient.unixSeconds(Instant.parse("2021-02-12T08:00:00Z"))).isEqualTo("1613116800.000");
    }
}

package app.demo;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Decides when the demo's pipeline has finished: no exchange in flight, the SQS queue drained
 * (when an SQS route runs), and every consumer group caught up with its topics — twice in a row.
 */
final class Quiescence {
    private final CamelContext camel;
    private final String bootstrap;
    private final SqsClient sqs;
    private final String queueUrl;

    Quiescence(CamelContext camel, String bootstrap, SqsClient sqs, String queueUrl) {
        this.camel = camel;
        this.bootstrap = bootstrap;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    boolean await(Duration timeout) throws Exception {
        int[] quietChecks = {0};
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(500)).pollInSameThread()
                    .until(() -> (quietChecks[0] = isQuiet(admin) ? quietChecks[0] + 1 : 0) >= 2);
            return true;
        } catch (ConditionTimeoutException notQuiet) {
            return false;
        }
    }

    private boolean isQuiet(Admin admin) throws Exception {
        if (camel.getInflightRepository().size() > 0) {
            return false;
        }
        boolean sqsConsumed = camel.getRoutes().stream().anyMatch(r -> r.getEndpoint().getEndpointUri().startsWith("aws2-sqs"));
        if (sqsConsumed) {
            Map<QueueAttributeName, String> attrs = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            if (attrs.values().stream().anyMatch(v -> !"0".equals(v))) {
                return false;
            }
        }
        for (var group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            for (var e : committed.entrySet()) {
                if (e.getValue() == null || e.getValue().offset() < ends.get(e.getKey()).offset()) {
                    return false;
                }
            }
        }
        return true;
    }
}

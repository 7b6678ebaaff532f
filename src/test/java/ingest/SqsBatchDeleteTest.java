package ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;

class SqsBatchDeleteTest {
    /** An SQS client that records each DeleteMessageBatch call and refuses the receipts named "bad". */
    static final class RecordingSqs implements SqsClient {
        final List<List<String>> calls = new CopyOnWriteArrayList<>();

        @Override
        public GetQueueUrlResponse getQueueUrl(Consumer<GetQueueUrlRequest.Builder> request) {
            return GetQueueUrlResponse.builder().queueUrl("http://sqs/queue").build();
        }

        @Override
        public DeleteMessageBatchResponse deleteMessageBatch(Consumer<DeleteMessageBatchRequest.Builder> request) {
            DeleteMessageBatchRequest.Builder builder = DeleteMessageBatchRequest.builder();
            request.accept(builder);
            DeleteMessageBatchRequest built = builder.build();
            assertThat(built.queueUrl()).isEqualTo("http://sqs/queue");
            calls.add(built.entries().stream().map(DeleteMessageBatchRequestEntry::receiptHandle).toList());
            var response = DeleteMessageBatchResponse.builder();
            response.successful(built.entries().stream().filter(e -> !e.receiptHandle().equals("bad"))
                    .map(e -> DeleteMessageBatchResultEntry.builder().id(e.id()).build()).toList());
            response.failed(built.entries().stream().filter(e -> e.receiptHandle().equals("bad"))
                    .map(e -> BatchResultErrorEntry.builder().id(e.id()).code("ReceiptHandleIsInvalid").build()).toList());
            return response.build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void tenFinishedMessagesGoInOneCallAtOnceAndTheRestAfterTheWait() throws Exception {
        RecordingSqs sqs = new RecordingSqs();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (SqsBatchDelete deletes = new SqsBatchDelete(sqs, "queue", 200, meters)) {
            for (int i = 0; i < 13; i++) {
                deletes.add("r" + i);
            }
            assertThat(sqs.calls).as("a full batch goes at once").hasSize(1);
            assertThat(sqs.calls.get(0)).hasSize(10).startsWith("r0").endsWith("r9");
            long t0 = System.nanoTime();
            while (sqs.calls.size() < 2 && System.nanoTime() - t0 < 5e9) {
                Thread.onSpinWait();
            }
            assertThat((System.nanoTime() - t0) / 1e6).as("the rest waits for more, at most the wait").isGreaterThan(100);
            assertThat(sqs.calls.get(1)).containsExactly("r10", "r11", "r12");
        }
        assertThat(meters.counter("ccx.sqs.deleted").count()).isEqualTo(13);
    }

    @Test
    void aRefusedDeleteIsCountedAndTheOthersAreDeleted() {
        RecordingSqs sqs = new RecordingSqs();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (SqsBatchDelete deletes = new SqsBatchDelete(sqs, "queue", 60_000, meters)) {
            deletes.add("a");
            deletes.add("bad");
            deletes.add("b");
            assertThat(sqs.calls).as("nothing deleted before the wait or a full batch").isEmpty();
        }
        assertThat(sqs.calls).containsExactly(List.of("a", "bad", "b"));
        assertThat(meters.counter("ccx.sqs.deleted").count()).isEqualTo(2);
        assertThat(meters.counter("ccx.sqs.delete.failed").count()).isEqualTo(1);
    }
}

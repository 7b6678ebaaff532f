package ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;

/**
 * Deletes consumed SQS messages ten per {@code DeleteMessageBatch} call instead of one call each.
 * A message is handed over only when its exchange completed (its archive-new messages acknowledged
 * by Kafka, or it was dead-lettered), so the guarantee is the consumer's own delete-on-completion;
 * it waits at most {@code maxWaitMs} for nine others. A message whose delete fails comes back
 * after its visibility timeout and is sent again (the later stages are idempotent).
 */
public final class SqsBatchDelete extends ServiceSupport implements AutoCloseable {
    /** DeleteMessageBatch takes at most ten entries. */
    static final int BATCH = 10;
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatchDelete.class);

    private final SqsClient sqs;
    private final String queue;
    private final long maxWaitMs;
    private final Counter deleted;
    private final Counter failed;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sqs-batch-delete");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> pending = new ArrayList<>();
    private ScheduledFuture<?> scheduled;
    private volatile String queueUrl;

    public SqsBatchDelete(SqsClient sqs, String queue, long maxWaitMs, MeterRegistry meters) {
        this.sqs = sqs;
        this.queue = queue;
        this.maxWaitMs = maxWaitMs;
        this.deleted = Counter.builder("ccx.sqs.deleted").description("SQS messages deleted after their output was written")
                .register(meters);
        this.failed = Counter.builder("ccx.sqs.delete.failed")
                .description("SQS messages whose delete failed (they come back after the visibility timeout)").register(meters);
    }

    /** Route step: the exchange's message is deleted once the exchange completes successfully. */
    public Processor deleteOnCompletion() {
        return exchange -> {
            String receipt = exchange.getMessage().getHeader(Sqs2Constants.RECEIPT_HANDLE, String.class);
            if (receipt != null) {
                exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                    @Override
                    public void onComplete(Exchange done) {
                        add(receipt);
                    }
                });
            }
        };
    }

    void add(String receipt) {
        List<String> full = null;
        synchronized (this) {
            pending.add(receipt);
            if (pending.size() >= BATCH) {
                full = take();
            } else if (scheduled == null) {
                scheduled = timer.schedule(this::flush, maxWaitMs, TimeUnit.MILLISECONDS);
            }
        }
        if (full != null) {
            delete(full);
        }
    }

    /** Deletes every message handed over so far. */
    public void flush() {
        List<String> batch;
        do {
            synchronized (this) {
                batch = take();
            }
            delete(batch);
        } while (!batch.isEmpty());
    }

    private List<String> take() {
        List<String> batch = new ArrayList<>(pending.subList(0, Math.min(BATCH, pending.size())));
        pending.subList(0, batch.size()).clear();
        if (pending.isEmpty() && scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        } else if (!pending.isEmpty() && scheduled == null) {
            scheduled = timer.schedule(this::flush, maxWaitMs, TimeUnit.MILLISECONDS);
        }
        return batch;
    }

    private void delete(List<String> receipts) {
        if (receipts.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < receipts.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(receipts.get(i)).build());
        }
        try {
            DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl()).entries(entries));
            deleted.increment(response.successful().size());
            for (BatchResultErrorEntry error : response.failed()) {
                failed.increment();
                LOG.warn("SQS message {} not deleted ({}: {}); it comes back after its visibility timeout", receipts.get(
                        Integer.parseInt(error.id())), error.code(), error.message());
            }
        } catch (RuntimeException e) {
            failed.increment(receipts.size());
            LOG.warn("{} SQS message(s) not deleted ({}); they come back after their visibility timeout", receipts.size(),
                    e.getMessage());
        }
    }

    private String queueUrl() {
        String url = queueUrl;
        if (url == null) {
            url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
            queueUrl = url;
        }
        return url;
    }

    @Override
    protected void doStop() {
        flush();
    }

    @Override
    public void close() {
        flush();
        timer.shutdownNow();
    }
}

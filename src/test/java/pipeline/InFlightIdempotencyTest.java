package pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;

class InFlightIdempotencyTest {

    @Test
    void aKeyInFlightMakesTheSecondAskerWaitForTheFirstsOutcome() throws Exception {
        InFlightIdempotency repository = new InFlightIdempotency(MemoryIdempotentRepository.memoryIdempotentRepository(10));
        assertThat(repository.contains("archive")).as("the first asker owns the key").isFalse();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> repository.contains("archive"));
        Thread.sleep(200);
        assertThat(second).as("waits while the first is in flight").isNotDone();
        assertThat(repository.contains("other")).as("other keys do not wait").isFalse();

        repository.add("archive"); // the first's outputs are sent
        assertThat(second.get(5, TimeUnit.SECONDS)).as("a duplicate once the first is remembered").isTrue();
    }

    @Test
    void whenTheFirstFailsTheSecondGoesAhead() throws Exception {
        InFlightIdempotency repository = new InFlightIdempotency(MemoryIdempotentRepository.memoryIdempotentRepository(10));
        assertThat(repository.contains("archive")).isFalse();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> repository.contains("archive"));
        Thread.sleep(200);
        assertThat(second).isNotDone();

        repository.remove("archive"); // the first failed: not remembered
        assertThat(second.get(5, TimeUnit.SECONDS)).as("not a duplicate: its turn").isFalse();
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> repository.contains("archive"));
        Thread.sleep(200);
        assertThat(third).as("the second now holds the key").isNotDone();
        repository.add("archive");
        assertThat(third.get(5, TimeUnit.SECONDS)).isTrue();
    }
}

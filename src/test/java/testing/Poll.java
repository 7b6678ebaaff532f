package testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on a condition the suites observe from outside (topics, buckets, queues): one poll loop for all. */
public final class Poll {
    private Poll() {
    }

    /** Checks {@code condition} every {@code every} until it holds or {@code timeout} passes; true if it held. */
    public static boolean until(Duration timeout, Duration every, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(every.toMillis());
        }
        return condition.getAsBoolean();
    }
}

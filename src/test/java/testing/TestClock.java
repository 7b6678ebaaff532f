package testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** A clock the test sets. {@link Binding} binds {@link #PARQUET} as the factory's {@code parquetClock}. */
public final class TestClock extends Clock {
    /** The Parquet factory's clock in route tests (one test class at a time uses it). */
    public static final TestClock PARQUET = new TestClock(Instant.EPOCH);

    private final AtomicReference<Instant> now;

    public TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** A camel-main configuration class: {@code configurationClasses = {PipelineBeans.class, TestClock.Binding.class}}. */
    public static class Binding implements CamelConfiguration {
        @BindToRegistry("parquetClock")
        public Clock parquetClock() {
            return PARQUET;
        }
    }
}

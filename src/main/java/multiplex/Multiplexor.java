package multiplex;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import storage.S3Streams;

/**
 * The multiplexor's decision (2024 shape, contract §14): the kind of the archive whose S3 GET
 * stream is the exchange's body, read by the {@link ArchiveClassifier} and counted per kind.
 * The stream is released either way (aborted when the read stopped at the marker).
 */
public final class Multiplexor {
    private final ArchiveClassifier classifier;
    private final Map<ArchiveKind, Counter> routed = new EnumMap<>(ArchiveKind.class);

    public Multiplexor(ArchiveClassifier classifier, MeterRegistry meters) {
        this.classifier = classifier;
        for (ArchiveKind kind : ArchiveKind.values()) {
            routed.put(kind, Counter.builder("ccx.multiplexor.archives").description("archives routed by the multiplexor, by kind")
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT)).register(meters));
        }
    }

    public ArchiveKind kindOf(Exchange exchange) throws IOException {
        return kindOf(exchange.getMessage().getBody(InputStream.class));
    }

    /** The kind of the archive of this S3 GET stream (also the ccx-multiplexor-action Kamelet's), counted; the stream is released. */
    public ArchiveKind kindOf(InputStream archive) throws IOException {
        try {
            ArchiveKind kind = classifier.classify(archive);
            routed.get(kind).increment();
            return kind;
        } finally {
            S3Streams.release(archive);
        }
    }
}

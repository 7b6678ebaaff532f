package archivesync;

import errors.BadInputException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import model.ArchiveMetadata;
import model.ArchiveNew;
import model.ArchiveSynced;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import storage.ArchiveCopier;
import storage.CephPath;
import storage.S3Key;
import storage.S3Streams;

/**
 * Stage 4→7: one archive-new message → the archive copied into Ceph under its CephPath →
 * the archive-synced message (contract §10). External organization is the S3 key's first segment.
 * <p>
 * The sync route's steps around its camel-aws2-s3 endpoints ({@link #plan}, {@link #fetched},
 * {@link #copyInParts}, {@link #alreadyInCeph}, {@link #isAnotherVersion}, {@link #getAgain}, {@link #refetched}, {@link #synced}), and
 * {@link #sync} for the Kamelet, which copies with {@link ArchiveCopier} alone.
 */
public final class ArchiveSyncService {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveSyncService.class);
    /** Exchange property: the {@link ArchiveCopy} of the message. */
    public static final String COPY = "ccxArchiveCopy";

    private final ArchiveCopier copier;
    private final Counter bytesCopied;
    private final Counter alreadyPresent;
    private final Timer copyDuration;

    public ArchiveSyncService(ArchiveCopier copier, MeterRegistry meters) {
        this(copier, meters, "io");
    }

    /** @param archives the meters' {@code archives} tag: {@code io} (archive-sync) or {@code ols} (archive-sync-ols) */
    public ArchiveSyncService(ArchiveCopier copier, MeterRegistry meters, String archives) {
        this.copier = copier;
        MeterRegistry registry = meters == null ? new SimpleMeterRegistry() : meters;
        this.bytesCopied = Counter.builder("ccx.archive.sync.bytes").description("archive bytes copied from S3 to Ceph")
                .tag("archives", archives).baseUnit("bytes").register(registry);
        this.alreadyPresent = Counter.builder("ccx.archive.sync.already.present")
                .description("archives already in Ceph, not uploaded again").tag("archives", archives).register(registry);
        this.copyDuration = Timer.builder("ccx.archive.sync.copy").description("time to copy one archive to Ceph")
                .tag("archives", archives).register(registry);
    }

    /** The Kamelet's whole step: archive-new → copy (raw SDK, {@link ArchiveCopier#copy}) → archive-synced. */
    public ArchiveSynced sync(ArchiveNew message) throws IOException {
        ArchiveCopy copy = plan(message);
        ArchiveCopier.Result result = copier.copy(copy.source().toString(), copy.target().toString());
        return finish(copy.fetched(result.size(), "").uploaded(result.uploaded()));
    }

    private static ArchiveCopy plan(ArchiveNew message) {
        S3Key key = S3Key.parse(message.path());
        if (!key.clusterId().equalsIgnoreCase(message.clusterId())) {
            throw new BadInputException("cluster_id " + message.clusterId() + " is not the cluster of path " + message.path());
        }
        return ArchiveCopy.of(key, CephPath.of(key));
    }

    /** archive-new → what goes where ({@link #COPY}); the source key for the GET. */
    public void plan(Exchange exchange) {
        ArchiveCopy copy = plan(exchange.getMessage().getBody(ArchiveNew.class));
        exchange.setProperty(COPY, copy);
        exchange.getMessage().setHeader(AWS2S3Constants.KEY, copy.source().toString());
    }

    /**
     * The GET's answer: its length against the limit, its ETag as the version copied, and the
     * headers of the PUT into Ceph (only ours: the source's storage class or metadata are not the
     * copy's). The GET's stream is closed when the exchange ends, aborted if it was not read to
     * its end (see {@link #release}).
     */
    public void fetched(Exchange exchange) {
        Message message = exchange.getMessage();
        ArchiveCopy copy = exchange.getProperty(COPY, ArchiveCopy.class);
        InputStream body = message.getBody(InputStream.class);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                S3Streams.release(body);
            }
        });
        Long size = message.getHeader(AWS2S3Constants.CONTENT_LENGTH, Long.class);
        copier.checkSize(copy.source().toString(), size == null ? -1 : size);
        copy = copy.fetched(size, ArchiveCopier.strip(message.getHeader(AWS2S3Constants.E_TAG, String.class)));
        exchange.setProperty(COPY, copy);
        message.removeHeaders("CamelAwsS3*");
        message.setHeader(AWS2S3Constants.KEY, copy.target().toString());
        message.setHeader(AWS2S3Constants.CONTENT_LENGTH, copy.size());
        message.setHeader(AWS2S3Constants.CONTENT_TYPE, "application/gzip");
        message.setHeader(AWS2S3Constants.METADATA, ArchiveCopier.sourceMetadata(copy.source().toString(), copy.version()));
    }

    /** Above the single-PUT size the archive goes up in parts ({@link #copyInParts}). */
    public boolean inParts(Exchange exchange) {
        return exchange.getProperty(COPY, ArchiveCopy.class).size() > copier.singlePutMaxBytes();
    }

    public void copyInParts(Exchange exchange) throws IOException {
        ArchiveCopy copy = exchange.getProperty(COPY, ArchiveCopy.class);
        ArchiveCopier.Result result = copier.copyInParts(exchange.getMessage().getBody(InputStream.class), copy.size(),
                copy.source().toString(), copy.version(), copy.target().toString());
        exchange.setProperty(COPY, copy.uploaded(result.uploaded()));
    }

    /** The conditional PUT went through: the bytes are in Ceph. */
    public void uploaded(Exchange exchange) {
        exchange.setProperty(COPY, exchange.getProperty(COPY, ArchiveCopy.class).uploaded(true));
    }

    /** The PUT was refused (412): an object is already under the key, and nothing was uploaded (yet). */
    public void alreadyInCeph(Exchange exchange) {
        exchange.setProperty(COPY, exchange.getProperty(COPY, ArchiveCopy.class).uploaded(false));
    }

    /**
     * Whether the object already in Ceph (its HEAD is the body) is another version than this copy's:
     * the version copied before (a redelivery) leaves nothing to do, another one is replaced. A pure
     * predicate: Camel evaluates a bean predicate on a copy of the message.
     */
    public boolean isAnotherVersion(Exchange exchange) {
        ArchiveCopy copy = exchange.getProperty(COPY, ArchiveCopy.class);
        return !ArchiveCopier.isCopyOf(exchange.getMessage().getBody(HeadObjectResponse.class), copy.size(), copy.version());
    }

    /** The second GET's request, to replace another version: the source key again. */
    public void getAgain(Exchange exchange) {
        exchange.getMessage().setHeader(AWS2S3Constants.KEY, exchange.getProperty(COPY, ArchiveCopy.class).source().toString());
    }

    /** The second GET, to replace another version: it must be the version the first GET saw. */
    public void refetched(Exchange exchange) throws IOException {
        ArchiveCopy copy = exchange.getProperty(COPY, ArchiveCopy.class);
        String version = ArchiveCopier.strip(exchange.getMessage().getHeader(AWS2S3Constants.E_TAG, String.class));
        if (!version.equals(copy.version())) {
            S3Streams.release(exchange.getMessage().getBody(InputStream.class));
            throw new IOException("archive " + copy.source() + " changed while it was copied; it is copied again on retry");
        }
        fetched(exchange);
    }

    /** The copy is done: archive-synced, counted and logged. */
    public ArchiveSynced synced(Exchange exchange) {
        return finish(exchange.getProperty(COPY, ArchiveCopy.class));
    }

    private ArchiveSynced finish(ArchiveCopy copy) {
        long nanos = System.nanoTime() - copy.startedNanos();
        boolean uploaded = !Boolean.FALSE.equals(copy.uploaded());
        if (uploaded) {
            copyDuration.record(Duration.ofNanos(nanos));
            bytesCopied.increment(Math.max(copy.size(), 0));
        } else {
            alreadyPresent.increment();
        }
        S3Key key = copy.source();
        LOG.info("archive cluster={} org={} s3={} ceph={} bytes={} {} in {} ms", key.clusterId(), key.organization(),
                key, copy.target(), copy.size(), uploaded ? "copied" : "already in Ceph", nanos / 1_000_000);
        return new ArchiveSynced(copy.target().toString(), key.toString(), new ArchiveMetadata(key.clusterId(), key.organization()));
    }
}

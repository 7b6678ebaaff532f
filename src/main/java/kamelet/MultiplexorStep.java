package kamelet;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import model.ArchiveNew;
import multiplex.ArchiveClassifier;
import multiplex.ArchiveKind;
import multiplex.Multiplexor;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import pipeline.JsonFormats;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import storage.ArchiveMissingException;

/**
 * The bean of the {@code ccx-multiplexor-action} Kamelet (2024 shape): an archive-new message
 * (JSON) → the archive streamed from the AWS S3 ingress bucket through the multiplexor's own
 * {@link Multiplexor} / {@link ArchiveClassifier} (the safe reader, stopping at the OpenShift
 * Lightspeed marker) → the message left as consumed, with {@code kafka.OVERRIDE_TOPIC} set to
 * {@code ioTopic} or {@code olsTopic} by the archive's kind and {@code kafka.KEY} to the cluster id.
 * camel-kafka's producer sends to the override topic instead of its endpoint's and removes the
 * header, so the Pipe's one Kafka sink writes each kind to its topic.
 * <p>
 * An archive of neither kind or a broken one is {@link archive.ArchiveRejectedException}, a
 * missing one {@link ArchiveMissingException} (both bad input: dead-lettered by the Kamelet);
 * any other S3 failure fails the exchange. The S3 client is built on the first message and closed
 * with the Kamelet's route ({@link #close()}).
 */
public final class MultiplexorStep extends KameletStep implements AutoCloseable {
    private final AwsBucket awsBucket = new AwsBucket();
    private final ArchiveReadLimits limits = new ArchiveReadLimits();
    private String ioTopic;
    private String olsTopic;

    private S3Client aws;
    private boolean ownsClient;
    private Multiplexor multiplexor;

    /**
     * The exchange's archive-new message (JSON) → its archive's kind; sets {@code kafka.OVERRIDE_TOPIC}
     * and {@code kafka.KEY} and leaves the body as it is.
     */
    public void route(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        ArchiveNew archiveNew = JsonFormats.read(message.getBody(String.class), ArchiveNew.class);
        String topic = topicOf(kindOf(archiveNew));
        message.setHeader(KafkaConstants.KEY, archiveNew.clusterId());
        message.setHeader(KafkaConstants.OVERRIDE_TOPIC, topic);
    }

    /** The kind of the archive the message names, read from the AWS S3 bucket. */
    public ArchiveKind kindOf(ArchiveNew archiveNew) throws IOException {
        Multiplexor m = multiplexor();
        String bucket = awsBucket.bucket();
        InputStream archive;
        try {
            archive = aws.getObject(b -> b.bucket(bucket).key(archiveNew.path()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new ArchiveMissingException("archive " + archiveNew.path() + " is not in s3://" + bucket
                        + " (uploads are kept two days)");
            }
            throw e;
        }
        return m.kindOf(archive);
    }

    /** The topic of an archive kind: {@code olsTopic} or {@code ioTopic}. */
    public String topicOf(ArchiveKind kind) {
        return kind == ArchiveKind.OLS ? KameletProperties.required("olsTopic", olsTopic) : KameletProperties.required("ioTopic", ioTopic);
    }

    synchronized Multiplexor multiplexor() {
        if (multiplexor == null) {
            awsBucket.bucket();
            KameletProperties.required("ioTopic", ioTopic);
            KameletProperties.required("olsTopic", olsTopic);
            if (aws == null) {
                aws = awsBucket.newClient();
                ownsClient = true;
            }
            var meters = Meters.of(getCamelContext());
            multiplexor = new Multiplexor(new ArchiveClassifier(limits.reader()), meters != null ? meters : new SimpleMeterRegistry());
        }
        return multiplexor;
    }

    /** An AWS S3 client made elsewhere (tests); not closed by {@link #close()}. */
    synchronized void useAwsClient(S3Client client) {
        this.aws = client;
        this.ownsClient = false;
    }

    @Override
    public synchronized void close() {
        if (aws != null && ownsClient) {
            aws.close();
            aws = null;
        }
        multiplexor = null;
    }

    /** The AWS S3 bucket (Kamelet: {@code aws.bucket}, {@code aws.endpoint} and so on). */
    public AwsBucket getAws() {
        return awsBucket;
    }

    /** The archive reader's limits (Kamelet: {@code limits.maxTotalBytes} and so on). */
    public ArchiveReadLimits getLimits() {
        return limits;
    }

    public void setIoTopic(String ioTopic) {
        this.ioTopic = ioTopic;
    }

    public void setOlsTopic(String olsTopic) {
        this.olsTopic = olsTopic;
    }
}

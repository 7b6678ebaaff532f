package kamelet;

import archive.ArchiveLimits;
import archive.ArchiveReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import model.ArchiveNew;
import multiplex.ArchiveClassifier;
import multiplex.ArchiveKind;
import multiplex.Multiplexor;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import pipeline.JsonFormats;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import storage.ArchiveMissingException;
import storage.S3ClientFactory;

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
public final class MultiplexorStep implements CamelContextAware, AutoCloseable {
    private CamelContext camelContext;
    private String awsEndpoint = "";
    private String awsRegion = "us-east-1";
    private String awsAccessKey = "";
    private String awsSecretKey = "";
    private String awsBucket;
    private String ioTopic;
    private String olsTopic;
    private long maxTotalBytes = 512L << 20;
    private long maxEntryBytes = 64L << 20;
    private int maxEntries = 20_000;
    private int maxPathLength = 512;
    private long timeBudgetMs = 30_000;

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
        String bucket = KameletProperties.required("awsBucket", awsBucket);
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
            KameletProperties.required("awsBucket", awsBucket);
            KameletProperties.required("ioTopic", ioTopic);
            KameletProperties.required("olsTopic", olsTopic);
            ArchiveReader reader = new ArchiveReader(new ArchiveLimits(maxTotalBytes, maxEntryBytes, maxEntries, maxPathLength,
                    Duration.ofMillis(timeBudgetMs)));
            if (aws == null) {
                aws = S3ClientFactory.create(KameletProperties.text(awsEndpoint), KameletProperties.text(awsRegion),
                        KameletProperties.text(awsAccessKey), KameletProperties.text(awsSecretKey));
                ownsClient = true;
            }
            var meters = Meters.of(camelContext);
            multiplexor = new Multiplexor(new ArchiveClassifier(reader), meters != null ? meters : new SimpleMeterRegistry());
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

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    public void setAwsEndpoint(String awsEndpoint) {
        this.awsEndpoint = awsEndpoint;
    }

    public void setAwsRegion(String awsRegion) {
        this.awsRegion = awsRegion;
    }

    public void setAwsAccessKey(String awsAccessKey) {
        this.awsAccessKey = awsAccessKey;
    }

    public void setAwsSecretKey(String awsSecretKey) {
        this.awsSecretKey = awsSecretKey;
    }

    public void setAwsBucket(String awsBucket) {
        this.awsBucket = awsBucket;
    }

    public void setIoTopic(String ioTopic) {
        this.ioTopic = ioTopic;
    }

    public void setOlsTopic(String olsTopic) {
        this.olsTopic = olsTopic;
    }

    public void setMaxTotalBytes(long maxTotalBytes) {
        this.maxTotalBytes = maxTotalBytes;
    }

    public void setMaxEntryBytes(long maxEntryBytes) {
        this.maxEntryBytes = maxEntryBytes;
    }

    public void setMaxEntries(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    public void setMaxPathLength(int maxPathLength) {
        this.maxPathLength = maxPathLength;
    }

    public void setTimeBudgetMs(long timeBudgetMs) {
        this.timeBudgetMs = timeBudgetMs;
    }
}

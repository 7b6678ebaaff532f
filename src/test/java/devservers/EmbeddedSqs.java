package devservers;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ: an SQS-compatible server (AWS JSON protocol) inside this JVM. */
public final class EmbeddedSqs implements AutoCloseable {
    private final SQSRestServer server;
    private final int port;

    private EmbeddedSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedSqs start() {
        int port = FreePort.pick();
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "localhost", port, ""))
                .start();
        server.waitUntilStarted();
        return new EmbeddedSqs(server, port);
    }

    public String endpoint() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}

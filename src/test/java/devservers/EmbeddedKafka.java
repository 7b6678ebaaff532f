package devservers;

import java.time.Duration;
import kafka.server.BrokerServer;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;

/**
 * A real single-node KRaft broker (combined controller+broker) inside this JVM. Its listeners
 * have fixed ports, so the broker can be stopped and started again ({@link #stopBroker()},
 * {@link #startBroker()}) on the same address with the same log directories: clients see an
 * outage, the data survives.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private boolean closed;
    private boolean brokerStopped;

    private EmbeddedKafka(KafkaClusterTestKit cluster, String bootstrapServers) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
    }

    public static EmbeddedKafka start() {
        try {
            int brokerPort = FreePort.pick();
            int controllerPort = FreePort.pick();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(
                    new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    // Fixed ports instead of the test kit's port 0: a restarted broker comes back where it was.
                    .setConfigProp("listeners", "EXTERNAL://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "1")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafka(cluster, cluster.bootstrapServers());
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka did not start: " + e.getMessage(), e);
        }
    }

    /** The broker's address; the same before and after a {@link #stopBroker()}/{@link #startBroker()}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Outage drill: stops the broker (the controller stays up); its log directories are kept. */
    public synchronized void stopBroker() {
        if (brokerStopped) {
            return;
        }
        BrokerServer broker = broker();
        broker.shutdown();
        broker.awaitShutdown();
        brokerStopped = true;
    }

    /** Starts the stopped broker again on the same port, over the same log directories. */
    public synchronized void startBroker() {
        if (!brokerStopped) {
            return;
        }
        broker().startup();
        brokerStopped = false;
        try {
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka broker did not come back: " + e.getMessage(), e);
        }
    }

    /** {@link #stopBroker()}, a pause of {@code down}, {@link #startBroker()}. */
    public void restartBroker(Duration down) throws InterruptedException {
        stopBroker();
        Thread.sleep(down.toMillis());
        startBroker();
    }

    private BrokerServer broker() {
        return cluster.brokers().values().iterator().next();
    }

    @Override
    public synchronized void close() {
        // KafkaClusterTestKit.close() throws when called twice.
        if (closed) {
            return;
        }
        closed = true;
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka did not stop cleanly", e);
        }
    }
}

package testing;

import devservers.CephRgwServer;
import devservers.EmbeddedKafka;
import devservers.EmbeddedSqs;
import devservers.PrometheusServer;
import devservers.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real-server rig for integration tests. Each server starts on first use, once per test JVM,
 * and is shared by every test class; JUnit closes them when the JVM's test run ends. Tests ask for
 * a server by declaring a parameter of its type ({@link EmbeddedKafka}, {@link EmbeddedSqs},
 * {@link S3ProxyServer}, {@link CephRgwServer}, {@link PrometheusServer}).
 */
public final class RealServers implements ParameterResolver {
    /** Credentials of the S3 stand-ins; servers check SigV4 so a wrong key fails. */
    public static final String S3_ACCESS_KEY = "CCXTESTACCESSKEY";
    public static final String S3_SECRET_KEY = "ccx-test-secret-key";
    public static final String CEPH_ACCESS_KEY = "CCXCEPHACCESSKEY";
    public static final String CEPH_SECRET_KEY = "ccx-ceph-secret-key";

    private static final Path WORK = workDir();
    /**
     * The rig as a JUnit resource: a class that stops or pauses servers (the fault suite, ReadinessIT,
     * ArchiveSyncResilienceIT) locks it READ_WRITE and is ordered last; the one class that runs beside
     * the others (the topology test) locks it READ. See the failsafe configuration in pom.xml.
     */
    public static final String RIG = "ccx-real-servers";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedKafka.class || type == EmbeddedSqs.class || type == S3ProxyServer.class
                || type == CephRgwServer.class || type == PrometheusServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return server(context, type);
    }

    public static <T> T server(ExtensionContext context, Class<T> type) {
        Supplier<AutoCloseable> starter = starter(type);
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(RealServers.class));
        return type.cast(store.getOrComputeIfAbsent(type, t -> timed(type.getSimpleName(), starter)));
    }

    private static Supplier<AutoCloseable> starter(Class<?> type) {
        if (type == EmbeddedKafka.class) {
            return EmbeddedKafka::start;
        } else if (type == EmbeddedSqs.class) {
            return EmbeddedSqs::start;
        } else if (type == S3ProxyServer.class) {
            return () -> S3ProxyServer.start(WORK.resolve("s3proxy"), S3_ACCESS_KEY, S3_SECRET_KEY);
        } else if (type == CephRgwServer.class) {
            return () -> CephRgwServer.start(WORK.resolve("ceph"), CEPH_ACCESS_KEY, CEPH_SECRET_KEY);
        } else if (type == PrometheusServer.class) {
            return () -> PrometheusServer.start(WORK.resolve("prometheus"), KnownSeries.writeOpenMetrics(WORK.resolve("series.om")));
        }
        throw new IllegalArgumentException("no real server of type " + type);
    }

    private static AutoCloseable timed(String name, Supplier<AutoCloseable> starter) {
        long t0 = System.nanoTime();
        AutoCloseable server = starter.get();
        System.out.printf("[real-servers] %s started in %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
        return server;
    }

    private static Path workDir() {
        try {
            Path base = Path.of(System.getProperty("ccx.project.dir", ".")).resolve("target/it-servers");
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "run-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

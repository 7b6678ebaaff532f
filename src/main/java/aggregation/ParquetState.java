package aggregation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Where the Parquet factory keeps its state: an embedded H2 file database by default, or any
 * JDBC database (e.g. PostgreSQL, driver on the classpath) given a URL. The Camel aggregation
 * repository and the row store share it.
 */
public final class ParquetState {
    public static final String REPOSITORY = "ccx_parquet_groups";

    /**
     * The embedded H2 database stays open for the life of the process (DB_CLOSE_DELAY=-1): without it
     * every connection closing last closes the file and the next one reopens it, hundreds of times a
     * minute, and H2 2.x can corrupt the file on that path ("Double mark", h2database#2752; seen in the
     * fault suite). Every commit is written at once (WRITE_DELAY=0, default 500 ms), so rows whose Kafka
     * offset was committed survive a kill -9. H2 does not close the database in its own shutdown hook
     * (DB_CLOSE_ON_EXIT=FALSE), which would run while Camel is still draining in-flight exchanges on
     * SIGTERM; the next start recovers the file as after a crash. A query result of more than
     * MAX_MEMORY_ROWS rows spills to a temporary file (H2 scales its default with -Xmx, to ~320k rows
     * at 512 MiB), so reading an hour's pending rows does not hold the hour on the heap.
     */
    static final String H2_SETTINGS = ";DB_CLOSE_DELAY=-1;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;MAX_MEMORY_ROWS=10000";

    private ParquetState() {
    }

    public static DataSource dataSource(String jdbcUrl, String stateDir, String user, String password) throws Exception {
        if (jdbcUrl != null && !jdbcUrl.isBlank() && !jdbcUrl.startsWith("jdbc:h2:")) {
            return new org.springframework.jdbc.datasource.DriverManagerDataSource(jdbcUrl, user, password);
        }
        JdbcDataSource h2 = new JdbcDataSource();
        if (jdbcUrl != null && !jdbcUrl.isBlank()) {
            h2.setURL(jdbcUrl);
        } else {
            Path dir = Files.createDirectories(Path.of(stateDir));
            h2.setURL("jdbc:h2:file:" + dir.toAbsolutePath().resolve("parquet-state") + H2_SETTINGS);
        }
        h2.setUser(user == null ? "" : user);
        h2.setPassword(password == null ? "" : password);
        // Pooled: every stored batch and aggregation-repository transaction takes a connection, and an
        // H2 connection is a session set up anew each time (before DB_CLOSE_DELAY=-1 it even reopened
        // the database, see docs/benchmark-history.md); the pool reuses them.
        return JdbcConnectionPool.create(h2);
    }

    /** Camel's JDBC aggregation repository over the state database, its two tables created if missing. */
    public static JdbcAggregationRepository aggregationRepository(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String binary = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres") ? "BYTEA" : "VARBINARY";
            for (String table : new String[] {REPOSITORY, REPOSITORY + "_completed"}) {
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (id VARCHAR(255) NOT NULL, exchange " + binary
                        + " NOT NULL, version BIGINT NOT NULL, CONSTRAINT " + table + "_pk PRIMARY KEY (id))");
            }
        }
        JdbcAggregationRepository repository =
                new JdbcAggregationRepository(new DataSourceTransactionManager(dataSource), REPOSITORY, dataSource);
        // A completed hour whose file could not be written (S3 down) is retried from the repository.
        repository.setUseRecovery(true);
        repository.setRecoveryInterval(10_000);
        return repository;
    }
}

package aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import devservers.ProjectPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default (embedded H2) state database keeps every committed row through a kill -9. */
class ParquetStateCrashTest {

    @Test
    void rowsCommittedJustBeforeAHaltAreThereAfterTheRestart(@TempDir Path dir) throws Exception {
        int sources = 20;
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(ProjectPaths.javaBinary(), "-cp", classpath, CommitThenHalt.class.getName(),
                dir.toString(), Integer.toString(sources)).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(output).contains("committed");

        RowStore reopened = new RowStore(ParquetState.dataSource("", dir.toString(), "", ""));
        assertThat(reopened.pendingGroups()).singleElement()
                .satisfies(g -> assertThat(g.pendingRows()).as("rows committed before the halt").isEqualTo(sources));
    }

    @Test
    void theDefaultDatabaseStaysOpenAndWritesEachCommit() {
        assertThat(ParquetState.H2_SETTINGS).contains("DB_CLOSE_DELAY=-1").contains("WRITE_DELAY=0");
    }
}

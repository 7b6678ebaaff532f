package aggregation;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Child JVM of {@link ParquetStateCrashTest}: stores rows in the default state database, prints
 * "committed", and halts at once, as kill -9 would (no shutdown hooks, no close).
 */
public final class CommitThenHalt {
    private CommitThenHalt() {
    }

    public static void main(String[] args) throws Exception {
        RowStore store = new RowStore(ParquetState.dataSource("", args[0], "", ""));
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            store.add("rule_hits", 1_612_742_400_000L, "archives/" + i, List.of(("row-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        System.out.println("committed");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}

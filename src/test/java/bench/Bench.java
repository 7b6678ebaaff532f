package bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on stderr (stdout of the children is parsed). */
final class Bench {
    private Bench() {
    }

    static void log(String format, Object... args) {
        System.err.printf("[bench %s] %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), String.format(format, args));
    }
}

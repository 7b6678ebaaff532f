package testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/** Waiting for a process the suites start (the pipeline jar, a topology pod) to be ready, and the tail of its log. */
public final class Readiness {
    private Readiness() {
    }

    /**
     * Probes every {@code every} until the probe answers 200. Fails at once when {@code exited} gives a
     * reason (the process is gone), or after {@code timeout} with the last answer; both with the log's tail.
     */
    public static void await200(String what, Duration timeout, Duration every, Supplier<String> exited,
                                Callable<HttpResponse<String>> probe, Supplier<String> tail) {
        String[] last = {"no answer"};
        try {
            await().atMost(timeout).pollInterval(every).pollInSameThread().until(() -> {
                String gone = exited.get();
                if (gone != null) {
                    throw new IllegalStateException(what + " " + gone + "\n" + tail.get());
                }
                try {
                    HttpResponse<String> r = probe.call();
                    if (r.statusCode() == 200) {
                        return true;
                    }
                    last[0] = r.statusCode() + " " + r.body();
                } catch (IOException notYet) {
                    last[0] = notYet.toString();
                }
                return false;
            });
        } catch (ConditionTimeoutException timedOut) {
            throw new IllegalStateException(what + " not ready after " + timeout + ": " + last[0] + "\n" + tail.get());
        }
    }

    /** The last {@code lines} lines of a log file. */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}

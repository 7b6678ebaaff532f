package hostile;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Every log line of the JVM while open, as log4j2 formats it, stack traces included (a secret in an
 * exception message would show there). Attached to the root logger and to every configured logger.
 */
final class LogCapture extends AbstractAppender implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();

    private LogCapture() {
        super("hostile-capture", null,
                PatternLayout.newBuilder().withPattern("%level %c - %msg%n%throwable").build(), true, Property.EMPTY_ARRAY);
    }

    static LogCapture open() {
        LogCapture capture = new LogCapture();
        capture.start0();
        return capture;
    }

    private void start0() {
        start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        config.addAppender(this);
        config.getRootLogger().addAppender(this, Level.ALL, null);
        for (LoggerConfig logger : config.getLoggers().values()) {
            if (logger != config.getRootLogger()) {
                logger.addAppender(this, Level.ALL, null);
            }
        }
        context.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        String line = new String(getLayout().toByteArray(event), java.nio.charset.StandardCharsets.UTF_8);
        synchronized (lines) {
            lines.add(line);
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Lines containing every fragment (case-insensitive). */
    List<String> matching(String... fragments) {
        return lines().stream().filter(l -> {
            String lower = l.toLowerCase(java.util.Locale.ROOT);
            for (String f : fragments) {
                if (!lower.contains(f.toLowerCase(java.util.Locale.ROOT))) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(getName());
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.removeAppender(getName());
        }
        context.updateLoggers();
        stop();
    }
}

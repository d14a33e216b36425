package io.asyncoro.reliability.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what core logs. Core logs through {@link System.Logger}, which goes to java.util.logging when no
 * other {@code LoggerFinder} is installed (none is on this module's test class path).
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String name, Level level) {
        this.logger = Logger.getLogger(name);
        this.previousLevel = logger.getLevel();
        logger.setLevel(level);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Captures logger {@code name} with its level set to {@code level}. */
    public static LogCapture of(String name, Level level) {
        return new LogCapture(name, level);
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The records whose message contains {@code text}. */
    public List<LogRecord> containing(String text) {
        return records.stream().filter(r -> r.getMessage() != null && r.getMessage().contains(text)).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
    }
}

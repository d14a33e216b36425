package io.asyncoro.examples.support;

import org.awaitility.Awaitility;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The lines a program printed, collected as they come, for tests to wait on. */
public final class Lines {

    /** How long a test waits for a line before failing. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    private final List<String> lines = new ArrayList<>();
    private final String name;

    public Lines(String name) {
        this.name = name;
    }

    public synchronized void add(String line) {
        lines.add(line);
    }

    public synchronized List<String> snapshot() {
        return List.copyOf(lines);
    }

    public boolean contains(String line) {
        return snapshot().contains(line);
    }

    public long count(Predicate<String> matching) {
        return snapshot().stream().filter(matching).count();
    }

    /** Waits until a line equal to {@code line} was printed. */
    public void await(String line) {
        await(line::equals, "'" + line + "'");
    }

    /** Waits until a line matching {@code matching} was printed and returns the first such line. */
    public String await(Predicate<String> matching, String description) {
        Awaitility.await().alias(name + " printing " + description + "; printed so far: " + snapshot())
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> snapshot().stream().anyMatch(matching));
        return snapshot().stream().filter(matching).findFirst().orElseThrow();
    }

    /** A print stream whose lines land here (UTF-8). */
    public PrintStream printStream() {
        return new PrintStream(new LineSplitter(), true, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return name + snapshot();
    }

    private final class LineSplitter extends OutputStream {

        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String line = current.toString(StandardCharsets.UTF_8);
                add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                current.reset();
            }
            else {
                current.write(b);
            }
        }
    }
}

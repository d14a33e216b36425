package io.asyncoro.sample.chat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/** An output stream that hands over each complete UTF-8 line as it is written, for a test to wait on. */
final class LineCollector extends OutputStream {

    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();

    /** A print stream writing here. */
    PrintStream printStream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String line = this.partial.toString(StandardCharsets.UTF_8);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            this.partial.reset();
            this.all.add(line);
            this.lines.add(line);
        }
        else {
            this.partial.write(b);
        }
    }

    /** The next line, failing the test if none comes within {@code wait}. */
    String next(Duration wait) throws InterruptedException {
        String line = this.lines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            fail("no line within " + wait + "; so far: " + all());
        }
        return line;
    }

    /** Every line so far. */
    synchronized List<String> all() {
        return List.copyOf(this.all);
    }
}

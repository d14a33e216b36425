package io.asyncoro.examples.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.asyncoro.examples.Examples;
import io.asyncoro.examples.Stdio;

/**
 * An example run in this JVM through {@link Examples#run}, on a thread of its own, with its standard input
 * fed by the test and its output collected line by line.
 */
public final class RunningExample implements AutoCloseable {

    public final Lines out;
    public final Lines err;
    private final PipedOutputStream stdin;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Thread thread;

    private RunningExample(String[] args) throws IOException {
        String name = "in-process " + String.join(" ", args);
        out = new Lines(name + " (stdout)");
        err = new Lines(name + " (stderr)");
        PipedInputStream in = new PipedInputStream(64 * 1024);
        stdin = new PipedOutputStream(in);
        Stdio io = new Stdio(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out.printStream(),
                err.printStream());
        thread = Thread.ofPlatform().name(name).daemon(true).start(() -> {
            try {
                exit.complete(Examples.run(args, io));
            }
            catch (Throwable ex) {
                exit.completeExceptionally(ex);
            }
        });
    }

    /** Starts {@code java -jar asyncoro-examples.jar args...}, in-process. */
    public static RunningExample start(String... args) throws IOException {
        return new RunningExample(args);
    }

    /** Runs an example that ends by itself and returns it once ended. */
    public static RunningExample runToEnd(String... args) throws Exception {
        RunningExample example = start(args);
        example.closeStdin();
        example.awaitExit();
        return example;
    }

    /** Types a line. */
    public void type(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Ends the standard input. */
    public void closeStdin() throws IOException {
        stdin.close();
    }

    /** Waits for the example to end and returns its exit status. */
    public int awaitExit() throws Exception {
        return exit.get(Lines.WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public boolean isRunning() {
        return !exit.isDone();
    }

    /** Asserts the example ended with {@code status}. */
    public void assertExit(int status) throws Exception {
        assertThat(awaitExit()).as("exit status; stdout %s, stderr %s", out, err).isEqualTo(status);
    }

    @Override
    public void close() throws IOException {
        stdin.close();
        if (!exit.isDone()) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

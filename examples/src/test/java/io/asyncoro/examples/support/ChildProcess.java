package io.asyncoro.examples.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.asyncoro.AsynCoro;
import io.asyncoro.examples.Examples;

/** A program run as a child process (an example in a JVM of its own, or a Python script), output collected. */
public final class ChildProcess implements AutoCloseable {

    public final Lines out;
    public final Lines err;
    private final Process process;
    private final List<Thread> pumps = new ArrayList<>();

    private ChildProcess(List<String> command) throws IOException {
        String name = String.join(" ", command.subList(Math.max(0, command.size() - 6), command.size()));
        out = new Lines(name + " (stdout)");
        err = new Lines(name + " (stderr)");
        process = new ProcessBuilder(command).start();
        pumps.add(pump(process.getInputStream(), out));
        pumps.add(pump(process.getErrorStream(), err));
    }

    /**
     * Runs {@code java -jar asyncoro-examples.jar args...} in a new JVM, from the classes just built (the jar is
     * only made after the tests, at package time; its manifest points at the same main class).
     */
    public static ChildProcess java(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath(), Examples.class.getName()));
        command.addAll(List.of(args));
        return new ChildProcess(command);
    }

    /**
     * Runs {@code java -jar target/asyncoro-examples.jar args...}: the packaged jar itself (integration tests,
     * which run after {@code package}).
     */
    public static ChildProcess jar(String... args) throws IOException {
        Path jar = Path.of("target", "asyncoro-examples.jar");
        if (!java.nio.file.Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run the integration tests with 'verify'");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ChildProcess(command);
    }

    /** Runs {@code python3 script args...}. */
    public static ChildProcess python(Path script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", "-u", script.toString()));
        command.addAll(List.of(args));
        return new ChildProcess(command);
    }

    /** Whether {@code python3} can be started here. */
    public static boolean pythonAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import ssl, struct, socket").redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String classPath() {
        return location(Examples.class) + java.io.File.pathSeparator + location(AsynCoro.class);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Thread pump(InputStream stream, Lines into) {
        return Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    into.add(line);
                }
            }
            catch (IOException ex) {
                // the process ended
            }
        });
    }

    /** Types a line. */
    public void type(String line) {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Ends the standard input. */
    public void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    /** Waits for the process to end and returns its exit status. */
    public int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(Lines.WAIT.toSeconds() * 2, TimeUnit.SECONDS))
                .as("process ended; stdout %s, stderr %s", out, err).isTrue();
        for (Thread pump : pumps) {
            pump.join(TimeUnit.SECONDS.toMillis(5)); // the last lines
        }
        return process.exitValue();
    }

    /** Asserts the process ended with {@code status}. */
    public void assertExit(int status) throws InterruptedException {
        assertThat(awaitExit()).as("exit status; stdout %s, stderr %s", out, err).isEqualTo(status);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the process (SIGTERM, which runs the servers' shutdown hooks), then kills it if it lingers. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}

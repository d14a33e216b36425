package io.asyncoro.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server under test in its own JVM, pinned to the server CPUs when {@code taskset} is there. It is told what
 * to do on standard input ({@code heap}, {@code quit}); its CPU time and resident memory are read from /proc.
 */
final class ServerProcess implements AutoCloseable {

    private static final long CLOCK_TICKS = clockTicks();

    final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Map<String, String> fields;
    private final String readyLine;

    private ServerProcess(String name, Process process, String readyLine, Map<String, String> fields) {
        this.name = name;
        this.process = process;
        this.readyLine = readyLine;
        this.fields = fields;
    }

    static ServerProcess start(String name, String mainClass, List<String> args, List<String> pinning, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(pinning);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms64m", "-Xmx1g", "-XX:+UseSerialGC", "-XX:MarkSweepDeadRatio=0", "-XX:+EnableDynamicAgentLoading",
                "--enable-native-access=ALL-UNNAMED"));
        // BENCH_SERVER_OPTS: extra JVM options for diagnosis (a JFR recording, say); not for measured runs.
        String extra = System.getenv("BENCH_SERVER_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon(true).name("stdout-" + name).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    queue.add(line);
                }
            }
            catch (IOException ignored) {
                // the process ended
            }
        });
        String ready = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (ready == null) {
            String line = queue.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("READY ")) {
                ready = line;
            }
            else if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("server " + name + " did not start; see " + log);
            }
        }
        Map<String, String> fields = new java.util.HashMap<>();
        for (String part : ready.substring(6).split(" ")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2) {
                fields.put(kv[0], kv[1]);
            }
        }
        ServerProcess server = new ServerProcess(name, process, ready, fields);
        server.lines.addAll(queue);
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                while (true) {
                    server.lines.add(queue.take());
                }
            }
            catch (InterruptedException ignored) {
                // done
            }
        });
        return server;
    }

    int port(String kind) {
        String port = fields.get(kind);
        if (port == null || !port.matches("\\d+")) {
            throw new IllegalStateException(name + " has no " + kind + " listener: " + readyLine);
        }
        return Integer.parseInt(port);
    }

    /** Where {@code listener} is: a loopback port, or the path of the Unix domain socket. */
    SocketAddress address(Listener listener) {
        if (listener == Listener.UDS) {
            String path = fields.get(listener.key);
            if (path == null) {
                throw new IllegalStateException(name + " has no " + listener.key + " listener: " + readyLine);
            }
            return UnixDomainSocketAddress.of(path);
        }
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port(listener.key));
    }

    String readyLine() {
        return readyLine;
    }

    long pid() {
        return process.pid();
    }

    /** User plus system CPU time the process has used, in microseconds. */
    long cpuMicros() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1_000_000L / CLOCK_TICKS;
        }
        catch (IOException | RuntimeException ex) {
            return -1;
        }
    }

    /** Resident set size in bytes, or -1 where /proc is not there. */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        }
        catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return -1;
    }

    /** Asks the server to collect garbage and report its live heap. */
    long liveHeap() throws IOException, InterruptedException {
        String answer = command("heap", "HEAP ");
        return Long.parseLong(answer.substring(5).trim());
    }

    private String command(String command, String answerPrefix) throws IOException, InterruptedException {
        OutputStream in = process.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(answerPrefix)) {
                return line;
            }
            if (!process.isAlive()) {
                break;
            }
        }
        throw new IOException("server " + name + " did not answer '" + command + "'");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().write("quit\n".getBytes(StandardCharsets.US_ASCII));
            process.getOutputStream().flush();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        catch (IOException | InterruptedException ignored) {
            // forced below
        }
        process.destroyForcibly();
        String uds = fields.get(Listener.UDS.key);
        if (uds != null) {
            try {
                // The server halts without closing its listeners, so its socket file is left behind.
                Files.deleteIfExists(Path.of(uds));
            }
            catch (IOException ignored) {
                // a file left in the temp directory
            }
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            return Long.parseLong(out);
        }
        catch (IOException | InterruptedException | RuntimeException ex) {
            return 100;
        }
    }
}

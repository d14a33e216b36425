package io.asyncoro.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Runs one cell (a scenario against one implementation, in one round) and puts what it measured into a
 * {@link Sample}: the load and the measurement for each {@link Scenario.Kind}.
 */
final class Cells {

    /** Connections in the client pool of the {@code client-*} scenarios (issue 15: 100 callers on a pool of 8). */
    static final int CLIENT_POOL = 8;

    private final Options options;

    Cells(Options options) {
        this.options = options;
    }

    void run(Scenario scenario, String impl, ServerProcess server, Sample sample) throws Exception {
        switch (scenario.kind()) {
            case ECHO -> echo(scenario, impl, server, sample, false);
            case OPEN -> echo(scenario, impl, server, sample, true);
            case IDLE -> idle(scenario, server, sample);
            case TLS -> tls(server, sample);
            case CLIENT -> client(scenario, impl, server, sample);
        }
        saveRecording(scenario, impl, server);
    }

    /** The client for {@code listener}: TLS needs the blocking TLS client, everything else takes the selector one. */
    private static EchoLoad connect(ServerProcess server, Listener listener, int connections, int size)
            throws IOException {
        Payload payload = new Payload(size, listener.framing);
        return listener == Listener.TLS ? TlsLoadClient.connect(server.port(listener.key), connections, payload)
                : LoadClient.connect(server.address(listener), connections, payload);
    }

    private void echo(Scenario scenario, String impl, ServerProcess server, Sample sample, boolean open)
            throws IOException {
        CpuWindow cpu = new CpuWindow(server);
        try (EchoLoad client = connect(server, scenario.listenerFor(impl), scenario.connections(), scenario.size())) {
            long warm = options.warmup.toNanos();
            long measure = options.measure.toNanos();
            LoadClient.Outcome outcome = open ? client.openLoop(scenario.rate(), warm, measure, cpu)
                    : client.closedLoop(options.inFlight, warm, measure, cpu);
            sample.put(Sample.MSGS_PER_S, outcome.messagesPerSecond());
            sample.put(Sample.CPU_US_PER_MSG, (double) cpu.micros() / outcome.messages());
            putLatency(sample, outcome.latency());
        }
    }

    private void idle(Scenario scenario, ServerProcess server, Sample sample) throws Exception {
        // Warm the connect/echo/park path first, so connections park in compiled frames as in a server that has
        // been up a while (an interpreted parked stack is several times larger). TLS warms in 3 passes at most:
        // each connection is a full handshake, and the handshake path is warm long before 20,000 of them.
        int passes = options.quick ? 3 : Math.max(2, 20_000 / scenario.connections());
        if (scenario.listener() == Listener.TLS) {
            passes = Math.min(passes, 3);
        }
        for (int i = 0; i < passes; i++) {
            try (EchoLoad warm = connect(server, scenario.listener(), scenario.connections(), scenario.size())) {
                warm.echoOnce(TimeUnit.SECONDS.toNanos(60));
            }
        }
        // Let the JIT finish what the warm-up queued: a connection that parks in a frame entered before its
        // method was compiled keeps the (several times larger) interpreted frame. On a loaded machine the
        // compiler threads lag, so this waits longer than looks necessary.
        pause(3000);
        long heapBefore = server.liveHeap();
        long rssBefore = server.rssBytes();
        histogram(server, scenario, "before");
        try (EchoLoad client = connect(server, scenario.listener(), scenario.connections(), scenario.size())) {
            // One echo each, so every connection has been used, then all sit idle.
            client.echoOnce(TimeUnit.SECONDS.toNanos(60));
            pause(1000);
            long heapAfter = server.liveHeap();
            long rssAfter = server.rssBytes();
            histogram(server, scenario, "after");
            sample.put(Sample.HEAP_PER_CONN, (double) (heapAfter - heapBefore) / scenario.connections());
            if (rssBefore > 0 && rssAfter > 0) {
                sample.put(Sample.RSS_PER_CONN, (double) (rssAfter - rssBefore) / scenario.connections());
            }
        }
    }

    /**
     * With {@code BENCH_DIAGNOSTICS} set to a directory, writes the server's class histogram there (after the
     * collections {@code liveHeap} made), so a round's heap per connection can be broken down by class.
     */
    private static void histogram(ServerProcess server, Scenario scenario, String when) throws Exception {
        Path file = diagnosticFile(scenario.name() + "-" + server.pid() + "-" + when + ".txt");
        if (file != null) {
            jcmd(server, ProcessBuilder.Redirect.to(file.toFile()), "GC.class_histogram");
        }
    }

    /**
     * With {@code BENCH_DIAGNOSTICS} set, saves a flight recording the server was started with (through
     * {@code BENCH_SERVER_OPTS=-XX:StartFlightRecording...}) there, one file per cell.
     */
    private static void saveRecording(Scenario scenario, String impl, ServerProcess server) throws Exception {
        String opts = System.getenv("BENCH_SERVER_OPTS");
        Path file = diagnosticFile(scenario.name() + "-" + impl + "-" + server.pid() + ".jfr");
        if (file != null && opts != null && opts.contains("StartFlightRecording")) {
            jcmd(server, ProcessBuilder.Redirect.DISCARD, "JFR.dump", "filename=" + file);
        }
    }

    /** {@code name} in the {@code BENCH_DIAGNOSTICS} directory (made if missing), or {@code null} without one. */
    private static Path diagnosticFile(String name) throws IOException {
        String dir = System.getenv("BENCH_DIAGNOSTICS");
        if (dir == null) {
            return null;
        }
        Files.createDirectories(Path.of(dir));
        return Path.of(dir, name);
    }

    private static void jcmd(ServerProcess server, ProcessBuilder.Redirect output, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(server.pid())));
        line.addAll(List.of(command));
        new ProcessBuilder(line).redirectOutput(output).redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
    }

    private void tls(ServerProcess server, Sample sample) throws Exception {
        CpuWindow cpu = new CpuWindow(server);
        HandshakeClient client = new HandshakeClient(server.port(Listener.TLS.key));
        LoadClient.Outcome outcome = client.run(options.tlsThreads, options.warmup.toNanos(), options.measure.toNanos(), cpu);
        double perHandshake = (double) cpu.micros() / outcome.messages();
        sample.put(Sample.MSGS_PER_S, outcome.messagesPerSecond());
        sample.put(Sample.CPU_US_PER_MSG, perHandshake);
        sample.put(Sample.HANDSHAKES_PER_CORE_S, 1e6 / perHandshake);
    }

    /**
     * Request round trips through a client's pool against the server's framed echo: {@code connections} callers
     * on a pool of {@link #CLIENT_POOL}. The client runs in this JVM, so its CPU is this process's: what the
     * client side costs per request (the server is the same for both clients).
     */
    private void client(Scenario scenario, String impl, ServerProcess server, Sample sample) throws Exception {
        InetSocketAddress address = (InetSocketAddress) server.address(Listener.MSG);
        try (ClientPoolProbe.Client client = ClientPoolProbe.open(impl, address, CLIENT_POOL)) {
            ClientPoolProbe.measure(client, scenario.connections(), options.warmup.toSeconds(), scenario.size());
            long cpuBefore = processCpuNanos();
            ClientPoolProbe.Result result = ClientPoolProbe.measure(client, scenario.connections(),
                    options.measure.toSeconds(), scenario.size());
            long cpu = processCpuNanos() - cpuBefore;
            if (result.failed() > 0) {
                throw new IOException(result.failed() + " requests failed");
            }
            sample.put(Sample.MSGS_PER_S, result.perSecond());
            sample.put(Sample.CLIENT_CPU_US_PER_MSG, cpu / 1000.0 / result.completed());
            putLatency(sample, result.latency());
        }
    }

    private static void putLatency(Sample sample, Histogram h) {
        sample.put(Sample.P50_US, h.getValueAtPercentile(50) / 1000.0);
        sample.put(Sample.P99_US, h.getValueAtPercentile(99) / 1000.0);
        sample.put(Sample.P999_US, h.getValueAtPercentile(99.9) / 1000.0);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}

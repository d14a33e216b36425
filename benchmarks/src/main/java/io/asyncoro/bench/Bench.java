package io.asyncoro.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The benchmark runner ({@code benchmarks/run} starts it): starts each implementation in its own JVM, drives
 * every scenario against each of them in interleaved rounds, and writes the report.
 *
 * <pre>
 * Bench [--quick] [--rounds N] [--warmup S] [--measure S] [--scenarios a,b] [--impls x,y] [--label L]
 *       [--server-cpus LIST]
 * </pre>
 */
public final class Bench {

    static final String LIBRARY = "library";
    static final String LIBRARY_SPRING = "library-spring";
    static final String VT_RAW = "vt-raw";
    static final String PLATFORM_RAW = "platform-raw";
    static final String NETTY = "netty";
    static final String METRICS_ON = "metrics-on";
    static final String METRICS_OFF = "metrics-off";

    private static final String SPRING_MAIN = "io.asyncoro.bench.spring.SpringEchoApplication";

    private final Options options;
    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    private Bench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        new Bench(options).run();
    }

    private void run() throws Exception {
        boolean spring = springAvailable();
        List<Scenario> scenarios = scenarios(options.quick, spring);
        if (!options.scenarios.isEmpty()) {
            scenarios.removeIf(s -> !options.scenarios.contains(s.name()));
        }
        Set<String> processes = new LinkedHashSet<>();
        for (Scenario s : scenarios) {
            for (String impl : s.impls()) {
                if (options.impls.isEmpty() || options.impls.contains(impl)) {
                    processes.add(processFor(impl));
                }
            }
        }
        if (!spring) {
            notes.put("library-spring", "not measured: the starter's annotated handlers were not on the class path");
        }
        long started = System.nanoTime();
        log("scenarios: " + scenarios.stream().map(Scenario::name).toList() + "; servers: " + processes + "; rounds "
                + options.rounds + ", warm-up " + options.warmup + ", measured " + options.measure
                + (options.serverCpus.isEmpty() ? ", no CPU pinning" : ", server on CPU " + options.serverCpus));
        notes.put("load average at start", loadAverage());
        for (int round = 1; round <= options.rounds; round++) {
            Map<String, ServerProcess> servers = startServers(rotate(new ArrayList<>(processes), round), round);
            try {
                for (Scenario scenario : scenarios) {
                    List<String> impls = new ArrayList<>(scenario.impls());
                    impls.removeIf(i -> !options.impls.isEmpty() && !options.impls.contains(i));
                    for (String impl : rotate(impls, round)) {
                        ServerProcess server = servers.get(processFor(impl));
                        if (server == null || !server.isAlive()) {
                            log("skip " + scenario.name() + " " + impl + ": server not running");
                            continue;
                        }
                        runCell(scenario, impl, server, round);
                    }
                }
            }
            finally {
                servers.values().forEach(ServerProcess::close);
            }
            // Written after every round, so a run cut short still leaves the rounds it finished.
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            notes.put("rounds completed", round + " of " + options.rounds);
            notes.put("load average after round " + round, loadAverage());
            notes.remove("run time");
            notes.put("run time", took.toMinutesPart() + " min " + took.toSecondsPart() + " s");
            new Report(samples, scenarios, options, notes, machine()).write(options.resultsDir, options.label,
                    round == options.rounds);
        }
    }

    private void runCell(Scenario scenario, String impl, ServerProcess server, int round) {
        Sample sample = new Sample(scenario.name(), impl, round);
        try {
            switch (scenario.kind()) {
                case ECHO -> echo(scenario, server, sample, false);
                case OPEN -> echo(scenario, server, sample, true);
                case IDLE -> idle(scenario, server, sample);
                case TLS -> tls(server, sample);
            }
            samples.add(sample);
            log(String.format("round %d %-18s %-14s %s", round, scenario.name(), impl, sample.values()));
        }
        catch (Exception ex) {
            log("FAILED round " + round + " " + scenario.name() + " " + impl + ": " + ex);
            notes.merge(scenario.name() + " " + impl, "failed in round " + round + ": " + ex, (a, b) -> a + "; " + b);
        }
        pause(200);
    }

    private void echo(Scenario scenario, ServerProcess server, Sample sample, boolean open) throws IOException {
        Payload payload = new Payload(scenario.size(), scenario.framed());
        CpuWindow cpu = new CpuWindow(server);
        try (LoadClient client = LoadClient.connect(server.port(scenario.framed() ? "msg" : "raw"),
                scenario.connections(), payload)) {
            long warm = options.warmup.toNanos();
            long measure = options.measure.toNanos();
            LoadClient.Outcome outcome = open ? client.openLoop(scenario.rate(), warm, measure, cpu)
                    : client.closedLoop(options.inFlight, warm, measure, cpu);
            sample.put(Sample.MSGS_PER_S, outcome.messagesPerSecond());
            sample.put(Sample.CPU_US_PER_MSG, (double) cpu.micros() / outcome.messages());
            Histogram h = outcome.latency();
            sample.put(Sample.P50_US, h.getValueAtPercentile(50) / 1000.0);
            sample.put(Sample.P99_US, h.getValueAtPercentile(99) / 1000.0);
            sample.put(Sample.P999_US, h.getValueAtPercentile(99.9) / 1000.0);
        }
    }

    private void idle(Scenario scenario, ServerProcess server, Sample sample) throws Exception {
        // Warm the connect/echo/park path first, so connections park in compiled frames as in a server that has
        // been up a while (an interpreted parked stack is several times larger).
        int passes = options.quick ? 3 : Math.max(2, 20_000 / scenario.connections());
        for (int i = 0; i < passes; i++) {
            try (LoadClient warm = LoadClient.connect(server.port("msg"), scenario.connections(),
                    new Payload(scenario.size(), true))) {
                warm.echoOnce(TimeUnit.SECONDS.toNanos(60));
            }
        }
        // Let the JIT finish what the warm-up queued: a connection that parks in a frame entered before its
        // method was compiled keeps the (several times larger) interpreted frame. On a loaded machine the
        // compiler threads lag, so this waits longer than looks necessary.
        pause(3000);
        long heapBefore = server.liveHeap();
        long rssBefore = server.rssBytes();
        try (LoadClient client = LoadClient.connect(server.port("msg"), scenario.connections(),
                new Payload(scenario.size(), true))) {
            // One echo each, so every connection has been used, then all sit idle.
            client.echoOnce(TimeUnit.SECONDS.toNanos(60));
            pause(1000);
            long heapAfter = server.liveHeap();
            long rssAfter = server.rssBytes();
            sample.put(Sample.HEAP_PER_CONN, (double) (heapAfter - heapBefore) / scenario.connections());
            if (rssBefore > 0 && rssAfter > 0) {
                sample.put(Sample.RSS_PER_CONN, (double) (rssAfter - rssBefore) / scenario.connections());
            }
        }
    }

    private void tls(ServerProcess server, Sample sample) throws Exception {
        CpuWindow cpu = new CpuWindow(server);
        HandshakeClient client = new HandshakeClient(server.port("tls"));
        LoadClient.Outcome outcome = client.run(options.tlsThreads, options.warmup.toNanos(), options.measure.toNanos(), cpu);
        double perHandshake = (double) cpu.micros() / outcome.messages();
        sample.put(Sample.MSGS_PER_S, outcome.messagesPerSecond());
        sample.put(Sample.CPU_US_PER_MSG, perHandshake);
        sample.put(Sample.HANDSHAKES_PER_CORE_S, 1e6 / perHandshake);
    }

    private Map<String, ServerProcess> startServers(List<String> names, int round) throws Exception {
        Map<String, ServerProcess> servers = new LinkedHashMap<>();
        for (String name : names) {
            Path log = options.workDir.resolve("server-" + name + "-round" + round + ".log");
            try {
                ServerProcess p = switch (name) {
                    case LIBRARY_SPRING -> ServerProcess.start(name, SPRING_MAIN, List.of("--metrics=off"), options.pinning(), log);
                    case METRICS_ON -> ServerProcess.start(name, SPRING_MAIN, List.of("--metrics=on"), options.pinning(), log);
                    default -> ServerProcess.start(name, ServerMain.class.getName(), List.of(name), options.pinning(), log);
                };
                servers.put(name, p);
                notes.putIfAbsent("server " + name, p.readyLine());
            }
            catch (IOException ex) {
                log("server " + name + " failed to start: " + ex.getMessage());
                notes.put("server " + name, "failed to start: " + ex.getMessage());
            }
        }
        pause(1000);
        return servers;
    }

    /** The process that serves an implementation: metrics-off is the library-spring server itself. */
    private static String processFor(String impl) {
        return METRICS_OFF.equals(impl) ? LIBRARY_SPRING : impl;
    }

    static List<Scenario> scenarios(boolean quick, boolean spring) {
        List<String> all = new ArrayList<>(List.of(LIBRARY, VT_RAW, PLATFORM_RAW, NETTY));
        List<String> withSpring = new ArrayList<>(List.of(LIBRARY, VT_RAW, PLATFORM_RAW, NETTY));
        if (spring) {
            withSpring.add(1, LIBRARY_SPRING);
        }
        List<String> manyConnections = List.of(LIBRARY, VT_RAW, NETTY);
        List<Scenario> list = new ArrayList<>();
        list.add(new Scenario(quick ? "idle-2k" : "idle-10k", Scenario.Kind.IDLE, true, quick ? 2_000 : 10_000, 64, 0,
                withSpring));
        list.add(Scenario.echo(true, 100, 64, withSpring));
        if (spring) {
            list.add(new Scenario("metrics-100x64", Scenario.Kind.ECHO, true, 100, 64, 0, List.of(METRICS_ON, METRICS_OFF)));
        }
        if (quick) {
            return list;
        }
        list.add(Scenario.echo(true, 100, 4096, all));
        list.add(Scenario.echo(true, 10_000, 64, manyConnections));
        list.add(Scenario.echo(true, 10_000, 4096, manyConnections));
        list.add(Scenario.echo(false, 100, 64, all));
        list.add(Scenario.echo(false, 100, 4096, all));
        list.add(Scenario.echo(false, 10_000, 64, manyConnections));
        list.add(Scenario.echo(false, 10_000, 4096, manyConnections));
        list.add(new Scenario("open-50k-100x64", Scenario.Kind.OPEN, true, 100, 64, 50_000, all));
        list.add(new Scenario("tls-handshake", Scenario.Kind.TLS, true, 0, 64, 0, all));
        return list;
    }

    private static boolean springAvailable() {
        try {
            Class.forName(SPRING_MAIN, false, Bench.class.getClassLoader());
            return true;
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    private static <T> List<T> rotate(List<T> list, int round) {
        if (!list.isEmpty()) {
            java.util.Collections.rotate(list, -((round - 1) % list.size()));
        }
        return list;
    }

    /** The 1, 5 and 15 minute load averages: how much else ran on the machine (the server's CPU is shared). */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2] + " (on " + Runtime.getRuntime().availableProcessors()
                    + " CPU(s) visible to the client)";
        }
        catch (IOException | RuntimeException ex) {
            return "unknown";
        }
    }

    static String machine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (IOException ex) {
            host = "unknown";
        }
        return host.replaceAll("[^A-Za-z0-9.-]", "_");
    }

    static void log(String line) {
        System.out.println(DateTimeFormatter.ofPattern("HH:mm:ss").format(ZonedDateTime.now(ZoneOffset.UTC)) + " " + line);
        System.out.flush();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Samples the server's CPU time as the client opens and closes the measured window. */
    private static final class CpuWindow implements LoadClient.Window {
        private final ServerProcess server;
        private long start;
        private long end;

        CpuWindow(ServerProcess server) {
            this.server = server;
        }

        @Override
        public void opened() {
            start = server.cpuMicros();
        }

        @Override
        public void closed() {
            end = server.cpuMicros();
        }

        long micros() {
            return end - start;
        }
    }

    /** Command-line options. */
    static final class Options {
        boolean quick;
        int rounds = 3;
        Duration warmup = Duration.ofSeconds(5);
        Duration measure = Duration.ofSeconds(10);
        int inFlight = 1;
        int tlsThreads = 4;
        Set<String> scenarios = new LinkedHashSet<>();
        Set<String> impls = new LinkedHashSet<>();
        String label;
        String serverCpus = "";
        Path resultsDir = Path.of("benchmarks", "results");
        Path workDir = Path.of("benchmarks", "work");

        static Options parse(String[] args) {
            Options o = new Options();
            boolean warmSet = false;
            boolean measureSet = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> o.quick = true;
                    case "--rounds" -> o.rounds = Integer.parseInt(args[++i]);
                    case "--warmup" -> {
                        o.warmup = Duration.ofSeconds(Long.parseLong(args[++i]));
                        warmSet = true;
                    }
                    case "--measure" -> {
                        o.measure = Duration.ofSeconds(Long.parseLong(args[++i]));
                        measureSet = true;
                    }
                    case "--in-flight" -> o.inFlight = Integer.parseInt(args[++i]);
                    case "--scenarios" -> o.scenarios.addAll(Arrays.asList(args[++i].split(",")));
                    case "--impls" -> o.impls.addAll(Arrays.asList(args[++i].split(",")));
                    case "--label" -> o.label = args[++i];
                    case "--server-cpus" -> o.serverCpus = args[++i];
                    case "--results" -> o.resultsDir = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (o.quick) {
                if (!warmSet) {
                    o.warmup = Duration.ofSeconds(2);
                }
                if (!measureSet) {
                    o.measure = Duration.ofSeconds(4);
                }
            }
            if (o.label == null) {
                o.label = o.quick ? "quick" : "full";
            }
            return o;
        }

        List<String> pinning() {
            if (serverCpus.isEmpty() || !Files.isExecutable(Path.of("/usr/bin/taskset")) && !Files.isExecutable(Path.of("/bin/taskset"))) {
                return List.of();
            }
            return List.of("taskset", "-c", serverCpus);
        }
    }
}

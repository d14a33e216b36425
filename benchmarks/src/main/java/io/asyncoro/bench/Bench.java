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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    /** Netty with TLS from OpenSSL (netty-tcnative's BoringSSL) instead of the JDK. */
    static final String NETTY_OPENSSL = "netty-openssl";
    /** The library with TLS from OpenSSL: netty-tcnative's engines behind a JDK SSLContext. */
    static final String LIBRARY_OPENSSL = "library-openssl";
    /** The library server with its pollers on platform threads ({@code -Dasyncoro.poller=platform}). */
    static final String LIBRARY_PLATFORM = "library-platform";
    /** The library server with its pollers on virtual threads ({@code -Dasyncoro.poller=virtual}). */
    static final String LIBRARY_VIRTUAL = "library-virtual";
    /** Virtual pollers that look 16 times without blocking before they block ({@code -Dasyncoro.poller.spins=16}). */
    static final String LIBRARY_SPIN = "library-spin";
    /** The {@code library} server driven over its Unix domain socket (see {@link Scenario#listenerFor}). */
    static final String LIBRARY_UDS = LIBRARY + Scenario.UDS_SUFFIX;
    /** The starter's {@code AsyncoroClientTemplate} as the client ({@code client-*} scenarios). */
    static final String CLIENT_ASYNCORO = "client-asyncoro";
    /** Netty's {@code FixedChannelPool} as the client ({@code client-*} scenarios). */
    static final String CLIENT_NETTY = "client-netty";

    private static final String SPRING_MAIN = "io.asyncoro.bench.spring.SpringEchoApplication";

    private final Options options;
    private final Cells cells;
    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    private Bench(Options options) {
        this.options = options;
        this.cells = new Cells(options);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        new Bench(options).run();
    }

    private void run() throws Exception {
        boolean spring = springAvailable();
        boolean openSsl = Scenarios.openSslAvailable();
        List<Scenario> scenarios = Scenarios.of(options.quick, spring, openSsl);
        if (!options.scenarios.isEmpty()) {
            scenarios.removeIf(s -> !options.scenarios.contains(s.name()));
        }
        Set<String> processes = new LinkedHashSet<>();
        for (Scenario s : scenarios) {
            for (String impl : s.impls()) {
                if (wanted(impl)) {
                    processes.add(processFor(impl));
                }
            }
        }
        if (!spring) {
            notes.put("library-spring", "not measured: the starter's annotated handlers were not on the class path");
        }
        if (!openSsl) {
            notes.put(NETTY_OPENSSL + ", " + LIBRARY_OPENSSL, "not measured: netty-tcnative's OpenSSL did not load here");
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
                    impls.removeIf(i -> !wanted(i));
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
            cells.run(scenario, impl, server, sample);
            samples.add(sample);
            log(String.format("round %d %-18s %-14s %s", round, scenario.name(), impl, sample.values()));
        }
        catch (Exception ex) {
            log("FAILED round " + round + " " + scenario.name() + " " + impl + ": " + ex);
            notes.merge(scenario.name() + " " + impl, "failed in round " + round + ": " + ex, (a, b) -> a + "; " + b);
        }
        Cells.pause(200);
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
        Cells.pause(1000);
        return servers;
    }

    /**
     * Whether this run measures {@code impl}: those named by {@code --impls}, or without it every one but the
     * poller kinds, which compare one setting of the library and are asked for by name.
     */
    private boolean wanted(String impl) {
        if (options.impls.isEmpty()) {
            return !LIBRARY_PLATFORM.equals(impl) && !LIBRARY_VIRTUAL.equals(impl) && !LIBRARY_SPIN.equals(impl);
        }
        return options.impls.contains(impl);
    }

    /**
     * The process that serves an implementation: metrics-off is the library-spring server itself, library-uds
     * the library server, and the two clients both talk to the netty server (one server for both, so only the
     * client differs).
     */
    private static String processFor(String impl) {
        return switch (impl) {
            case METRICS_OFF -> LIBRARY_SPRING;
            case LIBRARY_UDS -> LIBRARY;
            case CLIENT_ASYNCORO, CLIENT_NETTY -> NETTY;
            default -> impl;
        };
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
}

package io.asyncoro.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The runner's command-line options.
 *
 * <pre>
 * [--quick] [--rounds N] [--warmup S] [--measure S] [--scenarios a,b] [--impls x,y] [--label L] [--in-flight K]
 * [--server-cpus LIST] [--results DIR]
 * </pre>
 */
final class Options {
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

package io.asyncoro.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the samples into the report: a Markdown table per scenario (median, with min and max over the rounds),
 * the ratios the targets are stated in, an SVG chart of those ratios, and the machine-readable {@code RESULT} and
 * {@code RATIO} lines at the end.
 */
final class Report {

    /** The metrics shown, in order, with their column titles. */
    private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put(Sample.MSGS_PER_S, "msgs/s");
        COLUMNS.put(Sample.CPU_US_PER_MSG, "server CPU µs/msg");
        COLUMNS.put(Sample.CLIENT_CPU_US_PER_MSG, "client CPU µs/req");
        COLUMNS.put(Sample.P50_US, "p50 µs");
        COLUMNS.put(Sample.P99_US, "p99 µs");
        COLUMNS.put(Sample.P999_US, "p99.9 µs");
        COLUMNS.put(Sample.HEAP_PER_CONN, "heap B/conn");
        COLUMNS.put(Sample.RSS_PER_CONN, "RSS B/conn");
        COLUMNS.put(Sample.HANDSHAKES_PER_CORE_S, "handshakes/s per core");
    }

    /** A ratio the targets name: {@code a/b} on one metric of one scenario. */
    record Ratio(String scenario, String metric, String a, String b, double value) {
        String label() {
            return scenario + (metric.equals(primaryMetric(scenario)) ? "" : ":" + metric) + " " + a + "/" + b;
        }
    }

    private final List<Sample> samples;
    private final List<Scenario> scenarios;
    private final Options options;
    private final Map<String, String> notes;
    private final String machine;

    Report(List<Sample> samples, List<Scenario> scenarios, Options options, Map<String, String> notes, String machine) {
        this.samples = samples;
        this.scenarios = scenarios;
        this.options = options;
        this.notes = notes;
        this.machine = machine;
    }

    /** Which metric a scenario's headline ratio compares. */
    static String primaryMetric(String scenario) {
        if (scenario.startsWith("idle")) {
            return Sample.HEAP_PER_CONN;
        }
        if (scenario.startsWith("open")) {
            return Sample.P99_US;
        }
        if (scenario.startsWith("tls")) {
            return Sample.HANDSHAKES_PER_CORE_S;
        }
        return Sample.MSGS_PER_S;
    }

    void write(Path dir, String label, boolean last) throws IOException {
        Files.createDirectories(dir);
        String base = LocalDate.now(ZoneOffset.UTC) + "-" + machine + "-" + label;
        List<Ratio> ratios = ratios();
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark run ").append(base).append("\n\n");
        md.append("- machine: ").append(machine).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPU(s) visible to the client, JDK ").append(System.getProperty("java.version")).append("\n");
        md.append("- rounds: ").append(options.rounds).append(", warm-up ").append(options.warmup.toSeconds())
                .append(" s, measured ").append(options.measure.toSeconds()).append(" s per cell, ")
                .append(options.inFlight).append(" message(s) in flight per connection (closed loop)\n");
        md.append("- pinning: ").append(options.pinning().isEmpty() ? "none" : "server on CPU " + options.serverCpus
                + ", client on the others").append("\n");
        for (Map.Entry<String, String> note : notes.entrySet()) {
            md.append("- ").append(note.getKey()).append(": ").append(note.getValue()).append("\n");
        }
        md.append("\nEach cell: median over the rounds, with (min–max).\n");
        for (Scenario scenario : scenarios) {
            List<String> metrics = metricsOf(scenario.name());
            if (metrics.isEmpty()) {
                continue;
            }
            md.append("\n## ").append(scenario.name()).append("\n\n| impl |");
            metrics.forEach(m -> md.append(' ').append(COLUMNS.get(m)).append(" |"));
            md.append("\n|---|");
            metrics.forEach(m -> md.append("---:|"));
            md.append('\n');
            for (String impl : scenario.impls()) {
                List<Sample> cell = cell(scenario.name(), impl);
                if (cell.isEmpty()) {
                    continue;
                }
                md.append("| ").append(impl).append(" |");
                for (String m : metrics) {
                    double[] v = values(cell, m);
                    md.append(' ').append(v.length == 0 ? "" : fmt(median(v)) + " (" + fmt(min(v)) + "–" + fmt(max(v)) + ")")
                            .append(" |");
                }
                md.append('\n');
            }
        }
        md.append("\n## Ratios\n\n| ratio | value |\n|---|---:|\n");
        for (Ratio r : ratios) {
            md.append("| ").append(r.label()).append(" (").append(COLUMNS.get(r.metric())).append(") | ")
                    .append(String.format(Locale.ROOT, "%.3f", r.value())).append(" |\n");
        }
        md.append("\n![ratios](").append(base).append(".svg)\n");
        md.append("\n## Machine-readable\n\n");
        StringBuilder tail = new StringBuilder();
        for (Scenario scenario : scenarios) {
            for (String impl : scenario.impls()) {
                List<Sample> cell = cell(scenario.name(), impl);
                if (cell.isEmpty()) {
                    continue;
                }
                tail.append("RESULT ").append(scenario.name()).append(' ').append(impl);
                for (String m : COLUMNS.keySet()) {
                    double[] v = values(cell, m);
                    if (v.length > 0) {
                        tail.append(' ').append(m).append('=').append(plain(median(v)));
                    }
                }
                tail.append('\n');
            }
        }
        for (Ratio r : ratios) {
            tail.append("RATIO ").append(r.label()).append(' ').append(String.format(Locale.ROOT, "%.3f", r.value()))
                    .append('\n');
        }
        md.append(tail);
        Files.writeString(dir.resolve(base + ".md"), md);
        Files.writeString(dir.resolve(base + ".svg"), new RatioChart(ratios, base).svg());
        if (last) {
            System.out.println();
            System.out.print(tail);
        }
        Bench.log("wrote " + dir.resolve(base + ".md") + " and " + base + ".svg");
    }

    /** The pairs compared, library side first; a pair whose cells a scenario lacks gives no ratio. */
    private static final List<String[]> PAIRS = List.of(
            new String[] { Bench.LIBRARY, Bench.VT_RAW },
            new String[] { Bench.LIBRARY, Bench.NETTY },
            new String[] { Bench.LIBRARY_PLATFORM, Bench.NETTY },
            new String[] { Bench.LIBRARY_VIRTUAL, Bench.NETTY },
            new String[] { Bench.LIBRARY_SPIN, Bench.NETTY },
            new String[] { Bench.LIBRARY, Bench.NETTY_OPENSSL },
            new String[] { Bench.NETTY_OPENSSL, Bench.NETTY },
            new String[] { Bench.LIBRARY_OPENSSL, Bench.NETTY_OPENSSL },
            new String[] { Bench.LIBRARY_OPENSSL, Bench.LIBRARY },
            new String[] { Bench.LIBRARY_SPRING, Bench.LIBRARY },
            new String[] { Bench.METRICS_ON, Bench.METRICS_OFF },
            new String[] { Bench.LIBRARY_UDS, Bench.LIBRARY },
            new String[] { Bench.CLIENT_ASYNCORO, Bench.CLIENT_NETTY });

    private List<Ratio> ratios() {
        List<Ratio> list = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            String s = scenario.name();
            String primary = primaryMetric(s);
            for (String[] pair : PAIRS) {
                addRatio(list, s, primary, pair[0], pair[1]);
            }
            if (primary.equals(Sample.MSGS_PER_S) || s.startsWith("open")) {
                for (String[] pair : PAIRS) {
                    addRatio(list, s, Sample.CPU_US_PER_MSG, pair[0], pair[1]);
                    addRatio(list, s, Sample.CLIENT_CPU_US_PER_MSG, pair[0], pair[1]);
                }
            }
            if (s.startsWith("client")) {
                addRatio(list, s, Sample.P99_US, Bench.CLIENT_ASYNCORO, Bench.CLIENT_NETTY);
            }
        }
        return list;
    }

    private void addRatio(List<Ratio> list, String scenario, String metric, String a, String b) {
        double[] va = values(cell(scenario, a), metric);
        double[] vb = values(cell(scenario, b), metric);
        if (va.length > 0 && vb.length > 0 && median(vb) != 0) {
            list.add(new Ratio(scenario, metric, a, b, median(va) / median(vb)));
        }
    }

    private List<String> metricsOf(String scenario) {
        List<String> metrics = new ArrayList<>();
        for (String m : COLUMNS.keySet()) {
            if (samples.stream().anyMatch(s -> s.scenario().equals(scenario) && s.values().containsKey(m))) {
                metrics.add(m);
            }
        }
        return metrics;
    }

    private List<Sample> cell(String scenario, String impl) {
        return samples.stream().filter(s -> s.scenario().equals(scenario) && s.impl().equals(impl)).toList();
    }

    private static double[] values(List<Sample> cell, String metric) {
        return cell.stream().filter(s -> s.values().containsKey(metric)).mapToDouble(s -> s.values().get(metric)).sorted()
                .toArray();
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] sorted) {
        return sorted[0];
    }

    private static double max(double[] sorted) {
        return sorted[sorted.length - 1];
    }

    static String fmt(double v) {
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String plain(double v) {
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}

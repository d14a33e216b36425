package io.asyncoro.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one cell (scenario, implementation, round) measured, by metric name. */
record Sample(String scenario, String impl, int round, Map<String, Double> values) {

    static final String MSGS_PER_S = "msgs_per_s";
    static final String CPU_US_PER_MSG = "cpu_us_per_msg";
    /** The client's CPU per request ({@code client-*} scenarios, where the client is what is compared). */
    static final String CLIENT_CPU_US_PER_MSG = "client_cpu_us_per_msg";
    static final String P50_US = "p50_us";
    static final String P99_US = "p99_us";
    static final String P999_US = "p999_us";
    static final String HEAP_PER_CONN = "heap_bytes_per_conn";
    static final String RSS_PER_CONN = "rss_bytes_per_conn";
    static final String HANDSHAKES_PER_CORE_S = "handshakes_per_core_s";

    Sample(String scenario, String impl, int round) {
        this(scenario, impl, round, new LinkedHashMap<>());
    }

    Sample put(String metric, double value) {
        if (!Double.isNaN(value) && !Double.isInfinite(value)) {
            values.put(metric, value);
        }
        return this;
    }
}

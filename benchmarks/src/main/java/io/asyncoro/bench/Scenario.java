package io.asyncoro.bench;

import java.util.List;

/**
 * One workload: what the client does, against which implementations.
 *
 * @param name the scenario's name in reports ({@code echo-msg-100x64}, {@code idle-10k}, ...)
 * @param kind what is measured
 * @param framed asyncoro frames ({@code true}) or raw bytes
 * @param connections how many connections the client opens
 * @param size payload bytes per message
 * @param rate messages per second in all (open loop only)
 * @param impls the implementations compared
 */
record Scenario(String name, Kind kind, boolean framed, int connections, int size, double rate, List<String> impls) {

    enum Kind {
        /** Closed-loop echo: throughput and CPU per message. */
        ECHO,
        /** Open-loop echo at a fixed rate: latency percentiles. */
        OPEN,
        /** Idle connections after one echo each: live heap and RSS per connection. */
        IDLE,
        /** TLS 1.3 full handshakes: per second of server CPU. */
        TLS
    }

    static Scenario echo(boolean framed, int connections, int size, List<String> impls) {
        String name = "echo-" + (framed ? "msg" : "raw") + "-" + count(connections) + "x" + bytes(size);
        return new Scenario(name, Kind.ECHO, framed, connections, size, 0, impls);
    }

    static String count(int n) {
        return n % 1000 == 0 ? (n / 1000) + "k" : Integer.toString(n);
    }

    static String bytes(int n) {
        return n % 1024 == 0 ? (n / 1024) + "k" : Integer.toString(n);
    }
}

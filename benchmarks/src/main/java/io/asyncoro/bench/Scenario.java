package io.asyncoro.bench;

import java.util.List;

/**
 * One workload: what the client does, against which implementations.
 *
 * @param name the scenario's name in reports ({@code echo-msg-100x64}, {@code idle-10k}, ...)
 * @param kind what is measured
 * @param listener which of the server's listeners the client uses (and so its framing and transport)
 * @param connections how many connections the client opens
 * @param size payload bytes per message
 * @param rate messages per second in all (open loop only)
 * @param impls the implementations compared
 */
record Scenario(String name, Kind kind, Listener listener, int connections, int size, double rate, List<String> impls) {

    /** The suffix of an implementation that runs the same server over its Unix domain socket listener. */
    static final String UDS_SUFFIX = "-uds";

    enum Kind {
        /** Closed-loop echo: throughput and CPU per message. */
        ECHO,
        /** Open-loop echo at a fixed rate: latency percentiles. */
        OPEN,
        /** Idle connections after one echo each: live heap and RSS per connection. */
        IDLE,
        /** TLS 1.3 full handshakes: per second of server CPU. */
        TLS,
        /** Request round trips through a client's connection pool: requests per second and latency. */
        CLIENT
    }

    static Scenario echo(boolean framed, int connections, int size, List<String> impls) {
        String name = "echo-" + (framed ? "msg" : "raw") + "-" + count(connections) + "x" + bytes(size);
        return new Scenario(name, Kind.ECHO, framed ? Listener.MSG : Listener.RAW, connections, size, 0, impls);
    }

    /** A closed-loop echo named {@code <prefix>-<connections>x<size>} on another listener. */
    static Scenario echo(String prefix, Listener listener, int connections, int size, List<String> impls) {
        return new Scenario(prefix + "-" + count(connections) + "x" + bytes(size), Kind.ECHO, listener, connections,
                size, 0, impls);
    }

    /**
     * The listener {@code impl} is driven through: an implementation named with {@link #UDS_SUFFIX} is its
     * server's Unix domain socket, so the same server's TCP and UDS paths sit side by side in one scenario.
     */
    Listener listenerFor(String impl) {
        return impl.endsWith(UDS_SUFFIX) ? Listener.UDS : listener;
    }

    static String count(int n) {
        return n % 1000 == 0 ? (n / 1000) + "k" : Integer.toString(n);
    }

    static String bytes(int n) {
        return n % 1024 == 0 ? (n / 1024) + "k" : Integer.toString(n);
    }
}

package io.asyncoro.spring.boot.autoconfigure.metrics;

/**
 * Names and tag keys of the meters of asyncoro clients. Every one carries {@link #TAG_CLIENT}; no meter is
 * tagged with an address.
 */
public final class AsyncoroClientMeterNames {

    /** Pooled connections open now, idle or in use (gauge). */
    public static final String CONNECTIONS = "asyncoro.client.connections";

    /** Connections opened, reconnections included (counter). */
    public static final String CONNECTS = "asyncoro.client.connects";

    /** Failed attempts to connect to one address: refused, timed out, TLS refused (counter). */
    public static final String CONNECT_FAILURES = "asyncoro.client.connect.failures";

    /**
     * Requests and their latency, waiting for a connection included (timer, tag {@code outcome}: success or
     * failure). No percentiles unless a {@code MeterFilter} asks for them.
     */
    public static final String REQUESTS = "asyncoro.client.requests";

    /** Bytes read, frame headers included, TLS records excluded (counter, base unit bytes). */
    public static final String BYTES_RECEIVED = "asyncoro.client.bytes.received";

    /** Bytes written, frame headers included, TLS records excluded (counter, base unit bytes). */
    public static final String BYTES_SENT = "asyncoro.client.bytes.sent";

    /** The client's name, the key under {@code asyncoro.clients}. */
    public static final String TAG_CLIENT = "client";

    private AsyncoroClientMeterNames() {
    }
}

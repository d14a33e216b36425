package io.asyncoro.spring.boot.autoconfigure.metrics;

/**
 * Names and tag keys of the meters asyncoro publishes. Every server meter carries {@link #TAG_SERVER}; a few
 * carry one more bounded tag ({@link #TAG_REASON}, {@link #TAG_KIND} or {@link #TAG_OUTCOME}). No meter is
 * tagged with a remote address or anything else unbounded.
 */
public final class AsyncoroMeterNames {

    /** Connections open now (gauge). */
    public static final String CONNECTIONS_ACTIVE = "asyncoro.server.connections.active";

    /** Connections admitted under the limit, counted before any TLS handshake (counter). */
    public static final String CONNECTIONS_ACCEPTED = "asyncoro.server.connections.accepted";

    /** Connections refused or dropped by the server (counter, tag {@code reason}). */
    public static final String CONNECTIONS_REJECTED = "asyncoro.server.connections.rejected";

    /** How long served connections stayed open (timer). */
    public static final String CONNECTION_DURATION = "asyncoro.server.connection.duration";

    /** Bytes read, frame headers included, TLS records excluded (counter, base unit bytes). */
    public static final String BYTES_RECEIVED = "asyncoro.server.bytes.received";

    /** Bytes written, frame headers included, TLS records excluded (counter, base unit bytes). */
    public static final String BYTES_SENT = "asyncoro.server.bytes.sent";

    /** Whole messages received (counter). */
    public static final String MESSAGES_RECEIVED = "asyncoro.server.messages.received";

    /** Whole messages sent (counter). */
    public static final String MESSAGES_SENT = "asyncoro.server.messages.sent";

    /** Connection and accept failures (counter, tag {@code kind}). */
    public static final String ERRORS = "asyncoro.server.errors";

    /** TLS handshakes (timer, tag {@code outcome}: success or failure). */
    public static final String TLS_HANDSHAKE = "asyncoro.server.tls.handshake";

    /** Coroutines alive now in the scheduler (gauge). */
    public static final String COROUTINES_ACTIVE = "asyncoro.coroutines.active";

    /** Coroutines started since the scheduler was created (function counter). */
    public static final String COROUTINES_STARTED = "asyncoro.coroutines.started";

    /** The server's name, the key under {@code asyncoro.servers}. */
    public static final String TAG_SERVER = "server";

    /** Why a connection was rejected, from {@link io.asyncoro.server.RejectReason#tag()}. */
    public static final String TAG_REASON = "reason";

    /** What kind of error, from {@link io.asyncoro.server.ErrorKind#tag()}. */
    public static final String TAG_KIND = "kind";

    /** How a TLS handshake ended: {@code success} or {@code failure}. */
    public static final String TAG_OUTCOME = "outcome";

    private AsyncoroMeterNames() {
    }
}

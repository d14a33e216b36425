package io.asyncoro.spring.event;

import io.asyncoro.spring.connection.ConnectionInfo;

/**
 * A connection ended with a failure: an I/O error, a timeout, a handler exception. The failure's message may
 * come from the peer's bytes only as far as the framing reports them (lengths, never payloads).
 */
public class ConnectionFailedEvent extends AsyncoroConnectionEvent {

    private static final long serialVersionUID = 1L;

    private final transient Throwable failure;

    /** The failure of {@code connection}. */
    public ConnectionFailedEvent(ConnectionInfo connection, Throwable failure) {
        super(connection);
        this.failure = failure;
    }

    /** What failed. */
    public Throwable getFailure() {
        return this.failure;
    }
}

package io.asyncoro.spring.event;

import io.asyncoro.spring.connection.ConnectionInfo;

/** A connection ended; published last, after the handler's {@code @OnDisconnect}. */
public class ConnectionClosedEvent extends AsyncoroConnectionEvent {

    private static final long serialVersionUID = 1L;

    /** Why a connection ended. */
    public enum Reason {

        /** The peer or the application closed it, or the server stopped. */
        CLOSED,

        /** A {@code ConnectionInterceptor} refused it; no handler method ran. */
        REJECTED,

        /** An I/O error or a handler exception ended it (a {@link ConnectionFailedEvent} came first). */
        FAILED,

        /** Its bytes broke the framing (a {@link DecodingFailedEvent} came first). */
        DECODING_FAILED
    }

    private final Reason reason;

    /** The end of {@code connection}. */
    public ConnectionClosedEvent(ConnectionInfo connection, Reason reason) {
        super(connection);
        this.reason = reason;
    }

    /** Why it ended. */
    public Reason getReason() {
        return this.reason;
    }
}

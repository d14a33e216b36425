package io.asyncoro.spring.event;

import io.asyncoro.spring.connection.ConnectionInfo;

/**
 * A connection's bytes broke its framing (a frame over the maximum size, a stream ending inside a frame, a
 * missing start byte) and it was closed. A {@link ConnectionFailedEvent}, so listeners of failures see these
 * too.
 */
public class DecodingFailedEvent extends ConnectionFailedEvent {

    private static final long serialVersionUID = 1L;

    /** The decoding failure of {@code connection}. */
    public DecodingFailedEvent(ConnectionInfo connection, Throwable failure) {
        super(connection, failure);
    }
}

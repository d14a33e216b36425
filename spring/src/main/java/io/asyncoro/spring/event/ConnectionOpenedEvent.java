package io.asyncoro.spring.event;

import io.asyncoro.spring.connection.ConnectionInfo;

/** A connection was accepted (and every {@code ConnectionInterceptor} let it in); its handler starts next. */
public class ConnectionOpenedEvent extends AsyncoroConnectionEvent {

    private static final long serialVersionUID = 1L;

    /** The opening of {@code connection}. */
    public ConnectionOpenedEvent(ConnectionInfo connection) {
        super(connection);
    }
}

package io.asyncoro.spring.event;

import java.net.InetSocketAddress;

import org.springframework.context.ApplicationEvent;

import io.asyncoro.spring.connection.ConnectionInfo;

/**
 * Something happened to one connection of a TCP server. Events are published on the connection's own coroutine,
 * so a listener that blocks holds up that connection; they are only built and published while some listener
 * takes them (checked once, when the servers start), so an application without listeners pays nothing.
 */
public abstract class AsyncoroConnectionEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    /** An event about {@code connection}, its source. */
    protected AsyncoroConnectionEvent(ConnectionInfo connection) {
        super(connection);
    }

    /** The connection. */
    public ConnectionInfo getConnection() {
        return (ConnectionInfo) getSource();
    }

    /** The server's name. */
    public String getServerName() {
        return getConnection().serverName();
    }

    /** The connection's id, as {@code AsyncConnection.id()} gives it. */
    public String getConnectionId() {
        return getConnection().connectionId();
    }

    /** The peer's address. */
    public InetSocketAddress getRemoteAddress() {
        return getConnection().remoteAddress();
    }
}

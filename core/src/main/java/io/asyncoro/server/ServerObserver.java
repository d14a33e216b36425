package io.asyncoro.server;

import java.time.Duration;
import java.util.List;

import io.asyncoro.net.IoListener;

/**
 * Told of everything a server does, for metrics (the Micrometer binding implements it). It is also each
 * connection's {@link IoListener}, so bytes and messages reach it without a wrapper per connection. Methods
 * are called on I/O paths: they must be cheap, must not block and must not throw.
 */
public interface ServerObserver extends IoListener {

    /** An observer that ignores everything. */
    ServerObserver NONE = new ServerObserver() {
    };

    /** The server is listening. */
    default void serverStarted(AsyncSocketServerInfo server) {
    }

    /** The server has stopped. */
    default void serverStopped(AsyncSocketServerInfo server) {
    }

    /** A connection was accepted and is being served. */
    default void connectionOpened() {
    }

    /** A connection that was opened has closed after {@code duration}. */
    default void connectionClosed(Duration duration) {
    }

    /** A connection was refused or dropped by the server. */
    default void connectionRejected(RejectReason reason) {
    }

    /** A TLS handshake took {@code duration} and succeeded or not. */
    default void tlsHandshake(Duration duration, boolean success) {
    }

    /** A connection (or the accept loop) failed. */
    default void error(ErrorKind kind, Throwable failure) {
    }

    /** An observer that tells each of {@code observers} in turn. */
    static ServerObserver composite(List<? extends ServerObserver> observers) {
        List<ServerObserver> all = List.copyOf(observers);
        if (all.isEmpty()) {
            return NONE;
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        return new CompositeServerObserver(all);
    }
}

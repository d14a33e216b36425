package io.asyncoro.spring.client;

import java.net.InetSocketAddress;

import io.asyncoro.net.IoListener;

/**
 * Told what a client does, for metrics. Called on the calling thread: implementations must be cheap and must
 * not block or throw. As an {@link IoListener} it is told of every byte its connections read and write.
 */
public interface ClientObserver extends IoListener {

    /** An observer that ignores everything. */
    ClientObserver NONE = new ClientObserver() {
    };

    /** A connection to {@code address} was opened. */
    default void connected(InetSocketAddress address) {
    }

    /** Connecting to {@code address} failed (refused, timed out, TLS refused). */
    default void connectFailed(InetSocketAddress address, Throwable failure) {
    }

    /** A connection was closed, by either side or because a call on it failed. */
    default void disconnected() {
    }

    /**
     * A request ended.
     *
     * @param nanos how long it took, waiting for a connection included
     * @param success whether a reply came
     */
    default void requestCompleted(long nanos, boolean success) {
    }
}

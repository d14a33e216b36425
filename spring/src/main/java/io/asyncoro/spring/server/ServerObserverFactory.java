package io.asyncoro.spring.server;

import io.asyncoro.server.ServerObserver;

/**
 * Gives each server built from {@code asyncoro.servers.*} an observer (metrics, tracing). Every bean of this
 * type is asked, in {@link org.springframework.core.Ordered} order, and the observers are combined.
 */
@FunctionalInterface
public interface ServerObserverFactory {

    /**
     * The observer for one server.
     *
     * @param serverName the server's name (the key under {@code asyncoro.servers})
     * @return an observer, or {@code null} to observe nothing of this server
     */
    ServerObserver observerFor(String serverName);
}

package io.asyncoro.spring.connection;

/**
 * Decides whether a newly accepted connection is served, before any handler method runs: an allow-list of
 * peers, a rate limit per address. Beans of this type apply to every TCP server, in
 * {@link org.springframework.core.Ordered} order; the first refusal wins. Called on the connection's own
 * coroutine, after the TLS handshake: it may block briefly, but should not.
 */
@FunctionalInterface
public interface ConnectionInterceptor {

    /**
     * Whether to serve the connection.
     *
     * @return {@code false} to close it at once: no handler method runs, and a
     *         {@link io.asyncoro.spring.event.ConnectionClosedEvent} with reason {@code REJECTED} is published
     */
    boolean accept(ConnectionInfo connection);
}

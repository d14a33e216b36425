package io.asyncoro.spring.server;

import io.asyncoro.server.AsyncDatagramServer;
import io.asyncoro.server.AsyncSocketServer;

/**
 * Adjusts each server the {@link AsyncSocketServerFactory} builds, after the properties were applied. Beans of
 * this type are applied in {@link org.springframework.core.Ordered} order.
 */
@FunctionalInterface
public interface AsyncSocketServerCustomizer {

    /**
     * Customizes a TCP server's builder.
     *
     * @param serverName the server's name
     * @param builder the builder, with the properties applied
     */
    void customize(String serverName, AsyncSocketServer.Builder builder);

    /** Customizes a UDP server's builder; does nothing by default. */
    default void customizeDatagram(String serverName, AsyncDatagramServer.Builder builder) {
    }
}

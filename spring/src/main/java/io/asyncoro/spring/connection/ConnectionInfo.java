package io.asyncoro.spring.connection;

import java.net.InetSocketAddress;

/**
 * What is known of a TCP connection when it is accepted, before any handler method runs.
 *
 * @param serverName the server's name, the key under {@code asyncoro.servers}
 * @param connectionId the connection's id, as {@link AsyncConnection#id()} will give it
 * @param remoteAddress the peer's address
 * @param localAddress the server's address on this connection
 */
public record ConnectionInfo(String serverName, String connectionId, InetSocketAddress remoteAddress,
        InetSocketAddress localAddress) {
}

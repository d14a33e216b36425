package io.asyncoro.server;

import io.asyncoro.net.AsyncSocket;

/**
 * Serves one connection, as one coroutine: asyncoro's per-client coroutine. The server closes the socket when
 * this returns or throws.
 */
@FunctionalInterface
public interface ConnectionHandler {

    /**
     * Serves the connection until done.
     *
     * @param socket the client's socket, already through its TLS handshake
     * @throws Exception any failure: it closes this connection only, is counted and logged once
     */
    void handle(AsyncSocket socket) throws Exception;
}

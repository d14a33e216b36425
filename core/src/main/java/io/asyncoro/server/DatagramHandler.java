package io.asyncoro.server;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.Datagram;

/** Serves one datagram received by an {@link AsyncDatagramServer}, in a coroutine of its own. */
@FunctionalInterface
public interface DatagramHandler {

    /**
     * Handles a datagram.
     *
     * @param datagram what arrived and from where
     * @param socket the server's socket, for {@link AsyncSocket#sendTo} replies
     * @throws Exception any failure: counted and logged once; the server goes on
     */
    void handle(Datagram datagram, AsyncSocket socket) throws Exception;
}

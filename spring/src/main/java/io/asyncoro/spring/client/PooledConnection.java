package io.asyncoro.spring.client;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.connection.MessageReader;

/**
 * A client connection kept by the pool: the socket, its reader (which may hold bytes read past a reply, so it
 * lives as long as the socket) and when it was last given back.
 */
final class PooledConnection {

    final AsyncSocket socket;
    final MessageReader reader;
    long idleSinceNanos;

    PooledConnection(AsyncSocket socket, MessageReader reader) {
        this.socket = socket;
        this.reader = reader;
    }
}

package io.asyncoro.net;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.Optional;

import javax.net.ssl.SSLSession;

/**
 * One kind of connection behind an {@link AsyncSocket}: what carries the bytes and how its calls park. The facade
 * holds exactly one, chosen when the socket is made, so no kind's fields sit empty in another kind's socket.
 * Stream kinds extend {@link StreamTransport}; UDP is {@link UdpTransport}.
 */
interface Transport {

    /** The settings the socket's user made, which this transport reads on every operation. */
    SocketSettings settings();

    /** The local address; still known after close. */
    SocketAddress localAddress();

    /** The peer's address, or {@code null} when there is none (an unconnected UDP socket); still known after close. */
    SocketAddress remoteAddress();

    /** Whether {@link #close()} has run, or a timeout closed the connection. */
    boolean isClosed();

    /** Closes the connection and wakes whoever waits on it; idempotent and never blocks for long. */
    void close();

    /** A word for {@code toString}: {@code tcp}, {@code tls}, {@code udp}, {@code unix}. */
    String kind();

    /** Completes a pending TLS handshake; nothing to do for the other kinds. */
    default void handshake() throws IOException {
    }

    /** Whether the bytes are carried over TLS. */
    default boolean isTls() {
        return false;
    }

    /** The TLS session once the handshake is done; empty for the other kinds. */
    default Optional<SSLSession> tlsSession() {
        return Optional.empty();
    }
}

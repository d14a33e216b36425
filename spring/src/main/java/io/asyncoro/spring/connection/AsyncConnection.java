package io.asyncoro.spring.connection;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One client of a server, as annotated handlers see it. {@link #send} never blocks: messages go to a bounded
 * per-connection queue that a writer coroutine drains, so one slow reader cannot hold up a broadcast. A
 * connection whose queue overflows is closed (reject reason {@code slow-consumer}).
 */
public interface AsyncConnection {

    /** The name of the server the connection belongs to. */
    String serverName();

    /** The connection's id, unique within its server: a small number counted from 1 (a UDP peer's address). */
    String id();

    /** The peer's address. */
    InetSocketAddress remoteAddress();

    /** The server's address on this connection. */
    InetSocketAddress localAddress();

    /** The certificate principal the peer authenticated with over TLS; empty without TLS or client auth. */
    Optional<Principal> peerPrincipal();

    /** When the connection was accepted; {@code null} where it is not kept (a UDP peer). */
    default Instant openedAt() {
        return null;
    }

    /** Bytes read from the peer so far, frame headers included, TLS records not; {@code -1} where not counted. */
    default long bytesReceived() {
        return -1;
    }

    /** Bytes written to the peer so far, frame headers included, TLS records not; {@code -1} where not counted. */
    default long bytesSent() {
        return -1;
    }

    /** The TLS protocol negotiated ({@code TLSv1.3}); empty without TLS or before the handshake. */
    default Optional<String> tlsProtocol() {
        return Optional.empty();
    }

    /** Attributes handlers keep with the connection, for example a user name; thread-safe. */
    Map<String, Object> attributes();

    /**
     * Queues a message for the peer, framed as the server is configured.
     *
     * @return {@code false} when the connection is closed or its queue overflowed (it is then closed)
     */
    boolean send(byte[] message);

    /** Queues a UTF-8 text message; see {@link #send(byte[])}. */
    default boolean send(String message) {
        return send(message.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Queues a value converted by the payload converters ({@code byte[]}, {@code String}, JSON when Jackson
     * is present); see {@link #send(byte[])}.
     */
    boolean send(Object message);

    /** Whether the connection is open. */
    boolean isOpen();

    /** Closes the connection once the messages already queued have gone out. */
    void close();
}

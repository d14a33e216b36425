package io.asyncoro.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import io.asyncoro.net.IoListener;

/**
 * Told of everything a server does, for metrics (the Micrometer binding implements it). It is also each
 * connection's {@link IoListener}, so bytes and messages reach it without a wrapper per connection. Methods
 * are called on I/O paths: they must be cheap, must not block and must not throw.
 *
 * <p>What is counted, exactly:
 * <ul>
 * <li>Bytes are application bytes as the framing puts them on the stream: a message's 4-byte header and a
 * line's {@code \n} are included; TLS record overhead and handshake traffic are not. A message of n bytes
 * sent with {@code sendMsg} adds n + 4 to {@code bytesSent} and 1 to {@code messagesSent}.</li>
 * <li>{@link #connectionOpened(InetSocketAddress)} is called for every accepted connection the server admits,
 * after its PROXY protocol header (if the server expects one) and before its TLS handshake; {@link #connectionClosed(Duration)} once for each of those when it ends, however it ends. A
 * failed or timed-out handshake reports {@code tlsHandshake(.., false)}, {@code connectionRejected(TLS)} and
 * {@code error(HANDSHAKE, ..)}, then {@code connectionClosed}.</li>
 * <li>A connection over {@code max-connections}, refused by admission control ({@code ADDRESS},
 * {@code PER_ADDRESS}), from an untrusted proxy or with a bad PROXY protocol header is only
 * {@code connectionRejected(..)}: it was never opened. The PROXY protocol header's bytes are not counted as
 * received.</li>
 * <li>{@link #error} is called once per failed connection, with the kind of its failure; a connection the
 * server itself closed (a stop) is no error.</li>
 * </ul>
 */
public interface ServerObserver extends IoListener {

    /** An observer that ignores everything. */
    ServerObserver NONE = new ServerObserver() {
    };

    /** The server is listening. */
    default void serverStarted(AsyncSocketServerInfo server) {
    }

    /** The server has stopped. */
    default void serverStopped(AsyncSocketServerInfo server) {
    }

    /** A connection was accepted and is being served. */
    default void connectionOpened() {
    }

    /**
     * A connection from {@code remote} was accepted and is being served: the client's address, which behind a
     * proxy is the one its PROXY protocol header named. The server calls this one; by default it calls
     * {@link #connectionOpened()}, so observers written before it keep working. Meant for logs and audit, not
     * for metric tags: one tag value per client address would grow a registry without bound.
     */
    default void connectionOpened(InetSocketAddress remote) {
        connectionOpened();
    }

    /** A connection that was opened has closed after {@code duration}. */
    default void connectionClosed(Duration duration) {
    }

    /** A connection was refused or dropped by the server. */
    default void connectionRejected(RejectReason reason) {
    }

    /** A TLS handshake took {@code duration} and succeeded or not. */
    default void tlsHandshake(Duration duration, boolean success) {
    }

    /** A connection (or the accept loop) failed. */
    default void error(ErrorKind kind, Throwable failure) {
    }

    /** An observer that tells each of {@code observers} in turn. */
    static ServerObserver composite(List<? extends ServerObserver> observers) {
        List<ServerObserver> all = List.copyOf(observers);
        if (all.isEmpty()) {
            return NONE;
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        return new CompositeServerObserver(all);
    }
}

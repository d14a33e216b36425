package io.asyncoro.server;

import java.net.InetSocketAddress;
import java.time.Duration;

/** What a running server shows of itself, for health checks and management endpoints. */
public interface AsyncSocketServerInfo {

    /** The server's name: its tag in metrics and logs. */
    String name();

    /** {@code tcp} or {@code udp}. */
    String protocol();

    /** The address bound, with the real port once started; {@code null} before. */
    InetSocketAddress localAddress();

    /** Whether connections are served over TLS. */
    boolean isTls();

    /** Whether handlers run on platform threads instead of coroutines. */
    boolean isBlocking();

    /** The most connections served at once (0 for UDP). */
    int maxConnections();

    /** The connections open now. */
    int activeConnections();

    /** The largest message accepted. */
    long maxMessageSize();

    /** How long a connection may be idle; zero for no limit. */
    Duration idleTimeout();

    /** Whether the server was started and not yet stopped. */
    boolean isRunning();

    /** Whether the server is listening: running, with its accept (or receive) loop alive. */
    boolean isListening();
}

package io.asyncoro.server;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import io.asyncoro.AsynCoro;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.TlsServerConfig;

/**
 * What an {@link AsyncSocketServer.Builder} collects, with its defaults. The builder fills one in through its
 * checked methods; {@code build()} gives the server a {@link #resolved} copy of its own, so a builder used again
 * afterwards cannot change a server it made. A server's copy is never written after its constructor.
 */
final class ServerSettings {

    String name = "server";
    InetAddress address;
    int port;
    Path unixSocketPath;
    int backlog = 128;
    TlsServerConfig tls;
    boolean blocking;
    int maxConnections = AsyncSocketServer.DEFAULT_MAX_CONNECTIONS;
    Duration idleTimeout = Duration.ZERO;
    // null until set on their own: the idle timeout then (see resolved).
    Duration readIdleTimeout;
    Duration writeIdleTimeout;
    ProxyProtocolSettings proxyProtocol = ProxyProtocolSettings.DISABLED;
    AdmissionControl admission;
    long maxMessageSize = AsyncSocket.DEFAULT_MAX_MESSAGE_SIZE;
    Duration shutdownGracePeriod = AsyncSocketServer.DEFAULT_SHUTDOWN_GRACE_PERIOD;
    ServerObserver observer = ServerObserver.NONE;
    ConnectionHandler handler;
    AsynCoro asyncoro;

    /**
     * A copy for a server: the read and write idle timeouts default to the idle timeout, and the scheduler to
     * {@link AsynCoro#instance()}.
     *
     * @throws IllegalStateException for a Unix domain socket with TLS or blocking mode
     * @throws NullPointerException without a handler
     */
    ServerSettings resolved() {
        if (unixSocketPath != null && (tls != null || blocking)) {
            throw new IllegalStateException("server '" + name + "': a Unix domain socket is served by coroutines"
                    + " without TLS; tls and blocking cannot be set with unixSocketPath");
        }
        ServerSettings copy = new ServerSettings();
        copy.name = name;
        copy.address = address;
        copy.port = port;
        copy.unixSocketPath = unixSocketPath;
        copy.backlog = backlog;
        copy.tls = tls;
        copy.blocking = blocking;
        copy.maxConnections = maxConnections;
        copy.idleTimeout = idleTimeout;
        copy.readIdleTimeout = readIdleTimeout != null ? readIdleTimeout : idleTimeout;
        copy.writeIdleTimeout = writeIdleTimeout != null ? writeIdleTimeout : idleTimeout;
        copy.proxyProtocol = proxyProtocol;
        copy.admission = admission;
        copy.maxMessageSize = maxMessageSize;
        copy.shutdownGracePeriod = shutdownGracePeriod;
        copy.observer = observer;
        copy.handler = Objects.requireNonNull(handler, "a ConnectionHandler is required");
        copy.asyncoro = asyncoro != null ? asyncoro : AsynCoro.instance();
        return copy;
    }
}

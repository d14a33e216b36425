package io.asyncoro.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import io.asyncoro.AsynCoro;
import io.asyncoro.net.AsyncServerSocket;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.TlsServerConfig;

/**
 * A TCP server: an accept loop that serves each connection in a coroutine of its own (a platform thread in
 * blocking mode), with a connection limit, an idle timeout, a message size limit, a graceful stop and an
 * observer for metrics.
 *
 * <pre>{@code
 * AsyncSocketServer server = AsyncSocketServer.builder()
 *         .port(0)
 *         .handler(sock -> { byte[] m; while ((m = sock.recvMsg()) != null) sock.sendMsg(m); })
 *         .build();
 * server.start();
 * }</pre>
 *
 * <p>A failing connection (bad frame, failed handshake, handler exception) is closed, counted and logged
 * once; it never stops the accept loop or touches another connection.
 */
public final class AsyncSocketServer implements AsyncSocketServerInfo, AutoCloseable {

    /** The default connection limit. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    /** The default time {@link #stop()} lets handlers finish. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(30);

    // The server's own copy of what the builder collected (see ServerSettings#resolved), and its life.
    private final ServerSettings settings;
    private final InetSocketAddress bindAddress;
    // Set for a server on a Unix domain socket, which then ignores bindAddress.
    private final UnixDomainSocketAddress unixAddress;
    private final ConnectionGate gate;
    private final ConnectionRunner runner;
    private final ServerLifecycle lifecycle;

    private AsyncSocketServer(ServerSettings requested) {
        this.bindAddress = new InetSocketAddress(requested.address, requested.port);
        Path unixPath = requested.unixSocketPath;
        this.unixAddress = unixPath == null ? null : UnixDomainSocketAddress.of(unixPath);
        this.settings = requested.resolved();
        this.gate = new ConnectionGate(settings.name, settings.proxyProtocol, settings.admission, settings.observer);
        this.runner = new ConnectionRunner(this, gate, settings.observer, settings.handler, settings.maxMessageSize,
                settings.readIdleTimeout, settings.writeIdleTimeout);
        this.lifecycle = new ServerLifecycle(this, settings, bindAddress, unixAddress);
    }

    /** A builder with port 0 on all addresses, no TLS, coroutine handlers and the default limits. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds and starts accepting.
     *
     * @throws BindException naming the server and the address when the port is taken
     * @throws IllegalStateException when already started
     */
    public void start() throws IOException {
        lifecycle.start(gate, runner);
    }

    /** Closes a connection and frees its places (see {@link ConnectionSet#release}). */
    void release(ServedConnection connection) {
        lifecycle.connections().release(connection);
    }

    /** Whether stop() has closed the connections that outlived the grace period. */
    boolean closedByStop() {
        return lifecycle.connections().closedByStop();
    }

    /** Stops within the configured shutdown grace period; see {@link #stop(Duration)}. */
    public void stop() {
        stop(settings.shutdownGracePeriod);
    }

    /**
     * Stops gracefully: stops accepting, ends each connection's input so its handler finishes the message in
     * hand (replies still go out) and then sees end of stream, waits up to {@code gracePeriod} for the handlers,
     * then closes what remains and terminates its coroutines. Idempotent.
     *
     * <p>A connection whose handler is done is ended with FIN, not a reset: after its last reply the server
     * half-closes, then takes in and drops what the peer still sends until the peer closes too, for at most 2 s or
     * what is left of the grace period (see {@link io.asyncoro.net.GracefulClose}; TLS and blocking-mode connections close after a
     * short linger instead).
     *
     * @return whether every connection finished within the grace period
     */
    public boolean stop(Duration gracePeriod) {
        return lifecycle.stop(gracePeriod);
    }

    /** Stops with the configured grace period. */
    @Override
    public void close() {
        stop();
    }

    /** Waits until the server has stopped (keeps a {@code main} thread alive while it runs). */
    public void awaitStop() throws InterruptedException {
        lifecycle.awaitStop();
    }

    /** The port bound, or -1 before {@link #start()} and for a Unix domain socket. */
    public int localPort() {
        AsyncServerSocket s = lifecycle.serverSocket();
        return s == null ? -1 : s.localPort();
    }

    @Override
    public String name() {
        return settings.name;
    }

    /** {@code tcp}, or {@code unix} for a server on a Unix domain socket. */
    @Override
    public String protocol() {
        return unixAddress != null ? "unix" : "tcp";
    }

    /** The path of the Unix domain socket served, or {@code null} for a TCP server. */
    public Path unixSocketPath() {
        return unixAddress == null ? null : unixAddress.getPath();
    }

    /** The IP address bound, with the real port once started; {@code null} before, and for a Unix domain socket. */
    @Override
    public InetSocketAddress localAddress() {
        AsyncServerSocket s = lifecycle.serverSocket();
        return s == null ? null : s.localAddress();
    }

    @Override
    public boolean isTls() {
        return settings.tls != null;
    }

    /** The TLS settings, or {@code null} for plain TCP. */
    public TlsServerConfig tls() {
        return settings.tls;
    }

    @Override
    public boolean isBlocking() {
        return settings.blocking;
    }

    @Override
    public int maxConnections() {
        return settings.maxConnections;
    }

    @Override
    public int activeConnections() {
        return lifecycle.connections().active();
    }

    @Override
    public long maxMessageSize() {
        return settings.maxMessageSize;
    }

    @Override
    public Duration idleTimeout() {
        return settings.idleTimeout;
    }

    /** How long one read may take: {@link Builder#readIdleTimeout}, or the idle timeout. */
    public Duration readIdleTimeout() {
        return settings.readIdleTimeout;
    }

    /** How long one write may take: {@link Builder#writeIdleTimeout}, or the idle timeout. */
    public Duration writeIdleTimeout() {
        return settings.writeIdleTimeout;
    }

    /** Whether and how connections begin with a PROXY protocol header. */
    public ProxyProtocolSettings proxyProtocol() {
        return settings.proxyProtocol;
    }

    /** The admission control connections pass, or {@code null} for none. */
    public AdmissionControl admission() {
        return settings.admission;
    }

    /** How long {@link #stop()} lets handlers finish. */
    public Duration shutdownGracePeriod() {
        return settings.shutdownGracePeriod;
    }

    @Override
    public boolean isRunning() {
        return lifecycle.isRunning();
    }

    @Override
    public boolean isListening() {
        return lifecycle.isListening();
    }

    @Override
    public String toString() {
        AsyncServerSocket s = lifecycle.serverSocket();
        Object where = s != null ? s.localSocketAddress() : unixAddress != null ? unixAddress : bindAddress;
        return "AsyncSocketServer[" + settings.name + " " + where
                + (isRunning() ? ", running" : "") + "]";
    }

    /** Builds an {@link AsyncSocketServer}. */
    public static final class Builder {

        // Written only through the checked methods below; build() hands the server a copy.
        private final ServerSettings settings = new ServerSettings();

        private Builder() {
        }

        /** The server's name, for logs, thread names and metrics tags. */
        public Builder name(String serverName) {
            settings.name = Objects.requireNonNull(serverName, "name");
            return this;
        }

        /** The address to listen on; {@code null} (the default) for all. */
        public Builder address(InetAddress bind) {
            settings.address = bind;
            return this;
        }

        /** The port; 0 (the default) takes any free one. */
        public Builder port(int bindPort) {
            settings.port = BuilderChecks.port(bindPort);
            return this;
        }

        /**
         * Serve a Unix domain socket at {@code path} instead of TCP ({@code null}, the default, for TCP): a local
         * stream with the same framing, read by the poller. The path must not exist when the server starts, and
         * the socket file is deleted when it stops. Not with {@link #tls} or {@link #blocking}.
         */
        public Builder unixSocketPath(Path path) {
            settings.unixSocketPath = path;
            return this;
        }

        /** The listen backlog. */
        public Builder backlog(int queueLength) {
            settings.backlog = BuilderChecks.positive("backlog", queueLength);
            return this;
        }

        /** Serve TLS with these settings ({@code null} for plain TCP). */
        public Builder tls(TlsServerConfig config) {
            settings.tls = config;
            return this;
        }

        /** Run handlers on platform threads instead of coroutines. */
        public Builder blocking(boolean onPlatformThreads) {
            settings.blocking = onPlatformThreads;
            return this;
        }

        /** The most connections served at once; a newcomer over it is closed and counted. */
        public Builder maxConnections(int limit) {
            settings.maxConnections = BuilderChecks.positive("max connections", limit);
            return this;
        }

        /**
         * How long a read or write may take before the connection is closed; zero for no limit. The default of
         * {@link #readIdleTimeout} and {@link #writeIdleTimeout}.
         */
        public Builder idleTimeout(Duration timeout) {
            settings.idleTimeout = BuilderChecks.nonNegative("idle timeout", timeout);
            return this;
        }

        /**
         * How long one read may take before the connection is closed, instead of {@link #idleTimeout}; zero for no
         * limit. A whole message is one read, so this is also what reclaims a connection whose peer trickles a
         * byte now and then without ever finishing a message: the read ends at this timeout however many bytes
         * arrived, and the connection is closed ({@code error{kind=timeout}}).
         */
        public Builder readIdleTimeout(Duration timeout) {
            settings.readIdleTimeout = BuilderChecks.nonNegative("read idle timeout", timeout);
            return this;
        }

        /**
         * How long one write may take before the connection is closed, instead of {@link #idleTimeout}; zero for
         * no limit. A peer that stops reading is what this ends.
         */
        public Builder writeIdleTimeout(Duration timeout) {
            settings.writeIdleTimeout = BuilderChecks.nonNegative("write idle timeout", timeout);
            return this;
        }

        /**
         * Expect every connection to begin with a PROXY protocol header ({@link ProxyProtocolSettings#DISABLED}, the
         * default, for none); see {@link ProxyProtocolSettings}.
         */
        public Builder proxyProtocol(ProxyProtocolSettings settings) {
            this.settings.proxyProtocol = Objects.requireNonNull(settings, "proxy protocol settings");
            return this;
        }

        /**
         * Check every client against these address rules and per-address limits ({@code null}, the default, for
         * none): at accept, before TLS, or behind a proxy on the client address the PROXY protocol header names.
         * Refused connections are closed at once and counted ({@code rejected{reason=address}} or
         * {@code reason=per-address}); an admitted one holds its slot until it closes.
         */
        public Builder admission(AdmissionControl control) {
            settings.admission = control;
            return this;
        }

        /** The largest message a connection accepts, up to {@link AsyncSocket#MAX_FRAME_LENGTH}. */
        public Builder maxMessageSize(long bytes) {
            settings.maxMessageSize = BuilderChecks.maxMessageSize(bytes);
            return this;
        }

        /** How long {@link AsyncSocketServer#stop()} lets handlers finish. */
        public Builder shutdownGracePeriod(Duration grace) {
            settings.shutdownGracePeriod = BuilderChecks.nonNegative("shutdown grace period", grace);
            return this;
        }

        /** Who is told of connections, bytes, messages and errors. */
        public Builder observer(ServerObserver serverObserver) {
            settings.observer = serverObserver == null ? ServerObserver.NONE : serverObserver;
            return this;
        }

        /** What serves each connection. */
        public Builder handler(ConnectionHandler connectionHandler) {
            settings.handler = connectionHandler;
            return this;
        }

        /** The scheduler to run coroutines on; {@link AsynCoro#instance()} by default. */
        public Builder asyncoro(AsynCoro scheduler) {
            settings.asyncoro = scheduler;
            return this;
        }

        /** The server, not yet started. */
        public AsyncSocketServer build() {
            return new AsyncSocketServer(settings);
        }
    }
}

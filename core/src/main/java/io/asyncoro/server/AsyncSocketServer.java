package io.asyncoro.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.CoroOptions;
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

    /** After the grace period: how long closed and interrupted handlers get to end before stop() returns. */
    private static final Duration TERMINATION_WAIT = Duration.ofMillis(500);


    private final String name;
    private final InetSocketAddress bindAddress;
    // Set for a server on a Unix domain socket, which then ignores bindAddress.
    private final UnixDomainSocketAddress unixAddress;
    private final int backlog;
    private final TlsServerConfig tls;
    private final boolean blocking;
    private final int maxConnections;
    private final Duration idleTimeout;
    private final Duration readIdleTimeout;
    private final Duration writeIdleTimeout;
    private final long maxMessageSize;
    private final Duration shutdownGracePeriod;
    private final ServerObserver observer;
    private final ProxyProtocolSettings proxyProtocol;
    private final AdmissionControl admission;
    private final ConnectionGate gate;
    private final ConnectionRunner runner;
    private final AsynCoro asyncoro;

    private final ConnectionSet connections = new ConnectionSet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private volatile AsyncServerSocket serverSocket;
    private volatile Coro<Void> acceptLoop;
    private volatile boolean running;

    private AsyncSocketServer(Builder b) {
        this.name = b.name;
        this.bindAddress = new InetSocketAddress(b.address, b.port);
        this.unixAddress = b.unixSocketPath == null ? null : UnixDomainSocketAddress.of(b.unixSocketPath);
        if (unixAddress != null && (b.tls != null || b.blocking)) {
            throw new IllegalStateException("server '" + b.name + "': a Unix domain socket is served by coroutines"
                    + " without TLS; tls and blocking cannot be set with unixSocketPath");
        }
        this.backlog = b.backlog;
        this.tls = b.tls;
        this.blocking = b.blocking;
        this.maxConnections = b.maxConnections;
        this.idleTimeout = b.idleTimeout;
        this.maxMessageSize = b.maxMessageSize;
        this.shutdownGracePeriod = b.shutdownGracePeriod;
        this.readIdleTimeout = b.readIdleTimeout != null ? b.readIdleTimeout : b.idleTimeout;
        this.writeIdleTimeout = b.writeIdleTimeout != null ? b.writeIdleTimeout : b.idleTimeout;
        this.observer = b.observer;
        this.proxyProtocol = b.proxyProtocol;
        this.admission = b.admission;
        this.gate = new ConnectionGate(b.name, b.proxyProtocol, b.admission, b.observer);
        this.runner = new ConnectionRunner(this, gate, b.observer,
                Objects.requireNonNull(b.handler, "a ConnectionHandler is required"), b.maxMessageSize,
                readIdleTimeout, writeIdleTimeout);
        this.asyncoro = b.asyncoro != null ? b.asyncoro : AsynCoro.instance();
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
        synchronized (lifecycle) {
            if (serverSocket != null) {
                throw new IllegalStateException("server '" + name + "' was already started");
            }
            try {
                serverSocket = unixAddress != null ? AsyncServerSocket.bind(unixAddress, backlog)
                        : AsyncServerSocket.bind(bindAddress, backlog, tls, blocking);
            }
            catch (BindException ex) {
                String where = unixAddress != null ? unixAddress.getPath().toString()
                        : bindAddress.getHostString() + ":" + bindAddress.getPort();
                BindException named = new BindException("server '" + name + "' cannot listen on " + where + ": "
                        + ex.getMessage());
                named.initCause(ex);
                throw named;
            }
            running = true;
            acceptLoop = asyncoro.spawn(new CoroOptions(name + "-accept", true, blocking), new AcceptLoop(name,
                    serverSocket, this::isRunning, maxConnections, connections, gate, runner, observer, asyncoro,
                    new CoroOptions(name + "-connection", false, blocking)));
        }
        observer.serverStarted(this);
        FailureLog.info("[" + name + "] listening on " + serverSocket.localSocketAddress() + (tls != null ? " (TLS)" : "")
                + (blocking ? " (blocking)" : ""));
    }

    /** Closes a connection and frees its places (see {@link ConnectionSet#release}). */
    void release(ServedConnection connection) {
        connections.release(connection);
    }

    /** Whether stop() has closed the connections that outlived the grace period. */
    boolean closedByStop() {
        return connections.closedByStop();
    }

    /** Stops within the configured shutdown grace period; see {@link #stop(Duration)}. */
    public void stop() {
        stop(shutdownGracePeriod);
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
        synchronized (lifecycle) {
            if (!running) {
                return true;
            }
            running = false;
        }
        try {
            closeListener();
            connections.endInputs(gracePeriod);
            boolean drained = connections.awaitDrained(gracePeriod);
            if (!drained) {
                FailureLog.info("[" + name + "] " + connections.active()
                        + " connection(s) still open after the grace period " + gracePeriod + "; closing them");
                connections.closeAll();
                connections.awaitDrained(TERMINATION_WAIT);
            }
            Coro<Void> loop = acceptLoop;
            if (loop != null) {
                loop.terminate();
            }
            return drained;
        }
        finally {
            observer.serverStopped(this);
            stopped.countDown();
            FailureLog.info("[" + name + "] stopped");
        }
    }

    private void closeListener() {
        try {
            serverSocket.close();
        }
        catch (IOException ignored) {
            // stopping anyway
        }
    }

    /** Stops with the configured grace period. */
    @Override
    public void close() {
        stop();
    }

    /** Waits until the server has stopped (keeps a {@code main} thread alive while it runs). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** The port bound, or -1 before {@link #start()} and for a Unix domain socket. */
    public int localPort() {
        AsyncServerSocket s = serverSocket;
        return s == null ? -1 : s.localPort();
    }

    @Override
    public String name() {
        return name;
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
        AsyncServerSocket s = serverSocket;
        return s == null ? null : s.localAddress();
    }

    @Override
    public boolean isTls() {
        return tls != null;
    }

    /** The TLS settings, or {@code null} for plain TCP. */
    public TlsServerConfig tls() {
        return tls;
    }

    @Override
    public boolean isBlocking() {
        return blocking;
    }

    @Override
    public int maxConnections() {
        return maxConnections;
    }

    @Override
    public int activeConnections() {
        return connections.active();
    }

    @Override
    public long maxMessageSize() {
        return maxMessageSize;
    }

    @Override
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** How long one read may take: {@link Builder#readIdleTimeout}, or the idle timeout. */
    public Duration readIdleTimeout() {
        return readIdleTimeout;
    }

    /** How long one write may take: {@link Builder#writeIdleTimeout}, or the idle timeout. */
    public Duration writeIdleTimeout() {
        return writeIdleTimeout;
    }

    /** Whether and how connections begin with a PROXY protocol header. */
    public ProxyProtocolSettings proxyProtocol() {
        return proxyProtocol;
    }

    /** The admission control connections pass, or {@code null} for none. */
    public AdmissionControl admission() {
        return admission;
    }

    /** How long {@link #stop()} lets handlers finish. */
    public Duration shutdownGracePeriod() {
        return shutdownGracePeriod;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isListening() {
        Coro<Void> loop = acceptLoop;
        AsyncServerSocket s = serverSocket;
        return running && loop != null && loop.isAlive() && s != null && !s.isClosed();
    }

    @Override
    public String toString() {
        AsyncServerSocket s = serverSocket;
        Object where = s != null ? s.localSocketAddress() : unixAddress != null ? unixAddress : bindAddress;
        return "AsyncSocketServer[" + name + " " + where
                + (running ? ", running" : "") + "]";
    }

    /** Builds an {@link AsyncSocketServer}. */
    public static final class Builder {

        private String name = "server";
        private InetAddress address;
        private int port;
        private Path unixSocketPath;
        private int backlog = 128;
        private TlsServerConfig tls;
        private boolean blocking;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration idleTimeout = Duration.ZERO;
        private Duration readIdleTimeout;
        private Duration writeIdleTimeout;
        private ProxyProtocolSettings proxyProtocol = ProxyProtocolSettings.DISABLED;
        private AdmissionControl admission;
        private long maxMessageSize = AsyncSocket.DEFAULT_MAX_MESSAGE_SIZE;
        private Duration shutdownGracePeriod = DEFAULT_SHUTDOWN_GRACE_PERIOD;
        private ServerObserver observer = ServerObserver.NONE;
        private ConnectionHandler handler;
        private AsynCoro asyncoro;

        private Builder() {
        }

        /** The server's name, for logs, thread names and metrics tags. */
        public Builder name(String serverName) {
            this.name = Objects.requireNonNull(serverName, "name");
            return this;
        }

        /** The address to listen on; {@code null} (the default) for all. */
        public Builder address(InetAddress bind) {
            this.address = bind;
            return this;
        }

        /** The port; 0 (the default) takes any free one. */
        public Builder port(int bindPort) {
            if (bindPort < 0 || bindPort > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + bindPort);
            }
            this.port = bindPort;
            return this;
        }

        /**
         * Serve a Unix domain socket at {@code path} instead of TCP ({@code null}, the default, for TCP): a local
         * stream with the same framing, read by the poller. The path must not exist when the server starts, and
         * the socket file is deleted when it stops. Not with {@link #tls} or {@link #blocking}.
         */
        public Builder unixSocketPath(Path path) {
            this.unixSocketPath = path;
            return this;
        }

        /** The listen backlog. */
        public Builder backlog(int queueLength) {
            if (queueLength < 1) {
                throw new IllegalArgumentException("backlog must be positive: " + queueLength);
            }
            this.backlog = queueLength;
            return this;
        }

        /** Serve TLS with these settings ({@code null} for plain TCP). */
        public Builder tls(TlsServerConfig config) {
            this.tls = config;
            return this;
        }

        /** Run handlers on platform threads instead of coroutines. */
        public Builder blocking(boolean onPlatformThreads) {
            this.blocking = onPlatformThreads;
            return this;
        }

        /** The most connections served at once; a newcomer over it is closed and counted. */
        public Builder maxConnections(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("max connections must be positive: " + limit);
            }
            this.maxConnections = limit;
            return this;
        }

        /**
         * How long a read or write may take before the connection is closed; zero for no limit. The default of
         * {@link #readIdleTimeout} and {@link #writeIdleTimeout}.
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = nonNegative("idle timeout", timeout);
            return this;
        }

        /**
         * How long one read may take before the connection is closed, instead of {@link #idleTimeout}; zero for no
         * limit. A whole message is one read, so this is also what reclaims a connection whose peer trickles a
         * byte now and then without ever finishing a message: the read ends at this timeout however many bytes
         * arrived, and the connection is closed ({@code error{kind=timeout}}).
         */
        public Builder readIdleTimeout(Duration timeout) {
            this.readIdleTimeout = nonNegative("read idle timeout", timeout);
            return this;
        }

        /**
         * How long one write may take before the connection is closed, instead of {@link #idleTimeout}; zero for
         * no limit. A peer that stops reading is what this ends.
         */
        public Builder writeIdleTimeout(Duration timeout) {
            this.writeIdleTimeout = nonNegative("write idle timeout", timeout);
            return this;
        }

        private static Duration nonNegative(String what, Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative: " + timeout);
            }
            return timeout;
        }

        /**
         * Expect every connection to begin with a PROXY protocol header ({@link ProxyProtocolSettings#DISABLED}, the
         * default, for none); see {@link ProxyProtocolSettings}.
         */
        public Builder proxyProtocol(ProxyProtocolSettings settings) {
            this.proxyProtocol = Objects.requireNonNull(settings, "proxy protocol settings");
            return this;
        }

        /**
         * Check every client against these address rules and per-address limits ({@code null}, the default, for
         * none): at accept, before TLS, or behind a proxy on the client address the PROXY protocol header names.
         * Refused connections are closed at once and counted ({@code rejected{reason=address}} or
         * {@code reason=per-address}); an admitted one holds its slot until it closes.
         */
        public Builder admission(AdmissionControl control) {
            this.admission = control;
            return this;
        }

        /** The largest message a connection accepts, up to {@link AsyncSocket#MAX_FRAME_LENGTH}. */
        public Builder maxMessageSize(long bytes) {
            if (bytes < 0 || bytes > AsyncSocket.MAX_FRAME_LENGTH) {
                throw new IllegalArgumentException(
                        "max message size must be between 0 and " + AsyncSocket.MAX_FRAME_LENGTH + ": " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /** How long {@link AsyncSocketServer#stop()} lets handlers finish. */
        public Builder shutdownGracePeriod(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("shutdown grace period must not be negative: " + grace);
            }
            this.shutdownGracePeriod = grace;
            return this;
        }

        /** Who is told of connections, bytes, messages and errors. */
        public Builder observer(ServerObserver serverObserver) {
            this.observer = serverObserver == null ? ServerObserver.NONE : serverObserver;
            return this;
        }

        /** What serves each connection. */
        public Builder handler(ConnectionHandler connectionHandler) {
            this.handler = connectionHandler;
            return this;
        }

        /** The scheduler to run coroutines on; {@link AsynCoro#instance()} by default. */
        public Builder asyncoro(AsynCoro scheduler) {
            this.asyncoro = scheduler;
            return this;
        }

        /** The server, not yet started. */
        public AsyncSocketServer build() {
            return new AsyncSocketServer(this);
        }
    }
}

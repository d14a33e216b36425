package io.asyncoro.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.CoroBody;
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
    private final long maxMessageSize;
    private final Duration shutdownGracePeriod;
    private final ServerObserver observer;
    private final ConnectionHandler handler;
    private final AsynCoro asyncoro;
    // One options object, and so one name ("<server>-connection"), for every connection's coroutine: a
    // generated name per connection would cost a String on each.
    private final CoroOptions connectionCoro;

    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private volatile AsyncServerSocket serverSocket;
    private volatile Coro<Void> acceptLoop;
    private volatile boolean running;
    private volatile boolean forcedClose;

    /** A connection being served; it is also its coroutine's body, so serving one costs one small object. */
    private final class Connection implements CoroBody<Void> {

        private final AsyncSocket socket;
        private volatile Coro<?> coro;

        Connection(AsyncSocket socket) {
            this.socket = socket;
        }

        AsyncSocket socket() {
            return socket;
        }

        Coro<?> coro() {
            return coro;
        }

        @Override
        public Void run(Coro<Void> self) {
            // Set here too, not only when spawn() returns: the handler may already be running (and stop() looking
            // for its coroutine to terminate) before the accept loop gets the Coro back.
            coro = self;
            runConnection(this);
            return null;
        }
    }

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
        this.observer = b.observer;
        this.handler = Objects.requireNonNull(b.handler, "a ConnectionHandler is required");
        this.asyncoro = b.asyncoro != null ? b.asyncoro : AsynCoro.instance();
        this.connectionCoro = new CoroOptions(b.name + "-connection", false, b.blocking);
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
            acceptLoop = asyncoro.spawn(new CoroOptions(name + "-accept", true, blocking), self -> {
                acceptLoop();
                return null;
            });
        }
        observer.serverStarted(this);
        FailureLog.info("[" + name + "] listening on " + serverSocket.localSocketAddress() + (tls != null ? " (TLS)" : "")
                + (blocking ? " (blocking)" : ""));
    }

    private void acceptLoop() {
        AsyncServerSocket listener = serverSocket;
        while (running) {
            AsyncSocket socket;
            try {
                socket = listener.acceptPending();
            }
            catch (IOException ex) {
                if (!running || listener.isClosed()) {
                    return;
                }
                observer.error(ErrorKind.ACCEPT, ex);
                FailureLog.connectionFailed(name, "accept", ErrorKind.ACCEPT, ex);
                pauseAfterAcceptFailure();
                continue;
            }
            catch (RuntimeException ex) {
                observer.error(ErrorKind.ACCEPT, ex);
                FailureLog.connectionFailed(name, "accept", ErrorKind.ACCEPT, ex);
                continue;
            }
            if (active.get() >= maxConnections) {
                observer.connectionRejected(RejectReason.MAX_CONNECTIONS);
                FailureLog.debug("[" + name + "] refused a connection: " + maxConnections + " already open");
                socket.close();
                continue;
            }
            serve(socket);
        }
    }

    private static void pauseAfterAcceptFailure() {
        // Out of file descriptors accept fails at once, again and again: back off rather than spin.
        try {
            Thread.sleep(10);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(AsyncSocket socket) {
        Connection connection = new Connection(socket);
        active.incrementAndGet();
        connections.add(connection);
        try {
            connection.coro = asyncoro.spawn(connectionCoro, connection);
        }
        catch (RuntimeException ex) {
            // The scheduler is closing: this connection cannot be served.
            release(connection);
            observer.connectionRejected(RejectReason.SHUTDOWN);
        }
    }

    private void runConnection(Connection connection) {
        AsyncSocket socket = connection.socket();
        long opened = System.nanoTime();
        observer.connectionOpened();
        try {
            socket.setListener(observer);
            socket.setMaxMessageSize(maxMessageSize);
            if (!handshake(socket)) {
                return;
            }
            socket.setTimeout(idleTimeout);
            if (!running) {
                return;
            }
            handler.handle(socket);
        }
        catch (Throwable failure) {
            // After the grace period stop() closes the socket and interrupts the handler: what that makes the
            // handler throw is the server's doing, not the connection's error.
            boolean endedByStop = forcedClose && socket.isClosed();
            ErrorKind kind = endedByStop ? null : ErrorKind.classify(failure);
            if (kind != null) {
                observer.error(kind, failure);
                // The peer's address is looked up only now: a parked connection should not hold it.
                FailureLog.connectionFailed(name, socket.remoteSocketAddress(), kind, failure);
            }
            if (failure instanceof Error error && !(failure instanceof StackOverflowError)) {
                throw error;
            }
        }
        finally {
            release(connection);
            observer.connectionClosed(Duration.ofNanos(System.nanoTime() - opened));
        }
    }

    private boolean handshake(AsyncSocket socket) {
        if (!socket.isTls()) {
            return true;
        }
        long start = System.nanoTime();
        try {
            socket.handshake();
            observer.tlsHandshake(Duration.ofNanos(System.nanoTime() - start), true);
            return true;
        }
        catch (IOException ex) {
            observer.tlsHandshake(Duration.ofNanos(System.nanoTime() - start), false);
            observer.connectionRejected(RejectReason.TLS);
            observer.error(ErrorKind.HANDSHAKE, ex);
            FailureLog.connectionFailed(name, socket.remoteAddress(), ErrorKind.HANDSHAKE, ex);
            return false;
        }
    }

    private void release(Connection connection) {
        connection.socket().close();
        if (connections.remove(connection)) {
            active.decrementAndGet();
        }
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
            for (Connection connection : connections) {
                try {
                    connection.socket().shutdownInput();
                }
                catch (IOException | RuntimeException ignored) {
                    // already closing on its own
                }
            }
            boolean drained = awaitDrained(gracePeriod);
            if (!drained) {
                forcedClose = true;
                FailureLog.info("[" + name + "] " + active.get() + " connection(s) still open after the grace period "
                        + gracePeriod + "; closing them");
                for (Connection connection : connections) {
                    connection.socket().close();
                    Coro<?> coro = connection.coro();
                    if (coro != null) {
                        coro.terminate();
                    }
                }
                awaitDrained(TERMINATION_WAIT);
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

    private boolean awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Connection connection : connections) {
            Coro<?> coro = connection.coro();
            long remaining = deadline - System.nanoTime();
            if (coro == null || remaining <= 0) {
                continue;
            }
            try {
                coro.toFuture().get(remaining, TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
            catch (Exception ignored) {
                // a timeout is judged below; a failure was counted by the connection itself
            }
        }
        return connections.isEmpty();
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
        return active.get();
    }

    @Override
    public long maxMessageSize() {
        return maxMessageSize;
    }

    @Override
    public Duration idleTimeout() {
        return idleTimeout;
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

        /** How long a read or write may wait before the connection is closed; zero for no limit. */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("idle timeout must not be negative: " + timeout);
            }
            this.idleTimeout = timeout;
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

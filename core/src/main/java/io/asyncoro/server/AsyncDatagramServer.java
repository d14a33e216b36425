package io.asyncoro.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.CoroOptions;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.Datagram;

/**
 * A UDP server: a receive loop that hands each datagram to a {@link DatagramHandler} in a coroutine of its own,
 * so one slow handler does not hold up the next datagram.
 */
public final class AsyncDatagramServer implements AsyncSocketServerInfo, AutoCloseable {

    /** The largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM_SIZE = 65_507;

    private final String name;
    private final InetSocketAddress bindAddress;
    private final boolean blocking;
    private final int maxDatagramSize;
    private final Duration shutdownGracePeriod;
    private final ServerObserver observer;
    private final DatagramHandler handler;
    private final AsynCoro asyncoro;
    private final Phaser inFlight = new Phaser(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private volatile AsyncSocket socket;
    private volatile Coro<Void> receiveLoop;
    private volatile boolean running;

    private AsyncDatagramServer(Builder b) {
        this.name = b.name;
        this.bindAddress = new InetSocketAddress(b.address, b.port);
        this.blocking = b.blocking;
        this.maxDatagramSize = b.maxDatagramSize;
        this.shutdownGracePeriod = b.shutdownGracePeriod;
        this.observer = b.observer;
        this.handler = Objects.requireNonNull(b.handler, "a DatagramHandler is required");
        this.asyncoro = b.asyncoro != null ? b.asyncoro : AsynCoro.instance();
    }

    /** A builder with port 0 on all addresses. */
    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts receiving. */
    public void start() throws IOException {
        synchronized (lifecycle) {
            if (socket != null) {
                throw new IllegalStateException("server '" + name + "' was already started");
            }
            try {
                socket = AsyncSocket.udp(bindAddress);
            }
            catch (BindException ex) {
                BindException named = new BindException("server '" + name + "' cannot listen on UDP "
                        + bindAddress.getHostString() + ":" + bindAddress.getPort() + ": " + ex.getMessage());
                named.initCause(ex);
                throw named;
            }
            socket.setListener(observer);
            running = true;
            receiveLoop = asyncoro.spawn(new CoroOptions(name + "-receive", true, blocking), self -> {
                receiveLoop();
                return null;
            });
        }
        observer.serverStarted(this);
        FailureLog.info("[" + name + "] listening on UDP " + socket.localAddress());
    }

    private void receiveLoop() {
        AsyncSocket udp = socket;
        while (running) {
            Datagram datagram;
            try {
                datagram = udp.recvFrom(maxDatagramSize);
            }
            catch (IOException ex) {
                if (!running) {
                    return;
                }
                observer.error(ErrorKind.IO, ex);
                FailureLog.connectionFailed(name, "udp", ErrorKind.IO, ex);
                continue;
            }
            inFlight.register();
            try {
                asyncoro.spawn(new CoroOptions(null, false, blocking), self -> {
                    try {
                        handler.handle(datagram, udp);
                    }
                    catch (Exception ex) {
                        ErrorKind kind = ErrorKind.classify(ex);
                        if (kind != null) {
                            observer.error(kind, ex);
                            FailureLog.connectionFailed(name, datagram.sender(), kind, ex);
                        }
                    }
                    finally {
                        inFlight.arriveAndDeregister();
                    }
                    return null;
                });
            }
            catch (RuntimeException ex) {
                inFlight.arriveAndDeregister();
            }
        }
    }

    /** Stops within the configured grace period. */
    public void stop() {
        stop(shutdownGracePeriod);
    }

    /**
     * Stops receiving, lets handlers in progress finish (their replies still go out) for up to {@code gracePeriod},
     * then closes the socket.
     *
     * @return whether the handlers finished in time
     */
    public boolean stop(Duration gracePeriod) {
        synchronized (lifecycle) {
            if (!running) {
                return true;
            }
            running = false;
        }
        boolean drained = true;
        try {
            int phase = inFlight.arrive();
            try {
                inFlight.awaitAdvanceInterruptibly(phase, gracePeriod.toNanos(), TimeUnit.NANOSECONDS);
            }
            catch (TimeoutException ex) {
                drained = false;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                drained = false;
            }
            return drained;
        }
        finally {
            socket.close();
            Coro<Void> loop = receiveLoop;
            if (loop != null) {
                loop.terminate();
            }
            observer.serverStopped(this);
            stopped.countDown();
            FailureLog.info("[" + name + "] stopped");
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Waits until the server has stopped. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** The port bound, or -1 before {@link #start()}. */
    public int localPort() {
        AsyncSocket s = socket;
        return s == null ? -1 : s.localAddress().getPort();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String protocol() {
        return "udp";
    }

    @Override
    public InetSocketAddress localAddress() {
        AsyncSocket s = socket;
        return s == null ? null : s.localAddress();
    }

    @Override
    public boolean isTls() {
        return false;
    }

    @Override
    public boolean isBlocking() {
        return blocking;
    }

    @Override
    public int maxConnections() {
        return 0;
    }

    @Override
    public int activeConnections() {
        return 0;
    }

    @Override
    public long maxMessageSize() {
        return maxDatagramSize;
    }

    @Override
    public Duration idleTimeout() {
        return Duration.ZERO;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isListening() {
        Coro<Void> loop = receiveLoop;
        return running && loop != null && loop.isAlive();
    }

    /** Builds an {@link AsyncDatagramServer}. */
    public static final class Builder {

        private String name = "udp-server";
        private InetAddress address;
        private int port;
        private boolean blocking;
        private int maxDatagramSize = MAX_DATAGRAM_SIZE;
        private Duration shutdownGracePeriod = AsyncSocketServer.DEFAULT_SHUTDOWN_GRACE_PERIOD;
        private ServerObserver observer = ServerObserver.NONE;
        private DatagramHandler handler;
        private AsynCoro asyncoro;

        private Builder() {
        }

        /** The server's name. */
        public Builder name(String serverName) {
            this.name = Objects.requireNonNull(serverName, "name");
            return this;
        }

        /** The address to listen on; {@code null} for all. */
        public Builder address(InetAddress bind) {
            this.address = bind;
            return this;
        }

        /** The port; 0 takes any free one. */
        public Builder port(int bindPort) {
            this.port = BuilderChecks.port(bindPort);
            return this;
        }

        /** Run handlers on platform threads. */
        public Builder blocking(boolean onPlatformThreads) {
            this.blocking = onPlatformThreads;
            return this;
        }

        /** The largest datagram taken whole; longer ones are cut, as UDP does. */
        public Builder maxDatagramSize(int bytes) {
            if (bytes < 1 || bytes > MAX_DATAGRAM_SIZE) {
                throw new IllegalArgumentException("max datagram size must be between 1 and " + MAX_DATAGRAM_SIZE);
            }
            this.maxDatagramSize = bytes;
            return this;
        }

        /** How long {@link AsyncDatagramServer#stop()} lets handlers finish. */
        public Builder shutdownGracePeriod(Duration grace) {
            this.shutdownGracePeriod = Objects.requireNonNull(grace, "grace");
            return this;
        }

        /** Who is told of datagrams, bytes and errors. */
        public Builder observer(ServerObserver serverObserver) {
            this.observer = serverObserver == null ? ServerObserver.NONE : serverObserver;
            return this;
        }

        /** What handles each datagram. */
        public Builder handler(DatagramHandler datagramHandler) {
            this.handler = datagramHandler;
            return this;
        }

        /** The scheduler; {@link AsynCoro#instance()} by default. */
        public Builder asyncoro(AsynCoro scheduler) {
            this.asyncoro = scheduler;
            return this;
        }

        /** The server, not yet started. */
        public AsyncDatagramServer build() {
            return new AsyncDatagramServer(this);
        }
    }
}

package io.asyncoro.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.asyncoro.Coro;
import io.asyncoro.CoroOptions;
import io.asyncoro.net.AsyncServerSocket;

/**
 * An {@link AsyncSocketServer}'s life from start to stop: binding (a taken port is reported with the server's name
 * and address), the accept coroutine, and the graceful stop that drains the connections before it closes what is
 * left. The server object keeps its settings and what it tells about itself; this keeps the state that changes.
 */
final class ServerLifecycle {

    /** After the grace period: how long closed and interrupted handlers get to end before stop() returns. */
    private static final Duration TERMINATION_WAIT = Duration.ofMillis(500);

    private final AsyncSocketServer server;
    private final ServerSettings settings;
    private final InetSocketAddress bindAddress;
    // Set for a server on a Unix domain socket, which then ignores bindAddress.
    private final UnixDomainSocketAddress unixAddress;
    private final ConnectionSet connections = new ConnectionSet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object lock = new Object();
    private volatile AsyncServerSocket serverSocket;
    private volatile Coro<Void> acceptLoop;
    private volatile boolean running;

    ServerLifecycle(AsyncSocketServer server, ServerSettings settings, InetSocketAddress bindAddress,
            UnixDomainSocketAddress unixAddress) {
        this.server = server;
        this.settings = settings;
        this.bindAddress = bindAddress;
        this.unixAddress = unixAddress;
    }

    /** Binds and spawns the accept loop; see {@link AsyncSocketServer#start()}. */
    void start(ConnectionGate gate, ConnectionRunner runner) throws IOException {
        String name = settings.name;
        boolean blocking = settings.blocking;
        synchronized (lock) {
            if (serverSocket != null) {
                throw new IllegalStateException("server '" + name + "' was already started");
            }
            serverSocket = bind();
            running = true;
            acceptLoop = settings.asyncoro.spawn(new CoroOptions(name + "-accept", true, blocking), new AcceptLoop(
                    name, serverSocket, this::isRunning, settings.maxConnections, connections, gate, runner,
                    settings.observer, settings.asyncoro, new CoroOptions(name + "-connection", false, blocking)));
        }
        settings.observer.serverStarted(server);
        FailureLog.info("[" + name + "] listening on " + serverSocket.localSocketAddress()
                + (settings.tls != null ? " (TLS)" : "") + (blocking ? " (blocking)" : ""));
    }

    private AsyncServerSocket bind() throws IOException {
        try {
            return unixAddress != null ? AsyncServerSocket.bind(unixAddress, settings.backlog)
                    : AsyncServerSocket.bind(bindAddress, settings.backlog, settings.tls, settings.blocking);
        }
        catch (BindException ex) {
            String where = unixAddress != null ? unixAddress.getPath().toString()
                    : bindAddress.getHostString() + ":" + bindAddress.getPort();
            BindException named = new BindException("server '" + settings.name + "' cannot listen on " + where + ": "
                    + ex.getMessage());
            named.initCause(ex);
            throw named;
        }
    }

    /** Stops and drains; see {@link AsyncSocketServer#stop(Duration)}. */
    boolean stop(Duration gracePeriod) {
        synchronized (lock) {
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
                FailureLog.info("[" + settings.name + "] " + connections.active()
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
            settings.observer.serverStopped(server);
            stopped.countDown();
            FailureLog.info("[" + settings.name + "] stopped");
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

    void awaitStop() throws InterruptedException {
        stopped.await();
    }

    ConnectionSet connections() {
        return connections;
    }

    /** The listening socket; {@code null} before start. */
    AsyncServerSocket serverSocket() {
        return serverSocket;
    }

    boolean isRunning() {
        return running;
    }

    boolean isListening() {
        Coro<Void> loop = acceptLoop;
        AsyncServerSocket s = serverSocket;
        return running && loop != null && loop.isAlive() && s != null && !s.isClosed();
    }
}

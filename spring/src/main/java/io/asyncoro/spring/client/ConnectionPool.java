package io.asyncoro.spring.client;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client's connections: at most {@code pool.max-size} open, idle ones reused last-in first-out (so a quiet
 * period lets the surplus age out) and closed once found idle longer than {@code pool.max-idle-time} (when a
 * connection is taken or given back: there is no timer). A caller that finds every
 * connection busy waits, within its deadline, for one to come back.
 */
final class ConnectionPool implements AutoCloseable {

    private final ClientSettings settings;
    private final Connector connector;
    private final ClientObserver observer;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<PooledConnection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closed;

    ConnectionPool(ClientSettings settings, Connector connector, ClientObserver observer) {
        this.settings = settings;
        this.connector = connector;
        this.observer = observer;
        this.permits = new Semaphore(settings.poolMaxSize(), true);
    }

    /**
     * A connection for one call, to be given back with {@link #release} or {@link #discard}.
     *
     * @throws ClientTimeoutException when none is free or can be opened before the deadline
     */
    PooledConnection acquire(long deadlineNanos) throws IOException, InterruptedException {
        if (this.closed) {
            throw new AsyncoroClientException("[" + this.settings.name() + "] the client is closed");
        }
        if (!this.permits.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new ClientTimeoutException("[" + this.settings.name() + "] every one of the "
                    + this.settings.poolMaxSize() + " pooled connections stayed busy", null);
        }
        try {
            PooledConnection connection;
            long maxIdle = this.settings.poolMaxIdleTime().toNanos();
            while ((connection = this.idle.pollFirst()) != null) {
                if (!connection.socket.isClosed() && System.nanoTime() - connection.idleSinceNanos < maxIdle) {
                    return connection;
                }
                close(connection);
            }
            var socket = this.connector.connect(deadlineNanos);
            this.open.incrementAndGet();
            return new PooledConnection(socket, this.settings.framing().reader(socket));
        }
        catch (IOException | RuntimeException | Error ex) {
            this.permits.release();
            throw ex;
        }
    }

    /** Gives a healthy connection back for reuse. */
    void release(PooledConnection connection) {
        if (this.closed || connection.socket.isClosed()) {
            close(connection);
        }
        else {
            connection.idleSinceNanos = System.nanoTime();
            this.idle.offerFirst(connection);
            closeExpired(connection.idleSinceNanos);
        }
        this.permits.release();
    }

    // The oldest idle connections are at the tail (reuse is from the head): close those idle too long, so that
    // a burst's surplus goes away once traffic is back to normal without a timer of its own.
    private void closeExpired(long now) {
        long maxIdle = this.settings.poolMaxIdleTime().toNanos();
        PooledConnection oldest;
        while ((oldest = this.idle.peekLast()) != null && now - oldest.idleSinceNanos >= maxIdle) {
            if (this.idle.removeLastOccurrence(oldest)) {
                close(oldest);
            }
        }
    }

    /** Closes a connection a call left in an unknown state (a timeout, a half-read reply). */
    void discard(PooledConnection connection) {
        close(connection);
        this.permits.release();
    }

    /** Connections waiting in the pool. */
    int idleConnections() {
        return this.idle.size();
    }

    /** Pooled connections open now, idle or lent out. */
    int openConnections() {
        return this.open.get();
    }

    private void close(PooledConnection connection) {
        this.open.decrementAndGet();
        connection.socket.close();
        this.observer.disconnected();
    }

    @Override
    public void close() {
        this.closed = true;
        PooledConnection connection;
        while ((connection = this.idle.pollFirst()) != null) {
            close(connection);
        }
    }
}

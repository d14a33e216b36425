package io.asyncoro.server;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.asyncoro.Coro;
import io.asyncoro.net.GracefulClose;

/**
 * The connections a server is serving, and how a stop ends them: their input first, then FIN when each handler is
 * done, and a forced close for those that outlive the grace period.
 */
final class ConnectionSet {

    /** On a stop, the longest a connection whose handler is done waits for its peer to close after our FIN. */
    private static final Duration MAX_GOODBYE = Duration.ofSeconds(2);

    private final Set<ServedConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean stopping;
    private volatile boolean forcedClose;
    // When the grace period of the stop in progress ends (System.nanoTime()).
    private volatile long stopDeadline;

    /** How many are being served. */
    int active() {
        return active.get();
    }

    void add(ServedConnection connection) {
        active.incrementAndGet();
        connections.add(connection);
    }

    /** Closes a connection and frees its places: its admission slot and its share of max-connections. */
    void release(ServedConnection connection) {
        if (stopping && !forcedClose) {
            // A stop: FIN after the last reply and the peer's late bytes taken in, so it sees an end, not a reset.
            // Bounded apart from the grace period too: a peer that never closes its side must not make every stop
            // last the whole grace period and end as a failure, when its handler is done.
            long left = Math.min(stopDeadline - System.nanoTime(), MAX_GOODBYE.toNanos());
            GracefulClose.close(connection.socket(), Duration.ofNanos(left));
        }
        connection.closeAndRelease();
        if (connections.remove(connection)) {
            active.decrementAndGet();
        }
    }

    /** Starts a stop of {@code gracePeriod}: each handler sees end of stream after the message in hand. */
    void endInputs(Duration gracePeriod) {
        stopDeadline = System.nanoTime() + gracePeriod.toNanos();
        stopping = true;
        for (ServedConnection connection : connections) {
            try {
                GracefulClose.endInput(connection.socket());
            }
            catch (IOException | RuntimeException ignored) {
                // already closing on its own
            }
        }
    }

    /** After the grace period: closes what remains and terminates its coroutines. */
    void closeAll() {
        forcedClose = true;
        for (ServedConnection connection : connections) {
            connection.socket().close();
            Coro<?> coro = connection.coro();
            if (coro != null) {
                coro.terminate();
            }
        }
    }

    /** Whether {@link #closeAll()} has run: what the handlers then throw is the stop's doing. */
    boolean closedByStop() {
        return forcedClose;
    }

    /** Waits up to {@code timeout} for every connection's coroutine; whether none is left. */
    boolean awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ServedConnection connection : connections) {
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
}

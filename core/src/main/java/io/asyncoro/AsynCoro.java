package io.asyncoro;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The coroutine scheduler: asyncoro's {@code AsynCoro}. It starts coroutines on virtual threads (the JDK
 * schedules them; a blocking call parks one and frees its carrier), keeps count of the live ones and shuts
 * them down with a deadline.
 *
 * <p>{@link #instance()} is the process-wide default, as {@code AsynCoro.instance()} was in asyncoro; an
 * application framework creates and closes its own with {@code new AsynCoro(name)}.
 */
public final class AsynCoro implements AutoCloseable {

    /** How long {@link #close()} waits for coroutines before terminating them. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration TERMINATION_WAIT = Duration.ofSeconds(2);

    private static volatile AsynCoro defaultInstance;

    private final String name;
    private final Set<Coro<?>> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nonDaemonExited = lock.newCondition();
    private volatile boolean closed;

    /** A scheduler named {@code asyncoro}. */
    public AsynCoro() {
        this("asyncoro");
    }

    /** A scheduler whose coroutines' thread names start with {@code name}. */
    public AsynCoro(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The process-wide scheduler, created on first use and never closed. */
    public static AsynCoro instance() {
        AsynCoro result = defaultInstance;
        if (result == null) {
            synchronized (AsynCoro.class) {
                result = defaultInstance;
                if (result == null) {
                    result = new AsynCoro("asyncoro");
                    defaultInstance = result;
                }
            }
        }
        return result;
    }

    /** Starts a coroutine running {@code body} on a virtual thread. */
    public <T> Coro<T> spawn(CoroBody<T> body) {
        return spawn(CoroOptions.DEFAULT, body);
    }

    /** Starts a named coroutine running {@code body} on a virtual thread. */
    public <T> Coro<T> spawn(String coroName, CoroBody<T> body) {
        return spawn(CoroOptions.DEFAULT.withName(coroName), body);
    }

    /**
     * Starts a coroutine as {@code options} say.
     *
     * @throws IllegalStateException once this scheduler is closed
     */
    public <T> Coro<T> spawn(CoroOptions options, CoroBody<T> body) {
        Objects.requireNonNull(body, "body");
        if (closed) {
            throw new IllegalStateException("AsynCoro '" + name + "' is closed");
        }
        long id = ids.incrementAndGet();
        String coroName = options.name() != null ? options.name() : name + "-coro-" + id;
        Coro<T> coro = new Coro<>(id, coroName, options);
        // One capturing lambda per coroutine, not two: every live connection holds it.
        Runnable run = () -> coro.runBody(body, this);
        Thread thread = options.blocking()
                ? Thread.ofPlatform().name(coroName).daemon(true).unstarted(run)
                : Thread.ofVirtual().name(coroName).unstarted(run);
        coro.attach(thread);
        live.add(coro);
        try {
            thread.start();
        }
        catch (RuntimeException | Error ex) {
            // out of threads or memory: the coroutine never existed
            live.remove(coro);
            throw ex;
        }
        started.incrementAndGet();
        return coro;
    }

    // Called by a coroutine as it ends.
    void exited(Coro<?> coro) {
        live.remove(coro);
        if (!coro.isDaemon()) {
            lock.lock();
            try {
                nonDaemonExited.signalAll();
            }
            finally {
                lock.unlock();
            }
        }
    }

    /** How many coroutines are running now. */
    public int activeCount() {
        return live.size();
    }

    /** How many coroutines this scheduler has started in all. */
    public long startedCount() {
        return started.get();
    }

    /** The names of the running coroutines. */
    public List<String> names() {
        return live.stream().map(Coro::name).sorted().toList();
    }

    /** This scheduler's name. */
    public String name() {
        return name;
    }

    /** Whether {@link #close} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /** Closes with {@link #DEFAULT_SHUTDOWN_TIMEOUT}. */
    @Override
    public void close() {
        close(DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /**
     * Stops taking new coroutines, waits up to {@code timeout} for the non-daemon ones to end, then terminates
     * every coroutine still running (daemons included) and waits briefly for them to go.
     *
     * @return whether every non-daemon coroutine ended on its own within the timeout
     */
    public boolean close(Duration timeout) {
        closed = true;
        boolean inTime = awaitNonDaemons(timeout);
        Coro<?> self = currentOrNull();
        for (Coro<?> coro : live) {
            if (coro != self) {
                coro.terminate();
            }
        }
        awaitAll(TERMINATION_WAIT);
        return inTime;
    }

    private boolean awaitNonDaemons(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (live.stream().anyMatch(c -> !c.isDaemon() && c != currentOrNull())) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                nonDaemonExited.awaitNanos(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
        finally {
            lock.unlock();
        }
    }

    private void awaitAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Coro<?> coro : live) {
            if (coro == currentOrNull()) {
                continue;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            try {
                coro.toFuture().get(remaining, TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (Exception ignored) {
                // ended with a failure or still running: either way, nothing more to wait for here
            }
        }
    }

    private static Coro<?> currentOrNull() {
        return Coro.inCoroutine() ? Coro.current() : null;
    }

    @Override
    public String toString() {
        return "AsynCoro[" + name + ", active=" + live.size() + (closed ? ", closed" : "") + "]";
    }
}

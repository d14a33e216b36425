package io.asyncoro;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A coroutine: a virtual thread (or, in blocking mode, a platform thread) started by an {@link AsynCoro},
 * with asyncoro's message queue, suspend and resume, termination and monitors.
 *
 * <p>Where asyncoro wrote {@code msg = yield coro.receive()}, Java writes {@code msg = Coro.receive()}: the
 * static methods act on the coroutine that calls them. Instance methods ({@link #send}, {@link #resume},
 * {@link #terminate}, {@link #value()}) may be called from any thread.
 *
 * @param <T> the type of the coroutine's value
 */
public final class Coro<T> {

    // Which coroutine each running thread serves. A map rather than a ThreadLocal: a ThreadLocal gives every
    // virtual thread its own ThreadLocalMap (about 140 bytes per coroutine), a map entry costs 32.
    private static final Map<Thread, Coro<?>> CURRENT = new ConcurrentHashMap<>();

    /** Stands for a {@code null} value in queues that do not take null. */
    private static final Object NULL = new Object();

    private final long id;
    private final String name;
    private final CoroOptions options;
    // The mailbox, the resume slot and the monitor list are made on first use: most coroutines (one per
    // connection in a server) never use them, and each costs a few hundred bytes per coroutine.
    private static final VarHandle MAILBOX;
    private static final VarHandle RESUME_SLOT;
    private static final VarHandle MONITORS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MAILBOX = lookup.findVarHandle(Coro.class, "mailbox", BlockingQueue.class);
            RESUME_SLOT = lookup.findVarHandle(Coro.class, "resumeSlot", BlockingQueue.class);
            MONITORS = lookup.findVarHandle(Coro.class, "monitors", List.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private volatile BlockingQueue<Object> mailbox;
    private volatile BlockingQueue<Object> resumeSlot;
    private volatile List<Coro<?>> monitors;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private volatile boolean terminated;
    private volatile Thread thread;

    Coro(long id, String name, CoroOptions options) {
        this.id = id;
        this.name = name;
        this.options = options;
    }

    private BlockingQueue<Object> mailbox() {
        BlockingQueue<Object> queue = mailbox;
        if (queue == null) {
            queue = new LinkedBlockingQueue<>();
            if (!MAILBOX.compareAndSet(this, null, queue)) {
                queue = mailbox;
            }
        }
        return queue;
    }

    private BlockingQueue<Object> resumeSlot() {
        BlockingQueue<Object> slot = resumeSlot;
        if (slot == null) {
            slot = new ArrayBlockingQueue<>(1);
            if (!RESUME_SLOT.compareAndSet(this, null, slot)) {
                slot = resumeSlot;
            }
        }
        return slot;
    }

    private List<Coro<?>> monitors() {
        List<Coro<?>> list = monitors;
        if (list == null) {
            list = new CopyOnWriteArrayList<>();
            if (!MONITORS.compareAndSet(this, null, list)) {
                list = monitors;
            }
        }
        return list;
    }

    void attach(Thread carrierThread) {
        this.thread = carrierThread;
    }

    void runBody(CoroBody<T> body, AsynCoro scheduler) {
        Thread running = Thread.currentThread();
        CURRENT.put(running, this);
        T value = null;
        Throwable failure = null;
        try {
            value = body.run(this);
        }
        catch (InterruptedException ex) {
            failure = terminated ? new CoroTerminatedException(name) : ex;
        }
        catch (Throwable ex) {
            failure = terminated && isInterruption(ex) ? new CoroTerminatedException(name) : ex;
        }
        finally {
            CURRENT.remove(running);
            // Leave the scheduler's books before anyone waiting on value() wakes, so that activeCount() read
            // after value() returns no longer counts this coroutine.
            scheduler.exited(this);
            if (failure == null) {
                result.complete(value);
            }
            else {
                result.completeExceptionally(failure);
            }
            notifyMonitors();
        }
    }

    private static boolean isInterruption(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.nio.channels.ClosedByInterruptException
                    || t instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    private void notifyMonitors() {
        List<Coro<?>> watchers = monitors;
        if (watchers == null || watchers.isEmpty()) {
            return;
        }
        CoroExit exit = exitRecord();
        for (Coro<?> monitor : watchers) {
            // remove() decides the race with monitor(): whoever removes the entry sends, so exactly once
            if (watchers.remove(monitor)) {
                monitor.send(exit);
            }
        }
    }

    private CoroExit exitRecord() {
        if (!result.isCompletedExceptionally()) {
            return new CoroExit(this, result.getNow(null), null);
        }
        try {
            result.join();
            throw new IllegalStateException("unreachable");
        }
        catch (java.util.concurrent.CompletionException ex) {
            return new CoroExit(this, null, ex.getCause());
        }
    }

    /**
     * The coroutine calling this method.
     *
     * @throws IllegalStateException when the caller is not a coroutine
     */
    public static Coro<?> current() {
        Coro<?> coro = CURRENT.get(Thread.currentThread());
        if (coro == null) {
            throw new IllegalStateException("not called from a coroutine: " + Thread.currentThread());
        }
        return coro;
    }

    /** Whether the calling thread is a coroutine's. */
    public static boolean inCoroutine() {
        return CURRENT.get(Thread.currentThread()) != null;
    }

    /**
     * Waits for the next message sent to the calling coroutine (asyncoro's {@code coro.receive()}).
     *
     * @throws InterruptedException when the coroutine is terminated while waiting
     */
    public static Object receive() throws InterruptedException {
        return unwrap(current().mailbox().take());
    }

    /**
     * Waits up to {@code timeout} for the next message; {@code null} when none came in time, as asyncoro's
     * {@code receive(timeout)} returned {@code None}.
     */
    public static Object receive(Duration timeout) throws InterruptedException {
        Object message = current().mailbox().poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return message == null ? null : unwrap(message);
    }

    /** Parks the calling coroutine for the given time (asyncoro's {@code yield coro.sleep(t)}). */
    public static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
    }

    /**
     * Suspends the calling coroutine until another one calls {@link #resume(Object)} on it, and returns the
     * value given there.
     */
    public static Object suspend() throws InterruptedException {
        return unwrap(current().resumeSlot().take());
    }

    /**
     * Suspends the calling coroutine until resumed or until {@code timeout} passes; returns the resume value,
     * or {@code timeoutValue} when the time ran out (asyncoro's {@code suspend(timeout, alarm_value)}).
     */
    public static Object suspend(Duration timeout, Object timeoutValue) throws InterruptedException {
        Object value = current().resumeSlot().poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return value == null ? timeoutValue : unwrap(value);
    }

    /**
     * Wakes this coroutine from {@link #suspend()}, which returns {@code value}. A resume that comes before
     * the suspend is kept for it; a second one before then is refused.
     *
     * @return whether the value was taken
     */
    public boolean resume(Object value) {
        return isAlive() && resumeSlot().offer(wrap(value));
    }

    /**
     * Puts a message in this coroutine's queue. Never blocks.
     *
     * @return {@code false} when the coroutine has already ended, so the message is dropped
     */
    public boolean send(Object message) {
        if (result.isDone()) {
            return false;
        }
        return mailbox().offer(wrap(message));
    }

    /**
     * Makes this coroutine (the caller) receive a {@link CoroExit} message when {@code target} ends. If the
     * target has already ended the message is sent at once.
     *
     * @return this coroutine
     */
    public Coro<T> monitor(Coro<?> target) {
        Objects.requireNonNull(target, "target");
        List<Coro<?>> targetMonitors = target.monitors();
        targetMonitors.add(this);
        if (target.result.isDone() && targetMonitors.remove(this)) {
            send(target.exitRecord());
        }
        return this;
    }

    /** Stops this coroutine: interrupts it, so whatever it waits on throws; {@link #value()} then throws {@link CoroTerminatedException}. */
    public void terminate() {
        terminated = true;
        Thread t = thread;
        if (t != null && !result.isDone()) {
            t.interrupt();
        }
    }

    /**
     * Waits for this coroutine to end and returns its value, or rethrows its failure (unchecked as it is,
     * checked wrapped in {@link CoroFailedException}).
     */
    public T value() throws InterruptedException {
        try {
            return result.get();
        }
        catch (ExecutionException ex) {
            throw rethrow(ex.getCause());
        }
        catch (CancellationException ex) {
            throw new CoroTerminatedException(name);
        }
    }

    /**
     * As {@link #value()}, waiting at most {@code timeout}.
     *
     * @throws TimeoutException when the coroutine is still running then
     */
    public T value(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (ExecutionException ex) {
            throw rethrow(ex.getCause());
        }
    }

    private RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new CoroFailedException(name, failure);
    }

    /** A future completed with this coroutine's value or failure, for composing with other code. */
    public CompletableFuture<T> toFuture() {
        return result.copy();
    }

    /** Whether the coroutine is still running. */
    public boolean isAlive() {
        return !result.isDone();
    }

    /** Whether this is a daemon coroutine (see {@link CoroOptions#daemon()}). */
    public boolean isDaemon() {
        return options.daemon();
    }

    /** Whether this coroutine runs on a platform thread (blocking mode). */
    public boolean isBlocking() {
        return options.blocking();
    }

    /** The coroutine's name. */
    public String name() {
        return name;
    }

    /** A number unique within its {@link AsynCoro}. */
    public long id() {
        return id;
    }

    private static Object wrap(Object value) {
        return value == null ? NULL : value;
    }

    private static Object unwrap(Object value) {
        return value == NULL ? null : value;
    }

    @Override
    public String toString() {
        return "Coro[" + name + "/" + id + (isAlive() ? "" : ", ended") + "]";
    }
}

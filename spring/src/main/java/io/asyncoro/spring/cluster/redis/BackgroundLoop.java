package io.asyncoro.spring.cluster.redis;

import java.time.Duration;

/**
 * A loop on a virtual thread of its own, as the bus's writer, reader and heartbeat each run: started once, stopped
 * by clearing {@link #running()} and interrupting the thread, then waiting a bounded time for it to end.
 */
final class BackgroundLoop {

    private final String name;
    private final Runnable body;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param body runs while {@link #running()}; returns when it is cleared or the thread is interrupted
     */
    BackgroundLoop(String name, Runnable body) {
        this.name = name;
        this.body = body;
    }

    synchronized void start() {
        this.running = true;
        this.thread = Thread.ofVirtual().name(this.name).start(this.body);
    }

    boolean running() {
        return this.running;
    }

    /** Stops the loop and waits at most {@code wait} for its thread to end. */
    void stop(Duration wait) {
        this.running = false;
        Thread t;
        synchronized (this) {
            t = this.thread;
        }
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join(wait);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}

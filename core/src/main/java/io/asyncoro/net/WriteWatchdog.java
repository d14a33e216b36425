package io.asyncoro.net;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Enforces write timeouts. A JDK socket has a read timeout but none for writes, so a write that has not
 * finished by its deadline is ended by closing the socket from this one shared timer thread.
 */
final class WriteWatchdog {

    private static final ScheduledThreadPoolExecutor TIMER = createTimer();

    private WriteWatchdog() {
    }

    private static ScheduledThreadPoolExecutor createTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("asyncoro-write-watchdog").daemon(true).factory());
        // Nearly every write finishes in time; without this the cancelled tasks would pile up in the queue.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    static ScheduledFuture<?> schedule(Runnable onTimeout, long delayNanos) {
        return TIMER.schedule(onTimeout, delayNanos, TimeUnit.NANOSECONDS);
    }
}

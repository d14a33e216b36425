package io.asyncoro.spring.connection;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection's account of the bytes in its send queue against its {@link SendQueueLimits}. Checked each
 * time a message is queued, as Redis checks a client's output buffer on each write to it.
 */
final class SendQueueBudget {

    private static final long NOT_OVER = Long.MIN_VALUE;

    private final SendQueueLimits limits;
    private final AtomicLong bytes = new AtomicLong();
    // When the queue went over the soft limit (System.nanoTime), NOT_OVER while it is under.
    private volatile long overSoftSince = NOT_OVER;

    SendQueueBudget(SendQueueLimits limits) {
        this.limits = limits;
    }

    /**
     * Counts a message about to be queued.
     *
     * @return {@code null} when it may be queued; otherwise why the connection must be dropped (the message
     *         is then not counted)
     */
    String admit(int length) {
        long before = this.bytes.getAndAdd(length);
        long total = before + length;
        if (total > this.limits.hardLimit() && before > 0) {
            release(length);
            return "its send queue would hold " + total + " bytes, over its hard limit of "
                    + this.limits.hardLimit();
        }
        long soft = this.limits.softLimit();
        if (soft > 0 && total > soft) {
            long now = System.nanoTime();
            long since = this.overSoftSince;
            if (since == NOT_OVER) {
                this.overSoftSince = now;
            }
            else if (now - since >= this.limits.softPeriod().toNanos()) {
                release(length);
                return "its send queue has held over its soft limit of " + soft + " bytes for "
                        + this.limits.softPeriod();
            }
        }
        return null;
    }

    /** Uncounts a message the writer took, or that could not be queued after all. */
    void release(int length) {
        if (this.bytes.addAndGet(-length) <= this.limits.softLimit()) {
            this.overSoftSince = NOT_OVER;
        }
    }

    /** The bytes waiting to be written. */
    long bytes() {
        return this.bytes.get();
    }
}

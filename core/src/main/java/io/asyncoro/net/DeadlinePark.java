package io.asyncoro.net;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.locks.LockSupport;

/**
 * How a coroutine waiting on a {@link PolledChannel} parks: until it is unparked, or until an operation's deadline,
 * which turns into the same exceptions a blocking socket throws. Kept apart from the channel so the queue and its
 * waiters read without the timing rules, and so a caller's loop re-checks its condition after every wake-up.
 */
final class DeadlinePark {

    private DeadlinePark() {
    }

    /**
     * Parks once: until unparked (or a spurious wake-up), or at most until {@code deadline}.
     *
     * @param deadline {@link System#nanoTime()} to give up at, or 0 for none
     * @throws SocketTimeoutException when the deadline has passed
     * @throws ClosedByInterruptException when the thread is interrupted; the caller closes the socket
     */
    static void park(long deadline) throws IOException {
        if (deadline == 0) {
            LockSupport.park();
        }
        else {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new SocketTimeoutException();
            }
            LockSupport.parkNanos(remaining);
        }
        if (Thread.currentThread().isInterrupted()) {
            // As a blocking socket does for an interrupted virtual thread: the operation ends and the socket closes.
            throw new ClosedByInterruptException();
        }
    }
}

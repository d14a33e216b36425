package io.asyncoro.net;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * What the user of one {@link AsyncSocket} set, shared by the facade and its transport. The fields are volatile
 * because settings may change from another coroutine while an operation runs; each operation reads them once.
 */
final class SocketSettings {

    // The read timeout, and the write timeout (the same unless set apart with setReadTimeout/setWriteTimeout).
    volatile long timeoutNanos;
    volatile long writeTimeoutNanos;
    volatile long maxMessageSize = AsyncSocket.DEFAULT_MAX_MESSAGE_SIZE;
    volatile IoListener listener = IoListener.NONE;

    /** When an operation starting now must end ({@link System#nanoTime()}), or 0 for never. */
    long deadline() {
        long timeout = timeoutNanos;
        return timeout == 0 ? 0 : System.nanoTime() + timeout;
    }

    /** The largest message a read accepts: the setting, capped by what a Java array holds. */
    long receiveLimit() {
        return Math.min(maxMessageSize, AsyncSocket.MAX_RECEIVABLE_LENGTH);
    }

    /** A timeout setting in nanoseconds: zero for {@code null}; a negative one is refused. */
    static long nanos(Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        return timeout == null ? 0 : timeout.toNanos();
    }

    /** A message size limit, refused past what a header can state. */
    static long checkedMaxMessageSize(long bytes) {
        if (bytes < 0 || bytes > AsyncSocket.MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException(
                    "max message size must be between 0 and " + AsyncSocket.MAX_FRAME_LENGTH + ": " + bytes);
        }
        return bytes;
    }

    /** The exception for a read that ran out of time. */
    SocketTimeoutException readTimeout(String op, IOException cause) {
        return timeout(op, timeoutNanos, cause);
    }

    static SocketTimeoutException timeout(String op, long timeoutNanos, IOException cause) {
        SocketTimeoutException ex = new SocketTimeoutException(
                op + " timed out after " + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
        if (cause != null) {
            ex.initCause(cause);
        }
        return ex;
    }
}

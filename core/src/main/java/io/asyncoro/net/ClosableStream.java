package io.asyncoro.net;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * How a byte-stream connection ends: an ordinary close (a goodbye first, then the waiters woken, then the
 * descriptor), a close after {@code shutdownInput} that lingers so the last replies are not lost to a reset, and the
 * abrupt ends for a connection that overran a deadline or broke a rule. {@link StreamTransport} builds reading and
 * writing on top; the kinds supply the descriptor's own steps below. A superclass rather than a helper object, so
 * that every idle connection does not pay for one more object.
 */
abstract class ClosableStream implements Transport {

    private static final long CLOSE_LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);

    volatile boolean closed;
    volatile boolean inputShutdown;
    volatile boolean writeTimedOut;

    // ---------------------------------------------------------------- what each kind supplies

    /** Wakes coroutines parked on the connection, without closing it yet. */
    void wakeWaiters() {
    }

    /**
     * A polite goodbye before the descriptor closes (TLS's close_notify), while waiters still wait; must not block
     * for long.
     */
    void sayGoodbye() {
    }

    /** Whether the descriptor is still open. */
    abstract boolean isOpen();

    /** Closes the descriptor. */
    abstract void release();

    /** Makes the coming close a reset, which drops the bytes still queued for the peer. */
    abstract void resetOnClose() throws IOException;

    // ---------------------------------------------------------------- closing

    @Override
    public final boolean isClosed() {
        return closed;
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        // The goodbye goes first: a transport that writes it through the poller could not once waiters are woken.
        sayGoodbye();
        wakeWaiters();
        if (inputShutdown) {
            lingerThenRelease();
            return;
        }
        release();
    }

    /**
     * Closing with the peer's bytes unread makes the kernel reset the connection and drop what is still in our
     * send queue: the last replies of a drained connection would be lost. So after {@code shutdownInput} the
     * descriptor is closed {@code CLOSE_LINGER_NANOS} later, off the caller's thread, which gives the peer time
     * to take what was queued. No FIN is sent first on purpose: Linux answers data that arrives after FIN on a
     * socket whose input is shut down with a reset, at once, and a peer that is still sending would lose the
     * tail of its replies that way. (Java cannot read after shutdownInput, so the unread input cannot be drained:
     * a fixed linger is the best a blocking socket can do here.)
     */
    private void lingerThenRelease() {
        if (isOpen()) {
            WriteWatchdog.schedule(this::release, CLOSE_LINGER_NANOS);
        }
    }

    /** Ends a write or handshake that overran its deadline: the connection cannot be used after a partial write. */
    final void abort() {
        writeTimedOut = true;
        drop();
    }

    /** Closes at once, without a goodbye: for a connection that broke a rule and is owed nothing. */
    final void drop() {
        closed = true;
        wakeWaiters();
        release();
    }

    /**
     * {@link #abort()} for a write. A write that timed out left the peer with a torn frame and our send queue
     * full of bytes it is not taking: close with a reset, so the kernel drops them at once instead of trickling
     * them to a peer that barely reads before it may send the FIN.
     */
    final void abortWrite() {
        try {
            resetOnClose();
        }
        catch (IOException ignored) {
            // already closed: nothing left to drop
        }
        abort();
    }

    /** A failure caused by our own close is reported as {@link SocketClosedException}, whatever the JDK said. */
    final IOException closedOr(IOException ex, String op) {
        if (closed && !(ex instanceof SocketClosedException)) {
            SocketClosedException closedEx = new SocketClosedException(op);
            closedEx.initCause(ex);
            return closedEx;
        }
        return ex;
    }
}

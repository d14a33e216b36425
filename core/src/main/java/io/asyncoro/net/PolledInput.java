package io.asyncoro.net;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The reading half of a {@link PolledChannel}: what its {@link Poller} read, waiting for the connection's reader,
 * and the reader's waits for it. The bytes come as chunks of exactly what each read brought, straight into a
 * reader's array, or as the payload of a whole frame a reader waits for; past {@link #HIGH_WATER} queued bytes the
 * poller stops reading the connection until the reader catches up, so a peer that sends faster than its handler
 * reads costs a bounded amount of heap.
 *
 * <p>The reader's methods are called with the owning {@link AsyncSocket}'s read lock held: one reader at a time.
 *
 * <p>The inbound queue is a slot for the oldest chunk plus a deque made only when a second chunk arrives before the
 * first is taken, both guarded by this object's monitor: an idle connection, which holds nothing, then costs no queue
 * at all, where a concurrent queue would keep its own object and a node per connection. A subclass, not an object
 * of its own, for the same reason.
 */
abstract class PolledInput {

    static final int HIGH_WATER = 64 * 1024;
    private static final int LOW_WATER = 16 * 1024;

    // Bytes the pollers copied straight into a reader's array, over all connections (for tests: one counter for
    // all, so a connection pays nothing for it).
    private static final LongAdder DIRECT_BYTES = new LongAdder();

    // Guarded by this: the oldest unread chunk, those after it (null when there are none), and their total size.
    private byte[] head;
    private ArrayDeque<byte[]> rest;
    private int queued;
    private boolean readPaused;
    // Guarded by this: where a reader waiting for a large payload wants its next bytes; null when none waits so.
    private DirectRead target;
    // Guarded by this: the largest payload of a whole frame a waiting reader takes from the poller (-1 when none
    // waits so), and that frame's payload once taken.
    private int frameLimit = -1;
    private byte[] frame;

    private volatile Thread reader;
    private volatile boolean endOfStream;
    private volatile IOException readFailure;
    // A graceful stop's end of input (endInput): the reader is done, while the poller keeps taking the peer's bytes.
    private volatile boolean inputEnded;
    volatile boolean closed;

    /** The connection's registration with its poller. */
    abstract SelectionKey key();

    // ---------------------------------------------------------------- the poller's side

    /**
     * Hands what was read to the reader: straight into its array, or as the whole frame it waits for, when nothing
     * is queued (no chunk to allocate and copy again); the rest, or all of it otherwise, as a chunk of exactly that
     * size.
     */
    final synchronized void deliver(ByteBuffer bytes, SelectionKey selected) {
        DirectRead wanted = target;
        if (wanted != null && head == null) {
            // The target stays set until it is full or the reader takes what it holds, so reads that come while
            // the woken reader is on its way still land in its array.
            int n = Math.min(bytes.remaining(), wanted.length - wanted.filled);
            bytes.get(wanted.array, wanted.offset + wanted.filled, n);
            wanted.filled += n;
            if (wanted.filled == wanted.length) {
                target = null;
            }
            DIRECT_BYTES.add(n);
        }
        else if (frameLimit >= 0 && head == null && frame == null) {
            frame = FrameHeader.cutWhole(bytes, frameLimit);
        }
        if (bytes.hasRemaining()) {
            byte[] chunk = new byte[bytes.remaining()];
            bytes.get(chunk);
            enqueue(chunk, selected);
        }
    }

    // Pausing and resuming change the interest set under the same lock as the count they decide on, so a resume
    // racing a pause can neither be lost nor undone by the pause's older decision.
    private synchronized void enqueue(byte[] chunk, SelectionKey selected) {
        if (head == null) {
            head = chunk;
        }
        else {
            if (rest == null) {
                rest = new ArrayDeque<>(4);
            }
            rest.add(chunk);
        }
        queued += chunk.length;
        if (queued > HIGH_WATER && !readPaused) {
            readPaused = true;
            selected.interestOpsAnd(~SelectionKey.OP_READ);
        }
    }

    /** The oldest chunk, or {@code null} when none is queued; resumes reading once the queue is low again. */
    private byte[] dequeue() {
        byte[] chunk;
        boolean resumed = false;
        synchronized (this) {
            chunk = head;
            if (chunk == null) {
                return null;
            }
            head = rest == null ? null : rest.poll();
            if (rest != null && rest.isEmpty()) {
                rest = null;
            }
            queued -= chunk.length;
            if (readPaused && queued < LOW_WATER) {
                readPaused = false;
                try {
                    key().interestOpsOr(SelectionKey.OP_READ);
                    resumed = true;
                }
                catch (CancelledKeyException ex) {
                    // closed meanwhile: nothing more to read
                }
            }
        }
        if (resumed) {
            key().selector().wakeup();
        }
        return chunk;
    }

    /** Called by the poller at the end of the stream, or when a read failed with {@code failure}. */
    final void ended(IOException failure) {
        if (failure != null) {
            readFailure = failure;
        }
        endOfStream = true;
    }

    final void wakeReader() {
        LockSupport.unpark(reader);
    }

    // ---------------------------------------------------------------- the reader's side

    /**
     * The next chunk of received bytes, parking until one arrives.
     *
     * @param deadline {@link System#nanoTime()} to give up at, or 0 for none
     * @return the chunk, or {@code null} at the end of the stream
     * @throws SocketTimeoutException at the deadline (nothing consumed)
     * @throws ClosedByInterruptException when the coroutine is interrupted while it waits; the caller closes the socket
     */
    byte[] take(long deadline) throws IOException {
        while (true) {
            byte[] chunk = dequeue();
            if (chunk != null) {
                return chunk;
            }
            if (await(null, -1, deadline) < 0) {
                return null;
            }
        }
    }

    /**
     * Ends the reader's input without shutting the socket's input down: the reader sees end of stream, and the
     * poller keeps reading, so {@link #discardUntilEnd} can take in what the peer still sends.
     */
    void endInput() {
        inputEnded = true;
        LockSupport.unpark(reader);
    }

    /**
     * After {@link #endInput}: drops what arrives until the peer's end of stream. Returns whether it came (and
     * nothing is left unread) before the deadline.
     */
    boolean discardUntilEnd(long deadline) throws IOException {
        while (true) {
            boolean ended = endOfStream;
            while (dequeue() != null) {
                // dropped: the handler is gone, and the peer only needs its bytes taken
            }
            if (ended) {
                return readFailure == null;
            }
            if (closed) {
                return false;
            }
            reader = Thread.currentThread();
            try {
                if (nothingFor(null, -1) && !endOfStream && !closed) {
                    DeadlinePark.park(deadline);
                }
            }
            catch (SocketTimeoutException ex) {
                return false;
            }
            finally {
                reader = null;
            }
        }
    }

    /**
     * Reads into {@code dst} without going through a chunk, parking until the poller has put at least one byte
     * there. Meant for large reads (a payload whose header is parsed): the poller copies from its own buffer
     * into the array, and only what does not fit becomes a chunk.
     *
     * @return the bytes read; 0 when chunks are queued already, which {@link #take} hands over instead; -1 at the
     *         end of the stream or after close
     * @throws SocketTimeoutException at the deadline, when no byte arrived (nothing consumed)
     * @throws ClosedByInterruptException when the coroutine is interrupted while it waits
     */
    int readInto(byte[] dst, int offset, int length, long deadline) throws IOException {
        return await(new DirectRead(dst, offset, length), -1, deadline);
    }

    /**
     * The payload of the next asyncoro frame when the poller's next read starts with all of it, parking until
     * bytes arrive: the poller makes the payload array and copies into it from its own buffer, where a chunk would
     * be made and then copied again. A frame over {@code maxPayload} is never taken here.
     *
     * @return the payload; {@code null} when chunks are queued, or the bytes that came do not start with a whole
     *         frame within the limit, or at the end of the stream: {@link #take} then hands over what there is
     * @throws SocketTimeoutException at the deadline, when nothing arrived (nothing consumed)
     * @throws ClosedByInterruptException when the coroutine is interrupted while it waits
     */
    byte[] takeFrame(long maxPayload, long deadline) throws IOException {
        if (await(null, (int) Math.min(maxPayload, Integer.MAX_VALUE), deadline) <= 0) {
            return null;
        }
        synchronized (this) {
            // Only this reader clears it, and the poller sets it only while a reader waits: withdrawn by now.
            byte[] payload = frame;
            frame = null;
            return payload;
        }
    }

    /**
     * Waits until the poller has put bytes into {@code wanted}, or with {@code wanted} null until it has taken a
     * whole frame of at most {@code maxFrame} bytes (-1 when it waits for no frame: {@link #take}, {@link #readInto});
     * returns how many bytes (1 for a frame), or 0 or -1 as {@link #readInto} says. Every way out withdraws the
     * wait. Nothing allocated here: an idle reader waits in it.
     */
    private int await(DirectRead wanted, int maxFrame, long deadline) throws IOException {
        try {
            while (true) {
                // The end is read before looking: the poller delivers before it notes the end, so an end seen here
                // with nothing come below is the real end.
                boolean ended = endOfStream;
                synchronized (this) {
                    int got = arrived(wanted, maxFrame);
                    if (got > 0) {
                        // Withdrawn in the same step as the count is read: no byte can land after it.
                        withdraw();
                        return got;
                    }
                    if (head != null) {
                        withdraw();
                        return 0;
                    }
                    if (wanted != null) {
                        target = wanted;
                    }
                    else {
                        frameLimit = maxFrame;
                    }
                }
                if (closed || inputEnded || ended) {
                    // What came meanwhile is still the reader's; after this nothing comes.
                    int got = leave(wanted, maxFrame);
                    if (got > 0) {
                        return got;
                    }
                    IOException failure = closed || inputEnded ? null : readFailure;
                    if (failure != null) {
                        throw failure;
                    }
                    return -1;
                }
                reader = Thread.currentThread();
                try {
                    if (nothingFor(wanted, maxFrame) && !endOfStream && !closed && !inputEnded) {
                        DeadlinePark.park(deadline);
                    }
                }
                catch (SocketTimeoutException ex) {
                    // Bytes that came just before the deadline are the caller's, not lost to the timeout.
                    int got = leave(wanted, maxFrame);
                    if (got > 0) {
                        return got;
                    }
                    throw ex;
                }
                finally {
                    reader = null;
                }
            }
        }
        catch (Throwable ex) {
            // Every return above has withdrawn the wait in its own step; only an unexpected way out still must.
            synchronized (this) {
                withdraw();
            }
            throw ex;
        }
    }

    // Guarded by this. A frame counts only for a reader that waits for one: take() never sees a payload as a chunk.
    private int arrived(DirectRead wanted, int maxFrame) {
        if (wanted != null) {
            return wanted.filled;
        }
        return maxFrame >= 0 && frame != null ? 1 : 0;
    }

    // Guarded by this. One reader at a time: whatever it waited with, nothing waits after it.
    private void withdraw() {
        target = null;
        frameLimit = -1;
    }

    // Withdraws the wait in the same step as it looks at what came, so nothing lands after the look.
    private synchronized int leave(DirectRead wanted, int maxFrame) {
        withdraw();
        return arrived(wanted, maxFrame);
    }

    // Checked again just before parking: the poller may have come between the look above and setting reader, and a
    // frame it could not take whole went to the queue instead.
    private synchronized boolean nothingFor(DirectRead wanted, int maxFrame) {
        return arrived(wanted, maxFrame) == 0 && head == null;
    }

    /** Bytes the pollers have copied straight into readers' arrays so far, over all connections (for tests). */
    static long directBytes() {
        return DIRECT_BYTES.sum();
    }

    /** Bytes read by the poller and not yet taken. */
    synchronized int queuedBytes() {
        return queued;
    }

    /** Wakes a reader so it sees the end of input (after {@code shutdownInput}). */
    void inputShutdown() {
        endOfStream = true;
        LockSupport.unpark(reader);
    }
}

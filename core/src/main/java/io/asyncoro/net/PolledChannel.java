package io.asyncoro.net;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A plain TCP connection in non-blocking mode, read by a {@link Poller} and written by its own coroutine, which
 * parks only when the kernel's send buffer is full. What the poller reads waits here, in the chunks it arrived in,
 * until the connection's reader takes it; past {@link #HIGH_WATER} bytes the poller stops reading this connection
 * until the reader catches up, so a peer that sends faster than its handler reads costs a bounded amount of heap.
 *
 * <p>{@link #take} and {@link #write} are called with the owning {@link AsyncSocket}'s read and write locks held
 * respectively: one reader and one writer at a time.
 *
 * <p>The inbound queue is a slot for the oldest chunk plus a deque made only when a second chunk arrives before the
 * first is taken, both guarded by this object's monitor: an idle connection, which holds nothing, then costs no queue
 * at all, where a concurrent queue would keep its own object and a node per connection.
 */
final class PolledChannel {

    static final int HIGH_WATER = 64 * 1024;
    private static final int LOW_WATER = 16 * 1024;

    // Bytes the pollers copied straight into a reader's array, over all connections (for tests: one counter for
    // all, so a connection pays nothing for it).
    private static final LongAdder DIRECT_BYTES = new LongAdder();

    private final SocketChannel channel;
    private final Poller poller;
    private final SelectionKey key;
    // Guarded by this: the oldest unread chunk, those after it (null when there are none), and their total size.
    private byte[] head;
    private ArrayDeque<byte[]> rest;
    private long queued;
    private boolean readPaused;
    // Guarded by this: where a reader waiting for a large payload or a whole frame wants its next bytes; null when
    // none waits so.
    private DirectRead target;

    private volatile Thread reader;
    private volatile Thread writer;
    private volatile boolean endOfStream;
    private volatile IOException readFailure;
    private volatile boolean writeReady;
    private volatile boolean closed;
    // A graceful stop's end of input (endInput): the reader is done, while the poller keeps taking the peer's bytes.
    private volatile boolean inputEnded;

    PolledChannel(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.poller = Poller.next();
        this.key = poller.register(channel, this);
    }

    // ---------------------------------------------------------------- the poller's side

    /** Called by the poller: reads what is there into a chunk of exactly that size and wakes the reader. */
    void readable(SelectionKey selected, ByteBuffer buffer) {
        buffer.clear();
        int n;
        try {
            n = channel.read(buffer);
        }
        catch (IOException ex) {
            readFailure = ex;
            n = -1;
        }
        if (n > 0) {
            deliver(buffer.flip(), selected);
        }
        else if (n < 0) {
            endOfStream = true;
            selected.interestOpsAnd(~SelectionKey.OP_READ);
        }
        else {
            return;
        }
        LockSupport.unpark(reader);
    }

    /** Called by the poller when a writer waits for room in the send buffer. */
    void writable(SelectionKey selected) {
        selected.interestOpsAnd(~SelectionKey.OP_WRITE);
        writeReady = true;
        LockSupport.unpark(writer);
    }

    /**
     * Hands what was read to the reader: straight into its array, or as the whole frame it waits for, when nothing
     * is queued (no chunk to allocate and copy again); the rest, or all of it otherwise, as a chunk of exactly that
     * size.
     */
    private synchronized void deliver(ByteBuffer bytes, SelectionKey selected) {
        DirectRead wanted = target;
        if (wanted != null && head == null) {
            // An array's target stays set until it is full or the reader takes what it holds, so reads that come
            // while the woken reader is on its way still land in its array.
            DIRECT_BYTES.add(wanted.takeFrom(bytes));
            if (wanted.done()) {
                target = null;
            }
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
                    key.interestOpsOr(SelectionKey.OP_READ);
                    resumed = true;
                }
                catch (CancelledKeyException ex) {
                    // closed meanwhile: nothing more to read
                }
            }
        }
        if (resumed) {
            poller.wakeup();
        }
        return chunk;
    }

    private synchronized boolean isEmpty() {
        return head == null;
    }

    // ---------------------------------------------------------------- the coroutine's side

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
            // Read before looking: the poller queues its last chunk before it notes the end, so an end seen here
            // with nothing queued below is the real end.
            boolean ended = endOfStream;
            byte[] chunk = dequeue();
            if (chunk != null) {
                return chunk;
            }
            if (closed || inputEnded) {
                return null;
            }
            if (ended) {
                IOException failure = readFailure;
                if (failure != null) {
                    throw failure;
                }
                return null;
            }
            reader = Thread.currentThread();
            try {
                if (isEmpty() && !endOfStream && !closed && !inputEnded) {
                    DeadlinePark.park(deadline);
                }
            }
            finally {
                reader = null;
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
                if (isEmpty() && !endOfStream && !closed) {
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
        return await(DirectRead.into(dst, offset, length), deadline);
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
        DirectRead frame = DirectRead.frame(maxPayload);
        return await(frame, deadline) > 0 ? frame.payload() : null;
    }

    /** Waits until the poller has put bytes into {@code wanted}; returns how many, 0 or -1 as {@link #readInto}. */
    private int await(DirectRead wanted, long deadline) throws IOException {
        try {
            while (true) {
                // As in take(): the end is read before looking, since the poller delivers before it notes the end.
                boolean ended = endOfStream;
                synchronized (this) {
                    if (wanted.filled > 0) {
                        // Withdrawn in the same step as the count is read: no byte can land after it.
                        target = null;
                        return wanted.filled;
                    }
                    if (head != null) {
                        return 0;
                    }
                    target = wanted;
                }
                if (closed || inputEnded) {
                    return -1;
                }
                if (ended) {
                    IOException failure = readFailure;
                    if (failure != null) {
                        throw failure;
                    }
                    return -1;
                }
                reader = Thread.currentThread();
                try {
                    if (nothingFor(wanted) && !endOfStream && !closed && !inputEnded) {
                        DeadlinePark.park(deadline);
                    }
                }
                catch (SocketTimeoutException ex) {
                    // Bytes that came just before the deadline are the caller's, not lost to the timeout.
                    synchronized (this) {
                        target = null;
                        if (wanted.filled > 0) {
                            return wanted.filled;
                        }
                    }
                    throw ex;
                }
                finally {
                    reader = null;
                }
            }
        }
        finally {
            synchronized (this) {
                if (target == wanted) {
                    target = null;
                }
            }
        }
    }

    // Checked again just before parking: the poller may have come between the look above and setting reader, and a
    // frame it could not take whole went to the queue instead.
    private synchronized boolean nothingFor(DirectRead wanted) {
        return wanted.filled == 0 && head == null;
    }

    /** Bytes the pollers have copied straight into readers' arrays so far, over all connections (for tests). */
    static long directBytes() {
        return DIRECT_BYTES.sum();
    }

    /**
     * Writes all of the bytes, parking while the send buffer is full.
     *
     * @throws SocketTimeoutException at the deadline (some bytes may have gone: the caller closes the socket)
     */
    void write(byte[] data, int offset, int length, long deadline) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data, offset, length);
        while (true) {
            if (closed) {
                throw new ClosedChannelException();
            }
            channel.write(buffer);
            if (!buffer.hasRemaining()) {
                return;
            }
            writeReady = false;
            writer = Thread.currentThread();
            try {
                key.interestOpsOr(SelectionKey.OP_WRITE);
                poller.wakeup();
                while (!writeReady && !closed) {
                    DeadlinePark.park(deadline);
                }
            }
            catch (CancelledKeyException ex) {
                // closed: the write below reports it
            }
            finally {
                writer = null;
            }
        }
    }

    /** Bytes read by the poller and not yet taken. */
    synchronized long queuedBytes() {
        return queued;
    }

    /** Wakes a reader so it sees the end of input (after {@code shutdownInput}). */
    void inputShutdown() {
        endOfStream = true;
        LockSupport.unpark(reader);
    }

    /**
     * After the channel closed: a registered channel's descriptor is only released by its selector's next
     * select, so the poller is woken for it; otherwise the peer of a quiet server would not see the close.
     */
    void released() {
        poller.wakeup();
    }

    /** Wakes both sides after the socket closed; neither parks again. */
    void closed() {
        closed = true;
        LockSupport.unpark(reader);
        LockSupport.unpark(writer);
    }
}

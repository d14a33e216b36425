package io.asyncoro.net;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * What every byte-stream transport shares: one reader and one writer at a time, a {@link ReadBuffer} for cutting
 * messages, whole-operation timeouts, and the graceful close; the other rules for closing are {@link ClosableStream}'s.
 * Subclasses supply the raw I/O of their kind (a polled channel, a JDK socket's streams) and report its failures as
 * they come; this class turns them into the socket's exceptions the same way for every kind.
 */
abstract class StreamTransport extends ClosableStream implements ByteSource {

    final SocketSettings settings;
    final ReentrantLock readLock = new ReentrantLock();
    final ReentrantLock writeLock = new ReentrantLock();
    // Guarded by readLock.
    private final ReadBuffer buffer;

    private volatile long writeTimeoutNanos;

    StreamTransport(SocketSettings settings) {
        this.settings = settings;
        this.buffer = new ReadBuffer(this, settings);
    }

    @Override
    public final SocketSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- what each kind supplies

    /** Reads into {@code dst} as {@link ByteSource#read} says; a timeout is any {@link SocketTimeoutException}. */
    abstract int readStream(byte[] dst, int offset, int length, long deadline) throws IOException;

    /** The next chunk read ahead, for kinds that {@link #readsAhead()}; {@code null} at the end of the stream. */
    byte[] takeChunk(long deadline) throws IOException {
        throw new UnsupportedOperationException("this transport does not read ahead");
    }

    /** A whole frame's payload as {@link ByteSource#takeFrame} says, for kinds that can; {@code null} otherwise. */
    byte[] takeWholeFrame(long maxPayload, long deadline) throws IOException {
        return null;
    }

    /**
     * Starts the clock on a write operation of {@code timeoutNanos} (0 for none). Returns a timer to cancel when
     * the operation ends, or {@code null} when the kind keeps its own deadline.
     */
    abstract ScheduledFuture<?> startWriteClock(long timeoutNanos);

    /** Writes all the bytes; a write past the operation's deadline throws {@link SocketTimeoutException}. */
    abstract void writeFully(byte[] data, int offset, int length) throws IOException;

    /**
     * Writes the bytes and then all of {@code then}, as {@link #writeFully(byte[], int, int)} does. A kind that can
     * send both in one go without joining them first (TLS wraps them into one record) overrides this.
     */
    void writeFully(byte[] data, int offset, int length, byte[] then) throws IOException {
        writeFully(data, offset, length);
        writeFully(then, 0, then.length);
    }

    /**
     * Whether {@code sendMsg} copies a small frame's header and payload into one array so they go out in one
     * write; a kind whose {@link #writeFully(byte[], int, int, byte[])} sends both together anyway answers
     * {@code false} and saves the copy.
     */
    boolean joinsSmallFrames() {
        return true;
    }

    abstract void shutdownOutputNow() throws IOException;

    abstract void shutdownInputNow() throws IOException;

    // ---------------------------------------------------------------- reading

    byte[] recv(int maxBytes) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        return underReadLock(buffered -> buffered.recv(maxBytes));
    }

    byte[] recvAll(int count) throws IOException {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        return underReadLock(buffered -> buffered.recvAll(count));
    }

    byte[] recvMsg() throws IOException {
        return underReadLock(ReadBuffer::recvMsg);
    }

    byte[] recvLine() throws IOException {
        return underReadLock(ReadBuffer::recvLine);
    }

    /** Runs {@code decoder}, and {@code atEnd} at the end of the stream, as {@link ReadBuffer#decode} does. */
    <T> T decode(Function<? super ByteBuffer, ? extends T> decoder, Function<? super ByteBuffer, ? extends T> atEnd,
            String op) throws IOException {
        return underReadLock(buffered -> buffered.decode(decoder, atEnd, op));
    }

    /** One of the buffer's reads. */
    @FunctionalInterface
    private interface BufferRead<T> {
        T from(ReadBuffer buffered) throws IOException;
    }

    /**
     * Runs one read with the read lock held. A message over the limit closes the connection: what follows cannot
     * be told apart from the next message.
     */
    private <T> T underReadLock(BufferRead<T> read) throws IOException {
        readLock.lock();
        try {
            return read.from(buffer);
        }
        catch (MessageTooLargeException ex) {
            close();
            throw ex;
        }
        finally {
            readLock.unlock();
        }
    }

    @Override
    public final int read(byte[] dst, int offset, int length, long deadline, String op) throws IOException {
        if (closed) {
            throw new SocketClosedException(op);
        }
        if (inputShutdown) {
            return -1;
        }
        int n;
        try {
            n = readStream(dst, offset, length, deadline);
        }
        catch (IOException ex) {
            return readFailed(ex, op);
        }
        return received(n, op);
    }

    @Override
    public final byte[] take(long deadline, String op) throws IOException {
        if (closed) {
            throw new SocketClosedException(op);
        }
        if (inputShutdown) {
            return null;
        }
        byte[] chunk;
        try {
            chunk = takeChunk(deadline);
        }
        catch (IOException ex) {
            readFailed(ex, op);
            return null;
        }
        return received(chunk == null ? -1 : chunk.length, op) < 0 ? null : chunk;
    }

    @Override
    public final byte[] takeFrame(long maxPayload, long deadline, String op) throws IOException {
        if (closed || inputShutdown) {
            // take() tells these apart
            return null;
        }
        byte[] payload;
        try {
            payload = takeWholeFrame(maxPayload, deadline);
        }
        catch (IOException ex) {
            readFailed(ex, op);
            return null;
        }
        if (payload != null) {
            received(FrameHeader.LENGTH + payload.length, op);
        }
        return payload;
    }

    private int received(int n, String op) throws SocketClosedException {
        if (n > 0) {
            settings.listener.bytesReceived(n);
        }
        else if (n < 0 && closed && !inputShutdown) {
            // Our own close() ended the read (a TLS socket closed under a reader may report end of stream): that
            // is not the peer's clean end, and a reader woken by close() gets an exception.
            throw new SocketClosedException(op);
        }
        return n;
    }

    /** Returns -1 for a read that failed because the input was shut down (that is the end), or throws. */
    private int readFailed(IOException ex, String op) throws IOException {
        if (ex instanceof SocketTimeoutException) {
            throw settings.readTimeout(op, ex);
        }
        if (ex instanceof ClosedByInterruptException) {
            close();
            throw ex;
        }
        if (inputShutdown && !closed) {
            return -1;
        }
        throw closedOr(ex, op);
    }

    // ---------------------------------------------------------------- writing

    void sendAll(byte[] data, int offset, int length) throws IOException {
        send("sendAll", data, offset, length, null);
    }

    void sendMsg(byte[] payload) throws IOException {
        int length = payload.length;
        if (length <= SendBuffers.MAX_PAYLOAD && joinsSmallFrames()) {
            // One write, so a small message is one segment, not two; joined in a borrowed array, so neither a new
            // one per message nor one held by the connection while it is idle.
            byte[] frame = SendBuffers.borrow();
            try {
                FrameHeader.put(frame, 0, length);
                System.arraycopy(payload, 0, frame, FrameHeader.LENGTH, length);
                send("sendMsg", frame, 0, FrameHeader.LENGTH + length, null);
            }
            finally {
                SendBuffers.giveBack(frame);
            }
        }
        else {
            byte[] header = new byte[FrameHeader.LENGTH];
            FrameHeader.put(header, 0, length);
            send("sendMsg", header, 0, FrameHeader.LENGTH, payload);
        }
        settings.listener.messageSent(length);
    }

    void sendLine(byte[] line) throws IOException {
        byte[] framed = Arrays.copyOf(line, line.length + 1);
        framed[line.length] = '\n';
        send("sendLine", framed, 0, framed.length, null);
        settings.listener.messageSent(line.length);
    }

    /** One write operation: the bytes, then all of {@code then} if not null, under one lock and one timeout. */
    private void send(String op, byte[] data, int offset, int length, byte[] then) throws IOException {
        writeLock.lock();
        try {
            ScheduledFuture<?> watchdog = armWriteTimeout(op);
            try {
                write(data, offset, length, then, op);
            }
            finally {
                disarm(watchdog);
            }
        }
        finally {
            writeLock.unlock();
        }
    }

    private ScheduledFuture<?> armWriteTimeout(String op) throws IOException {
        if (closed) {
            throw new SocketClosedException(op);
        }
        long timeout = settings.writeTimeoutNanos;
        writeTimeoutNanos = timeout;
        return startWriteClock(timeout);
    }

    private static void disarm(ScheduledFuture<?> watchdog) {
        if (watchdog != null) {
            watchdog.cancel(false);
        }
    }

    /** Writes with writeLock held and the operation's clock started: the bytes, then all of {@code then} if not null. */
    private void write(byte[] data, int offset, int length, byte[] then, String op) throws IOException {
        if (writeTimedOut) {
            throw SocketSettings.timeout(op, writeTimeoutNanos, null);
        }
        if (closed) {
            throw new SocketClosedException(op);
        }
        try {
            if (then == null) {
                writeFully(data, offset, length);
            }
            else {
                writeFully(data, offset, length, then);
            }
        }
        catch (SocketTimeoutException ex) {
            // Part of a frame may have gone: the stream cannot be used again.
            abortWrite();
            throw SocketSettings.timeout(op, writeTimeoutNanos, null);
        }
        catch (ClosedByInterruptException ex) {
            close();
            throw ex;
        }
        catch (IOException ex) {
            if (writeTimedOut) {
                throw SocketSettings.timeout(op, writeTimeoutNanos, ex);
            }
            throw closedOr(ex, op);
        }
        settings.listener.bytesSent(then == null ? length : length + then.length);
    }

    // ---------------------------------------------------------------- closing

    void shutdownOutput() throws IOException {
        writeLock.lock();
        try {
            shutdownOutputNow();
        }
        catch (IOException ex) {
            throw closedOr(ex, "shutdownOutput");
        }
        finally {
            writeLock.unlock();
        }
    }

    void shutdownInput() throws IOException {
        inputShutdown = true;
        shutdownInputNow();
    }

    /**
     * A graceful stop's end of input: readers see end of stream. Kinds that can keep reading underneath (the polled
     * channel) do, so {@link #closeGracefully} can drain; the others shut the input down, as before.
     */
    void endInput() throws IOException {
        shutdownInput();
    }

    /** Whether {@link #discardUntilEnd} can read after {@link #endInput}. */
    boolean discardsAfterEnd() {
        return false;
    }

    /**
     * After {@link #endInput}: drops the peer's bytes until its end of stream; whether it came before the deadline.
     * Kinds that cannot read after {@code endInput} answer {@code false} at once.
     */
    boolean discardUntilEnd(long deadline) throws IOException {
        return false;
    }

    /**
     * Closes after {@link #endInput} without a reset: closing over unread input makes the kernel send one, which
     * destroys the replies still in flight. So: wait for a write in progress, send FIN after the last reply, take in
     * and drop what the peer still sends until it closes too (or the deadline), then close. Kinds that cannot read
     * after {@code endInput} close as {@link #close()} does, without FIN (after the linger it explains).
     *
     * @return whether the peer closed its side in time
     */
    final boolean closeGracefully(long deadline) {
        boolean peerClosed = false;
        try {
            if (!closed && discardsAfterEnd()) {
                shutdownOutput();
                readLock.lock();
                try {
                    peerClosed = discardUntilEnd(deadline);
                }
                finally {
                    readLock.unlock();
                }
                if (peerClosed) {
                    // Nothing left unread: no reason to linger before closing.
                    inputShutdown = false;
                }
            }
        }
        catch (IOException ex) {
            // the peer reset, or we closed meanwhile: close below all the same
        }
        finally {
            close();
        }
        return peerClosed;
    }
}

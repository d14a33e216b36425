package io.asyncoro.net;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The bytes a stream socket has read ahead of its callers, and the ways of cutting messages out of them: raw reads,
 * exact counts, asyncoro frames, lines, and any decoder run over a {@link ByteBuffer} view ({@link #decode}). Every
 * stream transport reads through one, so framing behaves the same whatever carries the bytes.
 *
 * <p>Not thread-safe: the owner calls it with its read lock held.
 *
 * <p>A read that times out consumes nothing: what an operation had taken is put back in front of the buffer, so
 * the next call sees the same message from its first byte.
 */
final class ReadBuffer {

    private static final int FIRST_PAYLOAD_CHUNK = 64 * 1024;

    private final ByteSource source;
    private final SocketSettings settings;
    private byte[] buffer;
    private int position;
    private int limit;
    // The size of the next read from a source that does not read ahead (see ReadSizes).
    private int sizing = ReadSizes.FIRST;

    ReadBuffer(ByteSource source, SocketSettings settings) {
        this.source = source;
        this.settings = settings;
    }

    /** Up to {@code maxBytes} bytes, waiting for at least one; an empty array at the end of the stream. */
    byte[] recv(int maxBytes) throws IOException {
        if (buffered() == 0 && fill(settings.deadline(), "recv") < 0) {
            return new byte[0];
        }
        int n = Math.min(buffered(), maxBytes);
        if (n == buffer.length && source.readsAhead()) {
            // The source's chunk, whole: it is the answer itself, with no second array and copy of it.
            byte[] data = buffer;
            release();
            return data;
        }
        // One read into the buffer, then a copy of exactly what arrived: no oversized array per call.
        byte[] data = Arrays.copyOfRange(buffer, position, position + n);
        position += n;
        return data;
    }

    /** Exactly {@code count} bytes; {@link IncompleteReadException} when the stream ends first. */
    byte[] recvAll(int count) throws IOException {
        long deadline = settings.deadline();
        byte[] dst = new byte[count];
        int filled = 0;
        try {
            while (filled < count) {
                int n = readSome(dst, filled, count - filled, deadline, "recvAll");
                if (n < 0) {
                    throw new IncompleteReadException(count, Arrays.copyOf(dst, filled));
                }
                filled += n;
            }
        }
        catch (SocketTimeoutException ex) {
            unread(dst, filled, null, 0);
            throw ex;
        }
        return dst;
    }

    /**
     * One asyncoro frame's payload, or {@code null} at a clean end of stream on a frame boundary. A header over
     * the limit throws {@link MessageTooLargeException} before anything is allocated; the caller must close the
     * connection, which cannot be resynchronised.
     */
    byte[] recvMsg() throws IOException {
        long deadline = settings.deadline();
        long length = -1;
        byte[] header = null;
        int got = 0;
        byte[] payload = null;
        int filled = 0;
        try {
            if (buffered() == 0) {
                byte[] whole = takeWholeFrame(deadline);
                if (whole != null) {
                    settings.listener.messageReceived(whole.length);
                    return whole;
                }
                if (fill(deadline, "recvMsg") < 0) {
                    return null;
                }
            }
            if (buffered() >= FrameHeader.LENGTH) {
                length = FrameHeader.get(buffer, position);
                position += FrameHeader.LENGTH;
            }
            else {
                header = new byte[FrameHeader.LENGTH];
                while (got < FrameHeader.LENGTH) {
                    int n = readSome(header, got, FrameHeader.LENGTH - got, deadline, "recvMsg");
                    if (n < 0) {
                        throw new TruncatedMessageException(-1, Arrays.copyOf(header, got));
                    }
                    got += n;
                }
                length = FrameHeader.get(header, 0);
            }
            long max = settings.receiveLimit();
            if (length > max) {
                throw MessageTooLargeException.frame(length, max);
            }
            int size = (int) length;
            if (size <= buffered()) {
                // The whole frame is already here (the common case for small messages): one copy, no loop.
                payload = Arrays.copyOfRange(buffer, position, position + size);
                position += size;
                filled = size;
            }
            else {
                sizing = ReadSizes.fitFrame(sizing, size);
                // Grow with what arrives instead of trusting the header: a peer that announces a large frame and
                // sends nothing holds at most one chunk.
                payload = new byte[Math.min(size, FIRST_PAYLOAD_CHUNK)];
                while (filled < size) {
                    if (filled == payload.length) {
                        payload = Arrays.copyOf(payload, (int) Math.min(size, (long) payload.length * 2));
                    }
                    int n = readSome(payload, filled, payload.length - filled, deadline, "recvMsg");
                    if (n < 0) {
                        throw new TruncatedMessageException(size, Arrays.copyOf(payload, filled));
                    }
                    filled += n;
                }
            }
        }
        catch (SocketTimeoutException ex) {
            // A timeout consumes nothing: the next recvMsg starts again at this frame's header.
            if (length >= 0) {
                header = new byte[FrameHeader.LENGTH];
                FrameHeader.put(header, 0, (int) length);
                got = FrameHeader.LENGTH;
            }
            unread(header, got, payload, filled);
            throw ex;
        }
        settings.listener.messageReceived(payload.length);
        return payload;
    }

    /**
     * One line without its {@code \n} (nor a {@code \r} before it), or {@code null} at a clean end of stream
     * between lines. A line over the limit throws {@link MessageTooLargeException}; the caller closes.
     */
    byte[] recvLine() throws IOException {
        long deadline = settings.deadline();
        long max = settings.receiveLimit();
        byte[] line = new byte[64];
        int filled = 0;
        try {
            while (true) {
                if (buffered() == 0 && fill(deadline, "recvLine") < 0) {
                    if (filled == 0) {
                        return null;
                    }
                    throw TruncatedMessageException.line(Arrays.copyOf(line, filled));
                }
                int start = position;
                int end = start;
                while (end < limit && buffer[end] != '\n') {
                    end++;
                }
                int chunk = end - start;
                if (filled + (long) chunk > max) {
                    throw new MessageTooLargeException(filled + (long) chunk, max);
                }
                if (filled + chunk > line.length) {
                    line = Arrays.copyOf(line, Math.max(filled + chunk, line.length * 2));
                }
                System.arraycopy(buffer, start, line, filled, chunk);
                filled += chunk;
                if (end < limit) {
                    position = end + 1;
                    int length = filled > 0 && line[filled - 1] == '\r' ? filled - 1 : filled;
                    settings.listener.messageReceived(length);
                    return Arrays.copyOf(line, length);
                }
                position = limit;
            }
        }
        catch (SocketTimeoutException ex) {
            unread(line, filled, null, 0);
            throw ex;
        }
    }

    /**
     * Runs {@code decoder} over the buffered bytes until it finds a message, reading more whenever it does not.
     * The decoder sees a view in read mode starting at the first unconsumed byte. It returns a message and
     * advances the view's position past the bytes it used, or returns {@code null} and leaves the position alone
     * when the bytes hold no whole message yet. It must copy what it keeps (the array is reused) and must not
     * write to the view.
     *
     * <p>Nothing is consumed until a message is whole, so a timeout leaves the stream as it was. When the stream
     * ends inside a message, {@code atEnd} (if any) may still make one of what is left, as a codec's
     * {@code decodeLast} does (a last line without its line end).
     *
     * @return the message, or {@code null} at a clean end of stream between messages
     * @throws MessageTooLargeException when a message, or {@link SocketSettings#receiveLimit()} bytes that hold no
     *         whole message, exceed the limit; the caller closes, since the stream cannot be resynchronised
     * @throws TruncatedMessageException when the stream ends inside a message that {@code atEnd} does not take
     */
    <T> T decode(Function<? super ByteBuffer, ? extends T> decoder, Function<? super ByteBuffer, ? extends T> atEnd,
            String op) throws IOException {
        long deadline = settings.deadline();
        long max = settings.receiveLimit();
        while (true) {
            if (buffered() > 0) {
                ByteBuffer view = ByteBuffer.wrap(buffer, position, buffered()).slice();
                T message = decoder.apply(view);
                if (message != null) {
                    int used = view.position();
                    if (used > max) {
                        // Whole, but over the limit all the same: refused as recvMsg refuses such a frame.
                        throw new MessageTooLargeException(used, max);
                    }
                    position += used;
                    settings.listener.messageReceived(used);
                    return message;
                }
                if (buffered() > max) {
                    throw new MessageTooLargeException(buffered(), max);
                }
            }
            if (readMore(deadline, op) < 0) {
                if (buffered() == 0) {
                    return null;
                }
                if (atEnd != null) {
                    ByteBuffer rest = ByteBuffer.wrap(buffer, position, buffered()).slice();
                    T last = atEnd.apply(rest);
                    if (last != null) {
                        position += rest.position();
                        settings.listener.messageReceived(rest.position());
                        return last;
                    }
                }
                throw TruncatedMessageException.decoded(Arrays.copyOfRange(buffer, position, limit));
            }
        }
    }

    /** Bytes read and not yet taken by a caller. */
    int buffered() {
        return limit - position;
    }

    /**
     * Puts bytes an operation had taken back in front of the buffer, so that an operation ended by a timeout
     * leaves the stream as it found it.
     */
    private void unread(byte[] first, int firstLength, byte[] second, int secondLength) {
        if (firstLength + secondLength == 0) {
            return;
        }
        int rest = buffered();
        int total = firstLength + secondLength + rest;
        byte[] merged = new byte[Math.max(total, readSize())];
        if (firstLength > 0) {
            System.arraycopy(first, 0, merged, 0, firstLength);
        }
        if (secondLength > 0) {
            System.arraycopy(second, 0, merged, firstLength, secondLength);
        }
        if (rest > 0) {
            System.arraycopy(buffer, position, merged, firstLength + secondLength, rest);
        }
        buffer = merged;
        position = 0;
        limit = total;
    }

    /** Reads at least one byte into dst (from the buffer first), or returns -1 at end of stream. */
    private int readSome(byte[] dst, int off, int len, long deadline, String op) throws IOException {
        if (len == 0) {
            return 0;
        }
        int available = buffered();
        if (available == 0) {
            if (len >= readSize()) {
                // Large reads go straight into the caller's array: no copy through the buffer. A source that
                // reads ahead answers 0 when it holds a chunk already, which fill() then adopts.
                int n = source.read(dst, off, len, deadline, op);
                if (n != 0) {
                    return n;
                }
            }
            if (fill(deadline, op) < 0) {
                return -1;
            }
            available = buffered();
        }
        int n = Math.min(available, len);
        System.arraycopy(buffer, position, dst, off, n);
        position += n;
        return n;
    }

    /**
     * With nothing buffered: the next frame's payload when the source hands it over whole (the poller fills its
     * array, where a chunk would be made and copied again), else {@code null}.
     */
    private byte[] takeWholeFrame(long deadline) throws IOException {
        if (!source.readsAhead()) {
            return null;
        }
        release();
        return source.takeFrame(settings.receiveLimit(), deadline, "recvMsg");
    }

    private int readSize() {
        return ReadSizes.size(sizing);
    }

    /** Lets the buffer go before a wait for a chunk, which becomes the next one: an idle connection holds none. */
    private void release() {
        buffer = null;
        position = 0;
        limit = 0;
    }

    /** Reads what is available (waiting for at least one byte) into the empty buffer; -1 at end of stream. */
    private int fill(long deadline, String op) throws IOException {
        if (source.readsAhead()) {
            // The chunk the source read becomes the buffer: no copy, and the spent one is let go first.
            release();
            byte[] chunk = source.take(deadline, op);
            if (chunk == null) {
                return -1;
            }
            buffer = chunk;
            limit = chunk.length;
            return chunk.length;
        }
        byte[] target = buffer;
        if (target == null || target.length != readSize()) {
            target = new byte[readSize()];
            buffer = target;
        }
        position = 0;
        limit = 0;
        int n = source.read(target, 0, target.length, deadline, op);
        if (n > 0) {
            limit = n;
            sizing = ReadSizes.afterRead(sizing, n, target.length);
        }
        return n;
    }

    /** Reads more bytes behind those buffered (for {@link #decode}, which consumes nothing until a message is whole). */
    private int readMore(long deadline, String op) throws IOException {
        int rest = buffered();
        if (rest == 0) {
            return fill(deadline, op);
        }
        if (source.readsAhead()) {
            byte[] chunk = source.take(deadline, op);
            if (chunk == null) {
                return -1;
            }
            if (buffer.length - limit < chunk.length) {
                // Doubling: a message in many chunks costs linear copying. Only arrays made here have spare room.
                long doubled = Math.min(Integer.MAX_VALUE - 8, 2L * buffer.length);
                byte[] grown = new byte[(int) Math.max(rest + (long) chunk.length, doubled)];
                System.arraycopy(buffer, position, grown, 0, rest);
                buffer = grown;
                position = 0;
                limit = rest;
            }
            System.arraycopy(chunk, 0, buffer, limit, chunk.length);
            limit += chunk.length;
            return chunk.length;
        }
        if (limit == buffer.length) {
            // Keep what is buffered at the front, with room for one more read of the usual size behind it.
            buffer = Arrays.copyOfRange(buffer, position, position + Math.max(rest * 2, rest + readSize()));
            position = 0;
            limit = rest;
        }
        int n = source.read(buffer, limit, buffer.length - limit, deadline, op);
        if (n > 0) {
            limit += n;
        }
        return n;
    }
}

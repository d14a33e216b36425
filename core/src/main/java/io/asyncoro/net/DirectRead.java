package io.asyncoro.net;

import java.nio.ByteBuffer;

/**
 * A reader waiting for the poller's bytes in an array of its own (see {@link PolledChannel#readInto} and
 * {@link PolledChannel#takeFrame}): the poller copies into it straight from its own buffer, so the bytes are not
 * allocated and copied a second time as a chunk. Either part of the reader's array (a large payload whose header
 * is parsed), or a whole asyncoro frame, whose payload array the poller makes when the bytes it read start with
 * one that is all there and within the limit. The fields are guarded by the owning channel's monitor, which also
 * guards its queue: whether bytes go here or to the queue is decided in one step.
 */
final class DirectRead {

    // For a part of the reader's array; array is null for a whole frame.
    private final byte[] array;
    private final int offset;
    private final int length;
    // For a whole frame: the largest payload to take, and the payload once taken.
    private final long maxPayload;
    private byte[] payload;

    /** Bytes taken so far (for a frame, its header and payload). */
    int filled;

    private DirectRead(byte[] array, int offset, int length, long maxPayload) {
        this.array = array;
        this.offset = offset;
        this.length = length;
        this.maxPayload = maxPayload;
    }

    /** Up to {@code length} bytes into {@code array} from {@code offset}. */
    static DirectRead into(byte[] array, int offset, int length) {
        return new DirectRead(array, offset, length, -1);
    }

    /** One whole frame whose payload is at most {@code maxPayload} bytes, or nothing. */
    static DirectRead frame(long maxPayload) {
        return new DirectRead(null, 0, 0, maxPayload);
    }

    /**
     * Takes what it can from the front of {@code bytes}: for an array, as much as fits; for a frame, the whole
     * frame, or nothing when the bytes do not start with one that is all there and within the limit (the reader
     * then cuts it from the chunks as usual, and reports a frame over the limit). Returns the bytes taken.
     */
    int takeFrom(ByteBuffer bytes) {
        if (array != null) {
            int n = Math.min(bytes.remaining(), length - filled);
            bytes.get(array, offset + filled, n);
            filled += n;
            return n;
        }
        if (payload != null || bytes.remaining() < FrameHeader.LENGTH) {
            return 0;
        }
        long size = Integer.toUnsignedLong(bytes.getInt(bytes.position()));
        if (size > maxPayload || size > bytes.remaining() - FrameHeader.LENGTH) {
            return 0;
        }
        byte[] whole = new byte[(int) size];
        bytes.position(bytes.position() + FrameHeader.LENGTH).get(whole);
        payload = whole;
        filled = FrameHeader.LENGTH + whole.length;
        return filled;
    }

    /** Whether the poller should stop sending bytes here: the array is full, or a frame was looked for. */
    boolean done() {
        return array == null || filled == length;
    }

    /** The frame's payload, once taken; {@code null} before. */
    byte[] payload() {
        return payload;
    }
}

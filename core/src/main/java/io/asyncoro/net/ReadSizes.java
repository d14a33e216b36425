package io.asyncoro.net;

/**
 * How much a {@link ReadBuffer} asks of a source that does not read ahead: sized to the traffic, it grows fourfold as
 * soon as a read fills the buffer (and at once to a frame's size when a frame does not fit) and halves after two
 * reads in a row use less than half of it. (Halving on one small read made 4 KiB frames, 4100 bytes with the
 * header, flip it between 4 and 8 KiB on every frame: two reads and two new buffers each.) A connection parked in
 * a read holds only its buffer, so an idle one that last saw small messages holds 128 bytes, not a fixed 8 KiB.
 *
 * <p>The state is one {@code int} the buffer keeps: the size, a power of two, with its lowest bit set when the last
 * read was small (a field per connection fewer than a size and a flag, and no object of its own).
 */
final class ReadSizes {

    /** The state of a buffer that has read nothing yet. */
    static final int FIRST = 128;

    private static final int MIN = 128;
    private static final int MAX = 8192;
    private static final int LAST_SMALL = 1;

    private ReadSizes() {
    }

    /** The size of the next read. */
    static int size(int state) {
        return state & ~LAST_SMALL;
    }

    /** The state after a read of {@code read} bytes into a buffer of {@code capacity}. */
    static int afterRead(int state, int read, int capacity) {
        if (read == capacity) {
            return Math.min(MAX, capacity * 4);
        }
        if (read < capacity / 2) {
            if ((state & LAST_SMALL) != 0) {
                return Math.max(MIN, capacity / 2);
            }
            return state | LAST_SMALL;
        }
        return size(state);
    }

    /** The state that makes a frame of {@code payloadLength} bytes arrive in one read, where it would not now. */
    static int fitFrame(int state, int payloadLength) {
        int frame = (int) Math.min(MAX, (long) payloadLength + FrameHeader.LENGTH);
        if (frame > size(state)) {
            return Math.min(MAX, Integer.highestOneBit(frame - 1) << 1);
        }
        return state;
    }
}

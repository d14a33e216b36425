package io.asyncoro.net;

/** asyncoro's frame header: the payload's length as 4 bytes, big-endian, unsigned. */
final class FrameHeader {

    static final int LENGTH = 4;

    private FrameHeader() {
    }

    static void put(byte[] target, int at, int payloadLength) {
        target[at] = (byte) (payloadLength >>> 24);
        target[at + 1] = (byte) (payloadLength >>> 16);
        target[at + 2] = (byte) (payloadLength >>> 8);
        target[at + 3] = (byte) payloadLength;
    }

    /** The length a header states; a long, since it may exceed {@code Integer.MAX_VALUE}. */
    static long get(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}

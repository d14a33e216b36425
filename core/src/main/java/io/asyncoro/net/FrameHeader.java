package io.asyncoro.net;

import java.nio.ByteBuffer;

import io.asyncoro.net.codec.HeaderText;

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

    /**
     * The payload of the whole frame at the front of {@code bytes}, which it then consumes, when one is all there
     * and states at most {@code maxPayload} bytes; otherwise {@code null}, and {@code bytes} is left as it was.
     */
    static byte[] cutWhole(ByteBuffer bytes, int maxPayload) {
        if (bytes.remaining() < LENGTH) {
            return null;
        }
        long size = Integer.toUnsignedLong(bytes.getInt(bytes.position()));
        if (size > maxPayload || size > bytes.remaining() - LENGTH) {
            return null;
        }
        byte[] payload = new byte[(int) size];
        bytes.position(bytes.position() + LENGTH).get(payload);
        return payload;
    }

    /**
     * The header's 4 bytes as text when every one is printable ASCII (or a tab, CR or LF, shown escaped), else
     * {@code null}. A header that reads as text ({@code "GET "}, {@code "HELO"}) means the peer speaks a text
     * protocol, not asyncoro's framing: worth saying, since the length it makes is meaningless. Only these 4 bytes
     * are ever shown, never the payload after them.
     */
    static String asText(long length) {
        return HeaderText.escapeIfText(ByteBuffer.allocate(LENGTH).putInt(0, (int) length), 0, LENGTH);
    }
}

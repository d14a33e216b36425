package io.asyncoro.bench;

import java.nio.ByteBuffer;

/**
 * How the load client frames each message it sends, and so what a server must echo back: a header before the
 * payload, a trailer after it, or neither.
 */
enum Framing {

    /** Raw bytes: the server echoes the stream as it reads it. */
    RAW(0, 0),
    /** asyncoro's {@code sendMsg}/{@code recvMsg}: a 4-byte big-endian length, then the payload. */
    MESSAGE(4, 0),
    /** A 2-byte big-endian length, then the payload (core's {@code Codecs.lengthField}, Netty's 2-byte prepender). */
    LEN2(2, 0),
    /** The payload, then CRLF; the payload holds no CR or LF (core's {@code Codecs.crlf}). */
    CRLF(0, 2);

    final int header;
    final int trailer;

    Framing(int header, int trailer) {
        this.header = header;
        this.trailer = trailer;
    }

    /** Whether payload bytes must stay clear of CR and LF, since the frame ends at CRLF. */
    boolean textSafe() {
        return this == CRLF;
    }

    /** Writes the header and trailer of a {@code size}-byte payload into {@code unit} (already sized). */
    void frame(byte[] unit, int size) {
        switch (this) {
            case MESSAGE -> ByteBuffer.wrap(unit).putInt(size);
            case LEN2 -> {
                if (size > 0xFFFF) {
                    throw new IllegalArgumentException("a 2-byte length frames at most 65535 bytes: " + size);
                }
                ByteBuffer.wrap(unit).putShort((short) size);
            }
            case CRLF -> {
                unit[unit.length - 2] = '\r';
                unit[unit.length - 1] = '\n';
            }
            case RAW -> {
                // nothing around the payload
            }
        }
    }
}

package io.asyncoro.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What the load client sends and expects back. Every message is one unit: the payload inside its
 * {@link Framing} (a 4- or 2-byte length before it, CRLF after it, or nothing). A payload is a fixed pattern
 * whose first 8 bytes carry a number unique to the connection and message, so an echo that is lost, reordered or
 * corrupted fails the check. An echo server returns exactly the stream it was sent, so the client checks the
 * stream byte for byte. For CRLF framing every payload byte is kept clear of CR and LF (the pattern is printable
 * ASCII, and the sequence number is written 6 bits a byte, 48 bits in all, each byte at 0x40 or above).
 */
final class Payload {

    private final int size;
    private final int header;
    private final byte[] unit;
    private final boolean textSafe;

    Payload(int size, boolean framed) {
        this(size, framed ? Framing.MESSAGE : Framing.RAW);
    }

    Payload(int size, Framing framing) {
        if (size < 8) {
            throw new IllegalArgumentException("payloads carry an 8-byte sequence number: size must be at least 8");
        }
        this.size = size;
        this.header = framing.header;
        this.textSafe = framing.textSafe();
        this.unit = new byte[header + size + framing.trailer];
        framing.frame(unit, size);
        for (int i = 0; i < size; i++) {
            unit[header + i] = textSafe ? (byte) (' ' + (i * 31 + 7) % 95) : (byte) (i * 31 + 7);
        }
    }

    int unitLength() {
        return unit.length;
    }

    int size() {
        return size;
    }

    static long sequence(int connection, long message) {
        return connection * 0x9E37_79B9_7F4A_7C15L + message;
    }

    /** Appends message {@code message} of {@code connection} to {@code out}. */
    void put(ByteBuffer out, int connection, long message) {
        int at = out.position();
        out.put(unit);
        long seq = sequence(connection, message);
        for (int i = 0; i < 8; i++) {
            out.put(at + header + i, sequenceByte(seq, i));
        }
    }

    /** Byte {@code i} (0-7) of the sequence number as sent: big-endian, or 6 bits a byte when text-safe. */
    private byte sequenceByte(long seq, int i) {
        return textSafe ? (byte) (0x40 | (seq >>> (6 * (7 - i))) & 0x3F) : (byte) (seq >>> (8 * (7 - i)));
    }

    /**
     * Checks {@code length} received bytes from {@code data[offset]} that sit at {@code unitOffset} within unit
     * {@code message} (they must not run past its end).
     *
     * @throws IllegalStateException when a byte differs from what was sent
     */
    void verify(byte[] data, int offset, int length, int unitOffset, int connection, long message) {
        int seqStart = header;
        int seqEnd = header + 8;
        int end = unitOffset + length;
        int delta = offset - unitOffset; // data index of unit position p is p + delta
        int p = unitOffset;
        if (p < seqStart) {
            int to = Math.min(end, seqStart);
            check(data, delta, p, to, connection, message);
            p = to;
        }
        if (p < end && p < seqEnd) {
            long seq = sequence(connection, message);
            int to = Math.min(end, seqEnd);
            for (; p < to; p++) {
                byte expected = sequenceByte(seq, p - seqStart);
                if (data[p + delta] != expected) {
                    throw mismatch(connection, message, p);
                }
            }
        }
        if (p < end) {
            check(data, delta, p, end, connection, message);
        }
    }

    /** Bytes outside the sequence number are the fixed pattern: compared in bulk. */
    private void check(byte[] data, int delta, int from, int to, int connection, long message) {
        int mismatch = Arrays.mismatch(data, from + delta, to + delta, unit, from, to);
        if (mismatch >= 0) {
            throw mismatch(connection, message, from + mismatch);
        }
    }

    private IllegalStateException mismatch(int connection, long message, int position) {
        return new IllegalStateException("echo mismatch on connection " + connection + ", message " + message
                + ", byte " + position + " of " + unit.length);
    }
}

package io.asyncoro.net.codec;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Encodes the frames a {@link DelimiterSpec} describes: start bytes, payload, delimiter. Nothing is escaped
 * (as in Spring Integration's serializers), so a payload the decoder would cut differently is refused rather
 * than sent: one containing the delimiter, one whose tail and the delimiter together contain an earlier
 * delimiter (payload {@code "xa"} with delimiter {@code "aa"}), and for line framing one ending in CR, which the
 * reader would drop.
 */
final class DelimiterEncoder implements FrameEncoder {

    private final DelimiterSpec spec;
    private final byte[] start;
    private final byte[] end;

    DelimiterEncoder(DelimiterSpec spec) {
        this.spec = spec;
        this.start = spec.start();
        this.end = spec.end();
    }

    @Override
    public int encodedLength(int payloadLength) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length: " + payloadLength);
        }
        return Math.addExact(payloadLength, start.length + end.length);
    }

    @Override
    public void encode(byte[] payload, int off, int len, ByteBuffer out) {
        check(payload, off, len);
        if (out.remaining() < encodedLength(len)) {
            // Checked first so that a failed encode leaves no partial frame in the buffer.
            throw new BufferOverflowException();
        }
        out.put(start).put(payload, off, len).put(end);
    }

    @Override
    public ByteBuffer[] frame(byte[] payload, int off, int len) {
        check(payload, off, len);
        ByteBuffer body = ByteBuffer.wrap(payload, off, len);
        // Read-only views: the codec's delimiter arrays are shared by every connection.
        ByteBuffer tail = ByteBuffer.wrap(end).asReadOnlyBuffer();
        if (start.length == 0) {
            return new ByteBuffer[] { body, tail };
        }
        return new ByteBuffer[] { ByteBuffer.wrap(start).asReadOnlyBuffer(), body, tail };
    }

    private void check(byte[] payload, int off, int len) {
        Objects.checkFromIndexSize(off, len, payload.length);
        for (int i = 0; i < len; i++) {
            if (payload[off + i] == end[0] && delimiterAt(payload, off, len, i)) {
                throw new IllegalArgumentException(spec.name() + " framing: the payload contains "
                        + spec.endName() + " at byte " + i + ", which would end the frame early");
            }
        }
        if (spec.crBeforeEnd() && len > 0 && payload[off + len - 1] == '\r') {
            throw new IllegalArgumentException(spec.name() + " framing: the payload ends with CR, which the reader"
                    + " would take as part of a CRLF line end and drop");
        }
    }

    /** Whether the delimiter starts at payload index {@code i}, reading on into the trailing delimiter. */
    private boolean delimiterAt(byte[] payload, int off, int len, int i) {
        for (int j = 1; j < end.length; j++) {
            int k = i + j;
            byte b = k < len ? payload[off + k] : end[k - len];
            if (b != end[j]) {
                return false;
            }
        }
        return true;
    }
}

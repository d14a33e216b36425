package io.asyncoro.net.codec;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Encodes the frames a {@link LengthFieldSpec} describes, when the layout is {@linkplain
 * LengthFieldSpec#encodable() encodable}: the inverse of {@link LengthFieldDecoder}, so that decoding a frame
 * gives back the payload it was made from.
 */
final class LengthFieldEncoder implements FrameEncoder {

    private final LengthFieldSpec spec;
    /** The bytes of the frame that are not in the payload: the whole header, or none of it. */
    private final int prefix;
    private final long maxValue;

    LengthFieldEncoder(LengthFieldSpec spec) {
        this.spec = spec;
        this.prefix = spec.initialBytesToStrip();
        this.maxValue = spec.lengthFieldLength() == 8 ? Long.MAX_VALUE : (1L << (8 * spec.lengthFieldLength())) - 1;
    }

    @Override
    public int encodedLength(int payloadLength) {
        fieldValue(payloadLength);
        return Math.addExact(payloadLength, prefix);
    }

    @Override
    public void encode(byte[] payload, int off, int len, ByteBuffer out) {
        Objects.checkFromIndexSize(off, len, payload.length);
        long value = fieldValue(len);
        if (out.remaining() < len + prefix) {
            // Checked first so that a failed encode leaves no partial frame in the buffer.
            throw new BufferOverflowException();
        }
        if (prefix == 0) {
            // The payload carries the header: copy it around the field, whose place gets the computed value.
            int offset = spec.lengthFieldOffset();
            int header = spec.headerLength();
            out.put(payload, off, offset);
            putField(out, value);
            out.put(payload, off + header, len - header);
        }
        else {
            putField(out, value);
            out.put(payload, off, len);
        }
    }

    @Override
    public ByteBuffer[] frame(byte[] payload, int off, int len) {
        Objects.checkFromIndexSize(off, len, payload.length);
        long value = fieldValue(len);
        int header = spec.headerLength();
        ByteBuffer head = ByteBuffer.allocate(header);
        int inPayload = header - prefix;
        // Encodable layouts with a prefix have no offset, so this copies the payload's header bytes or nothing.
        head.put(payload, off, spec.lengthFieldOffset());
        putField(head, value);
        return new ByteBuffer[] { head.flip(), ByteBuffer.wrap(payload, off + inPayload, len - inPayload) };
    }

    /** The length field's value for a payload of {@code len} bytes; refuses what the field cannot state. */
    private long fieldValue(int len) {
        if (!spec.encodable()) {
            throw new UnsupportedOperationException(spec.name() + " framing: cannot encode with lengthFieldOffset "
                    + spec.lengthFieldOffset() + " and initialBytesToStrip " + spec.initialBytesToStrip()
                    + ": the stripped bytes are not in the payload (encoding needs initialBytesToStrip 0, or"
                    + " lengthFieldOffset 0 with initialBytesToStrip equal to lengthFieldLength)");
        }
        int header = spec.headerLength();
        int inPayload = header - prefix;
        if (len < inPayload) {
            throw new IllegalArgumentException(spec.name() + " framing: a payload of " + len
                    + " bytes cannot hold the " + inPayload + "-byte header it must carry");
        }
        long rest = (long) len - inPayload;
        long value = rest - spec.lengthAdjustment() + (spec.includesHeader() ? header : 0);
        if (value < 0 || value > maxValue) {
            throw new IllegalArgumentException(spec.name() + " framing: a payload of " + len
                    + " bytes needs a length field of " + value + ", outside 0.." + maxValue + " for "
                    + spec.lengthFieldLength() + " bytes");
        }
        return value;
    }

    private void putField(ByteBuffer out, long value) {
        int n = spec.lengthFieldLength();
        boolean big = spec.byteOrder() == ByteOrder.BIG_ENDIAN;
        for (int i = 0; i < n; i++) {
            int shift = 8 * (big ? n - 1 - i : i);
            out.put((byte) (value >>> shift));
        }
    }
}

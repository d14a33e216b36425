package io.asyncoro.net.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/** Frames of exactly {@code length} bytes, with no header: both directions, stateless and shared. */
final class FixedLengthFraming implements FrameDecoder, FrameEncoder {

    static final String NAME = "fixed-length";

    private final int length;

    FixedLengthFraming(int length) {
        // Zero-length frames would decode forever out of nothing.
        if (length < 1 || length > Codecs.MAX_SIZE) {
            throw new IllegalArgumentException("length must be between 1 and " + Codecs.MAX_SIZE + ": " + length);
        }
        this.length = length;
    }

    @Override
    public byte[] decode(ByteBuffer in) {
        if (in.remaining() < length) {
            return null;
        }
        byte[] payload = new byte[length];
        in.get(payload);
        return payload;
    }

    @Override
    public byte[] decodeLast(ByteBuffer in) throws IOException {
        int n = in.remaining();
        if (n == 0) {
            return null;
        }
        if (n < length) {
            throw new FrameTruncatedException(NAME, n, "stream ended inside a frame after " + n + " of " + length
                    + " bytes");
        }
        return decode(in);
    }

    @Override
    public long frameLength(ByteBuffer in) {
        return length;
    }

    @Override
    public int encodedLength(int payloadLength) {
        requireLength(payloadLength);
        return length;
    }

    @Override
    public void encode(byte[] payload, int off, int len, ByteBuffer out) {
        Objects.checkFromIndexSize(off, len, payload.length);
        requireLength(len);
        out.put(payload, off, len);
    }

    @Override
    public ByteBuffer[] frame(byte[] payload, int off, int len) {
        Objects.checkFromIndexSize(off, len, payload.length);
        requireLength(len);
        return new ByteBuffer[] { ByteBuffer.wrap(payload, off, len) };
    }

    private void requireLength(int len) {
        if (len != length) {
            throw new IllegalArgumentException(NAME + " framing: payload of " + len + " bytes, frames are "
                    + length + " bytes");
        }
    }
}

package io.asyncoro.net.codec;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * No framing: each decode returns what is buffered, at most {@code maxChunk} bytes; each payload is written as
 * it is. Stateless and shared.
 */
final class RawFraming implements FrameDecoder, FrameEncoder {

    private final int maxChunk;

    RawFraming(int maxChunk) {
        if (maxChunk < 1 || maxChunk > Codecs.MAX_SIZE) {
            throw new IllegalArgumentException("maxChunk must be between 1 and " + Codecs.MAX_SIZE + ": " + maxChunk);
        }
        this.maxChunk = maxChunk;
    }

    @Override
    public byte[] decode(ByteBuffer in) {
        int n = Math.min(in.remaining(), maxChunk);
        if (n == 0) {
            return null;
        }
        byte[] chunk = new byte[n];
        in.get(chunk);
        return chunk;
    }

    /** At the end of the stream there is nothing to wait for: the rest comes out in chunks like any read. */
    @Override
    public byte[] decodeLast(ByteBuffer in) {
        return decode(in);
    }

    @Override
    public int encodedLength(int payloadLength) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length: " + payloadLength);
        }
        return payloadLength;
    }

    @Override
    public void encode(byte[] payload, int off, int len, ByteBuffer out) {
        Objects.checkFromIndexSize(off, len, payload.length);
        out.put(payload, off, len);
    }

    @Override
    public ByteBuffer[] frame(byte[] payload, int off, int len) {
        Objects.checkFromIndexSize(off, len, payload.length);
        return new ByteBuffer[] { ByteBuffer.wrap(payload, off, len) };
    }
}

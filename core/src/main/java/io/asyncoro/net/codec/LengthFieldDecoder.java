package io.asyncoro.net.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes the frames a {@link LengthFieldSpec} describes. Stateless: one instance serves every connection.
 * The header is validated (and a too-large frame refused) as soon as it is readable, before any payload is
 * buffered or allocated.
 */
final class LengthFieldDecoder implements FrameDecoder {

    /**
     * Field values above this are refused without arithmetic: they exceed any maximum (at most 2 GiB), and
     * capping them keeps {@code value + adjustment} from overflowing for 8-byte fields.
     */
    private static final long VALUE_CAP = 1L << 40;

    private final LengthFieldSpec spec;

    LengthFieldDecoder(LengthFieldSpec spec) {
        this.spec = spec;
    }

    @Override
    public byte[] decode(ByteBuffer in) throws IOException {
        long frame = frameLength(in);
        if (frame < 0 || in.remaining() < frame) {
            return null;
        }
        int start = in.position();
        byte[] payload = new byte[(int) frame - spec.initialBytesToStrip()];
        in.get(start + spec.initialBytesToStrip(), payload);
        in.position(start + (int) frame);
        return payload;
    }

    @Override
    public byte[] decodeLast(ByteBuffer in) throws IOException {
        byte[] payload = decode(in);
        if (payload != null || !in.hasRemaining()) {
            return payload;
        }
        int got = in.remaining();
        long frame = frameLength(in);
        if (frame < 0) {
            throw new FrameTruncatedException(spec.name(), got,
                    "stream ended inside a frame header after " + got + " of " + spec.headerLength() + " bytes");
        }
        throw new FrameTruncatedException(spec.name(), got,
                "stream ended inside a frame after " + got + " of " + frame + " bytes");
    }

    @Override
    public long frameLength(ByteBuffer in) throws IOException {
        int header = spec.headerLength();
        if (in.remaining() < header) {
            return -1;
        }
        int start = in.position();
        long value = readField(in, start + spec.lengthFieldOffset());
        if (Long.compareUnsigned(value, VALUE_CAP) > 0) {
            throw tooLarge(in, Long.toUnsignedString(value), value < 0 ? Long.MAX_VALUE : value);
        }
        long rest = value + spec.lengthAdjustment() - (spec.includesHeader() ? header : 0);
        if (rest < 0) {
            throw malformed(in, "length field " + value + " leaves " + rest + " bytes after a " + header
                    + "-byte header");
        }
        long frame = header + rest;
        if (frame < spec.initialBytesToStrip()) {
            throw malformed(in, "frame of " + frame + " bytes is shorter than initialBytesToStrip "
                    + spec.initialBytesToStrip());
        }
        long payload = frame - spec.initialBytesToStrip();
        if (payload > spec.maxSize()) {
            throw tooLarge(in, Long.toString(payload), payload);
        }
        if (frame > Codecs.MAX_SIZE) {
            // The payload fits, but with the bytes stripped before it the frame could not be buffered whole.
            throw new FrameTooLargeException(spec.name(), payload, spec.maxSize(), "frame of " + frame
                    + " bytes with its header exceeds the most a buffer holds, " + Codecs.MAX_SIZE + " bytes");
        }
        return frame;
    }

    private long readField(ByteBuffer in, int at) {
        int n = spec.lengthFieldLength();
        boolean big = spec.byteOrder() == ByteOrder.BIG_ENDIAN;
        long value = 0;
        for (int i = 0; i < n; i++) {
            long b = in.get(at + (big ? i : n - 1 - i)) & 0xFFL;
            value = (value << 8) | b;
        }
        return value;
    }

    private FrameTooLargeException tooLarge(ByteBuffer in, String announced, long length) {
        String size = "frame of " + announced + " bytes exceeds the maximum of " + spec.maxSize() + " bytes";
        String text = HeaderText.quoteIfText(in, in.position(), spec.headerLength());
        String detail = text == null ? size : textHint(text) + " (" + size + ")";
        return new FrameTooLargeException(spec.name(), length, spec.maxSize(), detail);
    }

    private FramingException malformed(ByteBuffer in, String problem) {
        String text = HeaderText.quoteIfText(in, in.position(), spec.headerLength());
        return new FramingException(spec.name(), text == null ? problem : textHint(text) + " (" + problem + ")");
    }

    private static String textHint(String quoted) {
        return "frame header " + quoted + " looks like ASCII text; is the peer sending lines? try framing: line";
    }
}

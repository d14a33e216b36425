package io.asyncoro.net.codec;

import java.util.Objects;

/**
 * The built-in framings. Every decoder checks its maximum before allocating, so a peer announcing a 2 GiB
 * frame costs nothing, and every error message starts with the framing's name.
 *
 * <p>At the end of the stream ({@link FrameDecoder#decodeLast}) unfinished bytes are a
 * {@link FrameTruncatedException}, except for {@link #line} (a last line without a newline is returned as a
 * frame, as {@code BufferedReader.readLine} and Python's {@code readline} do; a CR at its end is kept, since only
 * a CR before a LF is a line end) and {@link #raw} (the rest is returned).
 *
 * <p>Delimiter framings do not escape: a payload containing the delimiter is refused by the encoder with
 * {@link IllegalArgumentException} instead of being sent to corrupt the stream.
 */
public final class Codecs {

    /** The largest frame any decoder accepts: the largest array the JVM reliably allocates. */
    public static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    private static final byte[] LF = { '\n' };
    private static final byte[] CRLF = { '\r', '\n' };
    private static final byte[] STX = { 0x02 };
    private static final byte[] ETX = { 0x03 };
    private static final byte[] NONE = {};

    private Codecs() {
    }

    /**
     * asyncoro's {@code send_msg}/{@code recv_msg} framing, named {@code "message"}: a 4-byte big-endian
     * unsigned length, then the payload. Byte for byte what {@code AsyncSocket.sendMsg} writes.
     *
     * @param maxSize the largest payload accepted, at most {@link #MAX_SIZE}
     */
    public static Codec message(int maxSize) {
        return lengthField(LengthFieldSpec.builder().name("message").maxSize(maxSize).build());
    }

    /** A length-field framing laid out as {@code spec} says. */
    public static Codec lengthField(LengthFieldSpec spec) {
        Objects.requireNonNull(spec, "spec");
        FrameDecoder decoder = new LengthFieldDecoder(spec);
        return new SimpleCodec(spec.name(), () -> decoder, new LengthFieldEncoder(spec));
    }

    /**
     * Lines, named {@code "line"}: reads lines ended by LF or CRLF (the CR is dropped), writes LF. A payload
     * containing LF, or ending in CR, cannot be written. A last line without LF is returned at the end of the
     * stream.
     *
     * @param maxSize the longest line accepted, without its ending
     */
    public static Codec line(int maxSize) {
        return delimited(new DelimiterSpec("line", NONE, LF, "a newline", true, true, maxSize));
    }

    /**
     * CRLF-terminated frames, named {@code "crlf"} (Spring Integration's {@code ByteArrayCrLfSerializer}): reads
     * and writes CRLF; a lone LF is payload.
     */
    public static Codec crlf(int maxSize) {
        return delimited(new DelimiterSpec("crlf", NONE, CRLF, "CRLF", false, false, maxSize));
    }

    /**
     * Frames ended by {@code delimiter}, any non-empty byte sequence (Spring Integration's
     * {@code ByteArraySingleTerminatorSerializer} for one byte), named {@code "delimiter"}.
     */
    public static Codec delimiter(byte[] delimiter, int maxSize) {
        Objects.requireNonNull(delimiter, "delimiter");
        return delimited(new DelimiterSpec("delimiter", NONE, delimiter, "the delimiter " + hex(delimiter), false,
                false, maxSize));
    }

    /**
     * STX/ETX frames, named {@code "stx-etx"} (Spring Integration's {@code ByteArrayStxEtxSerializer}): 0x02,
     * payload, 0x03. A frame not starting with STX is a {@link FramingException}.
     */
    public static Codec stxEtx(int maxSize) {
        return delimited(new DelimiterSpec("stx-etx", STX, ETX, "ETX", false, false, maxSize));
    }

    /** Frames of exactly {@code length} bytes, named {@code "fixed-length"}. */
    public static Codec fixedLength(int length) {
        FixedLengthFraming framing = new FixedLengthFraming(length);
        return new SimpleCodec(FixedLengthFraming.NAME, () -> framing, framing);
    }

    /**
     * No framing, named {@code "raw"}: each decode returns whatever is buffered, at most {@code maxChunk} bytes
     * (Spring Integration's {@code ByteArrayRawSerializer} without its wait for the end of the stream).
     */
    public static Codec raw(int maxChunk) {
        RawFraming framing = new RawFraming(maxChunk);
        return new SimpleCodec("raw", () -> framing, framing);
    }

    private static Codec delimited(DelimiterSpec spec) {
        DelimiterEncoder encoder = new DelimiterEncoder(spec);
        return new SimpleCodec(spec.name(), () -> new DelimiterDecoder(spec), encoder);
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder("0x");
        for (byte b : bytes) {
            text.append(String.format("%02X", b));
        }
        return text.toString();
    }
}

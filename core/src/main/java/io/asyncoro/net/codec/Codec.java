package io.asyncoro.net.codec;

/**
 * A framing: how a byte stream is cut into messages and how messages are written into it. Built-ins come from
 * {@link Codecs}. A codec is immutable and may be shared by any number of connections; each connection takes
 * its own {@linkplain #newDecoder() decoder}.
 */
public interface Codec {

    /** The framing's name, as error messages start with it: {@code "message"}, {@code "line"}, ... */
    String name();

    /** A decoder for one connection (decoders may keep per-stream state). */
    FrameDecoder newDecoder();

    /** The encoder, shared by all connections. */
    FrameEncoder encoder();
}

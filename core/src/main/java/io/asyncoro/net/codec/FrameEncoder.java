package io.asyncoro.net.codec;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Writes one payload as one frame. Encoders are stateless and shared by all connections of a {@link Codec}.
 *
 * <p>Two forms, so a transport can always do one write and never copies a big payload twice: a small frame
 * is {@linkplain #encode encoded} whole into the transport's write buffer (one segment, one TLS record); a big
 * one is written as the {@linkplain #frame buffers} of {@link #frame}, whose payload part wraps the caller's
 * array. Both produce the same bytes.
 *
 * <p>Encoders refuse (with {@link IllegalArgumentException}) a payload that the matching decoder would not
 * give back unchanged, such as a line containing a newline: sending it would corrupt the stream. They do not
 * enforce the decoder's maximum size, which is the receiver's limit.
 */
public interface FrameEncoder {

    /**
     * The length of the frame carrying a payload of {@code payloadLength} bytes.
     *
     * @throws IllegalArgumentException when no frame of this framing can carry that many bytes
     */
    int encodedLength(int payloadLength);

    /**
     * Writes the frame carrying {@code payload[off, off + len)} into {@code out}, from its position, which
     * advances by {@link #encodedLength encodedLength(len)}. Nothing is written when it throws.
     *
     * @throws IllegalArgumentException when the payload cannot be framed (see the framing's rules)
     * @throws BufferOverflowException when {@code out} has less room than the frame needs
     */
    void encode(byte[] payload, int off, int len, ByteBuffer out);

    /**
     * The frame carrying {@code payload[off, off + len)} as buffers to write in order (a gathering write):
     * typically a small header, the payload itself wrapped rather than copied, and a trailer. The caller must
     * not change the payload until they are written.
     *
     * @throws IllegalArgumentException when the payload cannot be framed
     */
    ByteBuffer[] frame(byte[] payload, int off, int len);
}

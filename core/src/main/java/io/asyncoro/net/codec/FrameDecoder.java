package io.asyncoro.net.codec;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Cuts frames out of the bytes a stream delivered so far.
 *
 * <p>The caller (a transport) keeps one buffer per connection, appends what each read brings, and calls
 * {@link #decode} until it returns {@code null}; then it reads more. The buffer is in read mode: the bytes
 * from {@code position()} to {@code limit()} are the unconsumed ones. Between two calls the caller may append
 * bytes or move the unconsumed bytes (compact, copy into a larger buffer), but must not drop or change them.
 *
 * <p>A decoder may remember how far it already searched (a delimiter framing does, so that a long line is
 * not rescanned from its start on every read); that is why a {@link Codec} hands out a
 * {@linkplain Codec#newDecoder() new decoder} per connection. Decoders are not thread-safe.
 *
 * <p>Every {@link FramingException} leaves the stream beyond repair: the connection should be closed.
 */
public interface FrameDecoder {

    /**
     * Decodes the next frame if all of it is buffered.
     *
     * @param in the buffered bytes, in read mode
     * @return the frame's payload, with {@code in.position()} advanced past the whole frame; or {@code null}
     *         when the frame is incomplete, with {@code in.position()} unchanged
     * @throws FrameTooLargeException as soon as the frame is known to exceed the maximum size, before it is
     *         buffered: when a length header is readable, or when more than the maximum arrived without a
     *         delimiter
     * @throws FramingException when the bytes cannot start a frame of this framing
     */
    byte[] decode(ByteBuffer in) throws IOException;

    /**
     * Decodes at the end of the stream: called repeatedly once the peer has closed, until it returns
     * {@code null}. Returns complete frames as {@link #decode} does; what happens to a final unfinished frame
     * depends on the framing (see {@link Codecs}): most raise {@link FrameTruncatedException}.
     *
     * @param in the buffered bytes, in read mode; no more will come
     * @return the next payload, or {@code null} when nothing is left
     */
    byte[] decodeLast(ByteBuffer in) throws IOException;

    /**
     * How many bytes the next frame occupies in the stream (header, payload and trailer), once that can be
     * told from the buffered bytes, so that a transport can read a large payload straight into an array of
     * the right size instead of growing its buffer. Validates like {@link #decode}: a header announcing too
     * much raises {@link FrameTooLargeException} here too.
     *
     * @return the frame's total length, or -1 when it cannot be told yet (or ever: delimiter framings)
     */
    default long frameLength(ByteBuffer in) throws IOException {
        return -1;
    }
}

/**
 * Framings as codecs: how a byte stream is cut into messages ({@link io.asyncoro.net.codec.FrameDecoder}) and
 * how messages are written into it ({@link io.asyncoro.net.codec.FrameEncoder}), after Netty's codecs and
 * Spring Integration's serializers. The built-ins come from {@link io.asyncoro.net.codec.Codecs}.
 *
 * <h2>The seam for a transport</h2>
 *
 * Reading: keep one buffer per connection (read mode between calls) and one decoder from
 * {@link io.asyncoro.net.codec.Codec#newDecoder()}:
 *
 * <pre>{@code
 * byte[] frame;
 * while ((frame = decoder.decode(buffer)) == null) {
 *     long need = decoder.frameLength(buffer);   // -1: unknown; else the whole frame's length
 *     // grow the buffer to need (or read a large payload straight into an array of that size), then read
 *     if (endOfStream) {
 *         frame = decoder.decodeLast(buffer);    // null: clean end; may throw FrameTruncatedException
 *         break;
 *     }
 * }
 * }</pre>
 *
 * A {@link io.asyncoro.net.codec.FramingException} means the stream cannot be resynchronised: close it.
 *
 * <p>Writing: a small frame is {@linkplain io.asyncoro.net.codec.FrameEncoder#encode encoded} into one array and
 * written at once; a large one is written as the {@linkplain io.asyncoro.net.codec.FrameEncoder#frame buffers}
 * {@code frame} returns, whose payload part is the caller's array, not a copy.
 */
package io.asyncoro.net.codec;

package io.asyncoro.net.codec;

import java.io.IOException;
import java.nio.ByteBuffer;

import io.asyncoro.net.AsyncSocket;

/**
 * Writes frames to an {@link AsyncSocket} through a {@link FrameEncoder}, with the socket's public
 * {@link AsyncSocket#sendAll}: each frame is encoded into one array and written in one call, so concurrent
 * writers serialised by the caller never interleave parts of two frames.
 */
public final class CodecWriter {

    private CodecWriter() {
    }

    /**
     * Writes {@code payload} as one frame.
     *
     * @throws IllegalArgumentException when the payload cannot be framed (a line containing a newline)
     */
    public static void write(AsyncSocket socket, FrameEncoder encoder, byte[] payload) throws IOException {
        byte[] frame = new byte[encoder.encodedLength(payload.length)];
        encoder.encode(payload, 0, payload.length, ByteBuffer.wrap(frame));
        socket.sendAll(frame);
    }
}

package io.asyncoro.net.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

import io.asyncoro.net.AsyncSocket;

/**
 * Reads the frames of one connection through a {@link FrameDecoder}, on top of the socket's public
 * {@link AsyncSocket#recv(int)}. One reader per connection: it keeps the bytes read past the last frame.
 *
 * <p>An adapter until a transport runs decoders on its own read buffer: it copies each chunk once more than a
 * transport would, which the asyncoro framings ({@code message}, {@code line}) avoid by using the socket's
 * own {@code recvMsg}/{@code recvLine}.
 */
public final class CodecReader {

    private final AsyncSocket socket;
    private final FrameDecoder decoder;
    private final int chunkSize;
    private ByteBuffer buffer;
    private boolean ended;

    /**
     * A reader.
     *
     * @param chunkSize the most bytes asked of the socket per read
     */
    public CodecReader(AsyncSocket socket, FrameDecoder decoder, int chunkSize) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
        }
        this.chunkSize = chunkSize;
        this.buffer = ByteBuffer.allocate(Math.min(chunkSize, 8192)).flip();
    }

    /**
     * Reads the next frame's payload, waiting as the socket's timeout allows.
     *
     * @return the payload, or {@code null} once the peer has closed and nothing is left
     * @throws FramingException when the bytes break the framing (the connection should be closed)
     */
    public byte[] read() throws IOException {
        while (true) {
            byte[] frame = this.ended ? this.decoder.decodeLast(this.buffer) : this.decoder.decode(this.buffer);
            if (frame != null || this.ended) {
                return frame;
            }
            byte[] chunk = this.socket.recv(this.chunkSize);
            if (chunk.length == 0) {
                this.ended = true;
            }
            else {
                append(chunk);
            }
        }
    }

    /** Bytes read but not yet returned in a frame. */
    public int buffered() {
        return this.buffer.remaining();
    }

    private void append(byte[] chunk) {
        ByteBuffer b = this.buffer;
        if (b.capacity() - b.remaining() < chunk.length) {
            // Grow by doubling so that a large frame arriving in small chunks costs amortised linear copying.
            int needed = b.remaining() + chunk.length;
            ByteBuffer larger = ByteBuffer.allocate(Math.max(needed, (int) Math.min(Codecs.MAX_SIZE, 2L * b.capacity())));
            larger.put(b);
            this.buffer = larger;
        }
        else {
            b.compact();
        }
        this.buffer.put(chunk).flip();
    }
}

package io.asyncoro.net.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Byte-stream helpers for codec tests: building inputs, encoding both ways, decoding in random chunks. */
final class Streams {

    private Streams() {
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Concatenates byte arrays, strings (as Latin-1), chars and ints (as single bytes). */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof byte[] b) {
                out.writeBytes(b);
            }
            else if (part instanceof String s) {
                out.writeBytes(ascii(s));
            }
            else if (part instanceof Character c) {
                out.write(c);
            }
            else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    /** A read-mode buffer holding {@code data}, at a non-zero position to catch absolute-index mistakes. */
    static ByteBuffer buffer(byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(data.length + 3);
        buffer.position(3);
        buffer.put(data);
        return buffer.position(3);
    }

    /** The frame for {@code payload}, checking that {@code encode} and the gathering {@code frame} agree. */
    static byte[] encode(Codec codec, byte[] payload) {
        FrameEncoder encoder = codec.encoder();
        ByteBuffer out = ByteBuffer.allocate(encoder.encodedLength(payload.length));
        encoder.encode(payload, 0, payload.length, out);
        assertThat(out.hasRemaining()).as("encode fills exactly encodedLength").isFalse();
        byte[] whole = out.array();
        ByteArrayOutputStream gathered = new ByteArrayOutputStream();
        for (ByteBuffer part : encoder.frame(payload, 0, payload.length)) {
            byte[] chunk = new byte[part.remaining()];
            part.get(chunk);
            gathered.writeBytes(chunk);
        }
        assertThat(gathered.toByteArray()).as("frame() writes what encode() writes").isEqualTo(whole);
        return whole;
    }

    /** Decodes everything in {@code stream} at once, end of stream included. */
    static List<byte[]> decodeAll(Codec codec, byte[] stream) throws IOException {
        return decodeInChunks(codec, stream, stream.length, new Random(0));
    }

    /**
     * Decodes {@code stream} as a transport would: appending 1..maxChunk bytes at a time (sizes from
     * {@code random}) to a buffer that grows by copying and otherwise keeps its unconsumed bytes in place, then
     * draining with {@code decodeLast}.
     */
    static List<byte[]> decodeInChunks(Codec codec, byte[] stream, int maxChunk, Random random) throws IOException {
        FrameDecoder decoder = codec.newDecoder();
        List<byte[]> frames = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(16).flip();
        int fed = 0;
        while (fed < stream.length) {
            int n = Math.min(stream.length - fed, 1 + random.nextInt(Math.max(1, maxChunk)));
            buffer = append(buffer, stream, fed, n);
            fed += n;
            int before = buffer.position();
            for (byte[] frame; (frame = decoder.decode(buffer)) != null; before = buffer.position()) {
                frames.add(frame);
            }
            assertThat(buffer.position()).as("an incomplete decode leaves the position").isEqualTo(before);
        }
        for (byte[] frame; (frame = decoder.decodeLast(buffer)) != null;) {
            frames.add(frame);
        }
        assertThat(buffer.hasRemaining()).as("decodeLast drains the buffer").isFalse();
        return frames;
    }

    private static ByteBuffer append(ByteBuffer buffer, byte[] data, int off, int len) {
        if (buffer.capacity() - buffer.limit() < len) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.remaining() + len));
            bigger.put(buffer).flip();
            buffer = bigger;
        }
        int limit = buffer.limit();
        buffer.limit(limit + len);
        buffer.put(limit, data, off, len);
        return buffer;
    }
}

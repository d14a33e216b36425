package io.asyncoro.net;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

/** asyncoro frames as a peer writes them, built by hand so the tests do not trust the code they test. */
final class TestFrames {

    private TestFrames() {
    }

    /** One frame: the payload's length as 4 bytes big-endian, then the payload. */
    static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    /** Random payloads of {@code sizes}, added to {@code payloads}, and all their frames back to back. */
    static byte[] randomFrames(int[] sizes, Random random, List<byte[]> payloads) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int size : sizes) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            payloads.add(payload);
            stream.writeBytes(frame(payload));
        }
        return stream.toByteArray();
    }
}

package io.asyncoro.net.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.testsupport.Loopback;
import io.asyncoro.testsupport.Loopback.RawPair;

/**
 * {@link Codecs#message} is asyncoro's framing byte for byte: it decodes what {@link AsyncSocket#sendMsg} and
 * asyncoro itself wrote, and {@link AsyncSocket#recvMsg} reads what it encodes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageCodecCompatibilityTest {

    /** Around AsyncSocket's coalescing limit (16 KiB), where sendMsg switches from one write to two. */
    private static final int[] SIZES = { 0, 1, 5, 255, 256, 16_383, 16_384, 16_385, 100_000 };

    private final Codec message = Codecs.message(1 << 20);

    private static List<byte[]> payloads() {
        Random random = new Random(15);
        List<byte[]> payloads = new ArrayList<>();
        for (int size : SIZES) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            payloads.add(payload);
        }
        return payloads;
    }

    @Test
    void decodesWhatSendMsgWrites() throws Exception {
        List<byte[]> payloads = payloads();
        try (RawPair pair = Loopback.rawPair()) {
            InputStream in = pair.peer().getInputStream();
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(in),
                    command -> Thread.ofVirtual().start(command));
            for (byte[] payload : payloads) {
                pair.socket().sendMsg(payload);
            }
            pair.socket().shutdownOutput();
            byte[] wire = received.get(20, TimeUnit.SECONDS);

            ByteArrayOutputStream encoded = new ByteArrayOutputStream();
            payloads.forEach(payload -> encoded.writeBytes(Streams.encode(message, payload)));
            assertThat(wire).as("byte-identical to sendMsg").isEqualTo(encoded.toByteArray());
            assertThat(Streams.decodeInChunks(message, wire, 4096, new Random(3))).containsExactlyElementsOf(payloads);
        }
    }

    @Test
    void recvMsgReadsWhatTheCodecWrites() throws Exception {
        List<byte[]> payloads = payloads();
        try (RawPair pair = Loopback.rawPair()) {
            OutputStream out = pair.peer().getOutputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (byte[] payload : payloads) {
                        // The gathering form, as a transport would write a large frame.
                        for (ByteBuffer part : message.encoder().frame(payload, 0, payload.length)) {
                            out.write(part.array(), part.arrayOffset() + part.position(), part.remaining());
                        }
                    }
                    pair.peer().shutdownOutput();
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
            for (byte[] payload : payloads) {
                assertThat(pair.socket().recvMsg()).isEqualTo(payload);
            }
            assertThat(pair.socket().recvMsg()).isNull();
            writer.join();
        }
    }

    @Test
    void decodesAndReEncodesTheFramesAsyncoroWrote() throws Exception {
        byte[] wire;
        try (InputStream bin = getClass().getResourceAsStream("/wire/asyncoro-send_msg.bin")) {
            wire = bin.readAllBytes();
        }
        List<byte[]> frames = Streams.decodeInChunks(message, wire, 70_000, new Random(4));
        assertThat(frames).hasSizeGreaterThan(5);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        frames.forEach(payload -> again.writeBytes(Streams.encode(message, payload)));
        assertThat(again.toByteArray()).isEqualTo(wire);
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}

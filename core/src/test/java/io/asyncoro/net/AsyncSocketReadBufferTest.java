package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The read buffer grows and shrinks with the traffic: frames, raw reads and lines must come out intact whatever
 * size it has when their bytes arrive, however the bytes are split.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncSocketReadBufferTest {

    private ServerSocket listener;
    private Socket peer;
    private AsyncSocket socket;

    @BeforeEach
    void connect() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        peer = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        peer.setTcpNoDelay(true);
        socket = AsyncSocket.of(listener.accept());
    }

    @AfterEach
    void close() throws IOException {
        socket.close();
        peer.close();
        listener.close();
    }

    @Test
    void framesOfEverySizeAroundTheBufferSizesArriveIntact() throws Exception {
        int[] sizes = { 0, 1, 3, 4, 60, 63, 64, 123, 124, 127, 128, 129, 252, 255, 256, 257, 508, 511, 512, 513,
                1020, 1024, 4092, 4096, 8188, 8191, 8192, 8193, 70_000, 5, 64, 64, 64, 64, 64, 64, 0, 64 };
        List<byte[]> sent = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        Random random = new Random(7);
        for (int size : sizes) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            sent.add(payload);
            stream.write(ByteBuffer.allocate(4).putInt(size).array());
            stream.write(payload);
        }
        Thread writer = writeInBursts(stream.toByteArray(), random);
        for (byte[] expected : sent) {
            assertThat(socket.recvMsg()).isEqualTo(expected);
        }
        writer.join();
        peer.shutdownOutput();
        assertThat(socket.recvMsg()).isNull();
    }

    @Test
    void aHeaderSplitByteByByteIsJoined() throws Exception {
        byte[] payload = "split".getBytes(StandardCharsets.UTF_8);
        byte[] frame = ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
        byte[][] received = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                received[0] = socket.recvMsg();
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        });
        OutputStream out = peer.getOutputStream();
        for (byte b : frame) {
            // Each byte goes out only once the reader waits for more, so every read sees a single byte.
            await().atMost(Duration.ofSeconds(10)).until(() -> !reader.isAlive() || reader.getState() == Thread.State.WAITING);
            out.write(b);
            out.flush();
        }
        reader.join();
        assertThat(received[0]).isEqualTo(payload);
    }

    @Test
    void aStreamThatEndsInsideTheHeaderKeepsTheHeaderBytes() throws Exception {
        peer.getOutputStream().write(new byte[] { 0, 0 });
        peer.shutdownOutput();
        assertThatThrownBy(socket::recvMsg).isInstanceOfSatisfying(TruncatedMessageException.class,
                ex -> assertThat(ex.partial()).containsExactly(0, 0));
    }

    @Test
    void recvReturnsAtMostWhatWasAskedAndLosesNothing() throws Exception {
        byte[] data = new byte[200_000];
        Random random = new Random(11);
        random.nextBytes(data);
        Thread writer = writeInBursts(data, random);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int[] asks = { 1, 7, 100, 128, 512, 4096, 8192, 65_536 };
        int i = 0;
        while (received.size() < data.length) {
            int ask = asks[i++ % asks.length];
            byte[] chunk = socket.recv(ask);
            assertThat(chunk.length).isBetween(1, ask);
            received.write(chunk);
        }
        writer.join();
        assertThat(received.toByteArray()).isEqualTo(data);
        peer.shutdownOutput();
        assertThat(socket.recv(10)).isEmpty();
    }

    @Test
    void linesLongerAndShorterThanTheBufferArriveIntact() throws Exception {
        List<String> lines = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (int length : new int[] { 0, 10, 127, 128, 600, 9000, 3, 20_000, 1 }) {
            String line = "x".repeat(length);
            lines.add(line);
            all.append(line).append(length % 2 == 0 ? "\r\n" : "\n");
        }
        Thread writer = writeInBursts(all.toString().getBytes(StandardCharsets.US_ASCII), new Random(3));
        for (String line : lines) {
            assertThat(new String(socket.recvLine(), StandardCharsets.US_ASCII)).isEqualTo(line);
        }
        writer.join();
    }

    /** Writes {@code data} in random-sized pieces with short pauses, so reads see every kind of split. */
    private Thread writeInBursts(byte[] data, Random random) {
        int[] pieces = new int[data.length];
        int count = 0;
        for (int at = 0; at < data.length; ) {
            int piece = Math.min(data.length - at, 1 + random.nextInt(random.nextBoolean() ? 300 : 20_000));
            pieces[count++] = piece;
            at += piece;
        }
        int total = count;
        return Thread.ofPlatform().start(() -> {
            try {
                OutputStream out = peer.getOutputStream();
                int at = 0;
                for (int p = 0; p < total; p++) {
                    out.write(data, at, pieces[p]);
                    out.flush();
                    at += pieces[p];
                }
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        });
    }
}

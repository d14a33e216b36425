package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.asyncoro.testsupport.Parked;

/** Unix domain sockets: polled like TCP, with the same framing, and their file gone when the server closes. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UnixDomainSocketTest {

    @TempDir
    Path dir;

    private UnixDomainSocketAddress address;
    private AsyncServerSocket server;

    @BeforeEach
    void bind() throws IOException {
        address = UnixDomainSocketAddress.of(dir.resolve("test.sock"));
        server = AsyncServerSocket.bind(address, 16);
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void messagesLinesAndRawBytesGoBothWays() throws Exception {
        try (AsyncSocket client = AsyncSocket.connect(address); AsyncSocket accepted = server.accept()) {
            client.setTimeout(Duration.ofSeconds(10));
            accepted.setTimeout(Duration.ofSeconds(10));
            client.sendMsg("ping".getBytes(StandardCharsets.UTF_8));
            assertThat(accepted.recvMsg()).asString(StandardCharsets.UTF_8).isEqualTo("ping");
            accepted.sendLine("pong".getBytes(StandardCharsets.UTF_8));
            assertThat(client.recvLine()).asString(StandardCharsets.UTF_8).isEqualTo("pong");
            client.sendAll(new byte[] { 1, 2, 3 });
            assertThat(accepted.recvAll(3)).containsExactly(1, 2, 3);
            client.shutdownOutput();
            assertThat(accepted.recvMsg()).isNull();
        }
    }

    @Test
    void framesOfEverySizeSplitAnywhereArriveIntact() throws Exception {
        int[] sizes = { 0, 1, 3, 4, 127, 128, 4096, 8191, 16_384, 16_385, 70_000, 300_000, 5, 0 };
        List<byte[]> sent = new ArrayList<>();
        Random random = new Random(5);
        byte[] all = TestFrames.randomFrames(sizes, random, sent);
        try (SocketChannel peer = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            peer.connect(address);
            AsyncSocket accepted = server.accept();
            accepted.setTimeout(Duration.ofSeconds(10));
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    for (int at = 0; at < all.length; ) {
                        int piece = Math.min(all.length - at, 1 + random.nextInt(random.nextBoolean() ? 50 : 40_000));
                        peer.write(ByteBuffer.wrap(all, at, piece));
                        at += piece;
                    }
                }
                catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            for (byte[] expected : sent) {
                assertThat(accepted.recvMsg()).isEqualTo(expected);
            }
            writer.join();
            // And back, while the peer reads: what sendMsg writes is the same framing.
            Thread echo = Thread.ofVirtual().start(() -> {
                try (accepted) {
                    for (byte[] payload : sent) {
                        accepted.sendMsg(payload);
                    }
                }
                catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            ByteArrayOutputStream echoed = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (peer.read(buffer.clear()) > 0) {
                echoed.write(buffer.array(), 0, buffer.position());
            }
            echo.join();
            assertThat(echoed.toByteArray()).isEqualTo(all);
        }
    }

    @Test
    void addressesAreTheSocketPathAndTheInetOnesAreNull() throws Exception {
        try (AsyncSocket client = AsyncSocket.connect(address); AsyncSocket accepted = server.accept()) {
            assertThat(client.remoteSocketAddress()).isEqualTo(address);
            assertThat(accepted.localSocketAddress()).isEqualTo(address);
            assertThat(client.remoteAddress()).isNull();
            assertThat(client.localAddress()).isNull();
            assertThat(server.localSocketAddress()).isEqualTo(address);
            assertThat(server.localAddress()).isNull();
            assertThat(server.localPort()).isEqualTo(-1);
            assertThat(client.isTls()).isFalse();
            assertThat(client.toString()).startsWith("AsyncSocket[unix ");
            assertThat(accepted.toString()).as("the accepted side too").startsWith("AsyncSocket[unix ");
            client.close();
            assertThat(client.remoteSocketAddress()).as("still known after close").isEqualTo(address);
        }
    }

    @Test
    void closingTheServerDeletesTheSocketFileSoThePathCanBeBoundAgain() throws Exception {
        assertThat(address.getPath()).exists();
        server.close();
        assertThat(address.getPath()).doesNotExist();
        assertThat(server.isClosed()).isTrue();
        server = AsyncServerSocket.bind(address, 16);
        try (AsyncSocket client = AsyncSocket.connect(address); AsyncSocket accepted = server.accept()) {
            client.sendMsg(new byte[] { 7 });
            assertThat(accepted.recvMsg()).containsExactly(7);
        }
    }

    @Test
    void aPathThatExistsIsNotTakenOver() throws Exception {
        Path taken = dir.resolve("taken.sock");
        Files.writeString(taken, "not a socket");
        assertThatThrownBy(() -> AsyncServerSocket.bind(UnixDomainSocketAddress.of(taken), 1))
                .isInstanceOf(BindException.class);
        assertThat(taken).hasContent("not a socket");
    }

    @Test
    void aWriteThatTimesOutClosesTheSocket() throws Exception {
        try (AsyncSocket client = AsyncSocket.connect(address); AsyncSocket accepted = server.accept()) {
            // Nobody reads on the accepted side: the buffers fill and the write overruns its deadline.
            client.setTimeout(Duration.ofMillis(300));
            assertThatThrownBy(() -> client.sendAll(new byte[16 << 20])).isInstanceOf(SocketTimeoutException.class);
            assertThat(client.isClosed()).isTrue();
            // A Unix domain socket has no reset: the peer reads what had gone, then the end.
            accepted.setTimeout(Duration.ofSeconds(10));
            long received = 0;
            for (byte[] data; (data = accepted.recv(1 << 20)).length > 0; ) {
                received += data.length;
            }
            assertThat(received).isLessThan(16 << 20);
        }
    }

    @Test
    void closeWakesABlockedReaderAndThePeerSeesTheEnd() throws Exception {
        try (AsyncSocket client = AsyncSocket.connect(address); AsyncSocket accepted = server.accept()) {
            AtomicReference<Thread> thread = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                thread.set(Thread.currentThread());
                try {
                    accepted.recvMsg();
                }
                catch (Throwable ex) {
                    failure.set(ex);
                }
            });
            Parked.awaitParkedIn(thread, "takeWholeFrame");
            accepted.close();
            reader.join();
            assertThat(failure.get()).isInstanceOf(SocketClosedException.class);
            client.setTimeout(Duration.ofSeconds(10));
            assertThat(client.recvMsg()).isNull();
        }
    }
}

package io.asyncoro.reliability.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.reliability.support.Canary;
import io.asyncoro.reliability.support.CountingObserver;
import io.asyncoro.reliability.support.Frames;
import io.asyncoro.reliability.support.Servers;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.ConnectionHandler;
import io.asyncoro.server.ErrorKind;
import io.asyncoro.server.RejectReason;

/**
 * Peers that misbehave at the TCP level: each is dealt with on its own connection while a canary client on the
 * same server keeps echoing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostilePeersTest {

    private final CountingObserver observer = new CountingObserver();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private AsyncSocketServer server;

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    private AsyncSocketServer start(AsyncSocketServer.Builder builder) throws IOException {
        server = Servers.started(builder.observer(observer));
        return server;
    }

    private Canary canary() throws IOException {
        Canary canary = Canary.start(Servers.connect(server));
        cleanup.add(canary);
        canary.assertStillServing();
        return canary;
    }

    private Socket raw() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.localPort());
        socket.setSoTimeout((int) Servers.CLIENT_TIMEOUT.toMillis());
        cleanup.add(socket);
        return socket;
    }

    private void awaitOnlyCanaryLeft() {
        await().atMost(Duration.ofSeconds(10)).until(() -> server.activeConnections() == 1);
    }

    /** A peer that resets (SO_LINGER 0) in the middle of a frame costs its own connection and nothing else. */
    @Test
    void resetMidFrame() throws Exception {
        start(Servers.loopback("reset").handler(Servers.ECHO));
        Canary canary = canary();
        Socket peer = raw();
        OutputStream out = peer.getOutputStream();
        out.write(Frames.header(100));
        out.write(new byte[40]);
        out.flush();
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.bytesReceived() >= 44);
        peer.setSoLinger(true, 0);
        peer.close();

        awaitOnlyCanaryLeft();
        assertThat(observer.errors(ErrorKind.IO) + observer.errors(ErrorKind.TRUNCATED)).isEqualTo(1);
        assertThat(server.isListening()).isTrue();
        canary.assertStillServing();
    }

    /**
     * A peer that half-closes in the middle of a frame still gets the replies to its complete messages, then the
     * server closes; the torn frame is counted as truncated.
     */
    @Test
    void halfCloseMidFrameDeliversPendingRepliesThenCloses() throws Exception {
        start(Servers.loopback("half-close-mid").handler(Servers.ECHO));
        Canary canary = canary();
        try (AsyncSocket peer = Servers.connect(server)) {
            byte[] one = "one".getBytes(StandardCharsets.UTF_8);
            byte[] two = "two".getBytes(StandardCharsets.UTF_8);
            peer.sendAll(Frames.frame(one));
            peer.sendAll(Frames.frame(two));
            peer.sendAll(Frames.header(10));
            peer.sendAll(new byte[] { 1, 2, 3 });
            peer.shutdownOutput();

            assertThat(peer.recvMsg()).isEqualTo(one);
            assertThat(peer.recvMsg()).isEqualTo(two);
            assertThat(peer.recvMsg()).as("end of stream after the replies").isNull();
        }
        awaitOnlyCanaryLeft();
        assertThat(observer.errors(ErrorKind.TRUNCATED)).isEqualTo(1);
        canary.assertStillServing();
    }

    /** A half-close on a frame boundary is a clean goodbye: every reply, then end of stream, and no error. */
    @Test
    void halfCloseOnBoundaryDeliversEveryReplyThenCloses() throws Exception {
        start(Servers.loopback("half-close-boundary").handler(Servers.ECHO));
        Canary canary = canary();
        try (AsyncSocket peer = Servers.connect(server)) {
            for (int i = 0; i < 50; i++) {
                peer.sendMsg(("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            peer.shutdownOutput();
            for (int i = 0; i < 50; i++) {
                assertThat(new String(peer.recvMsg(), StandardCharsets.UTF_8)).isEqualTo("m" + i);
            }
            assertThat(peer.recvMsg()).isNull();
        }
        awaitOnlyCanaryLeft();
        assertThat(observer.totalErrors()).isZero();
        canary.assertStillServing();
    }

    /**
     * A handler that writes to a peer that has gone (reset) gets an I/O error promptly instead of hanging, and the
     * connection is released.
     */
    @Test
    void writingToAPeerThatHasGoneFailsPromptly() throws Exception {
        CountDownLatch peerGone = new CountDownLatch(1);
        AtomicReference<Throwable> writeFailure = new AtomicReference<>();
        ConnectionHandler handler = socket -> {
            if (!"writer".equals(new String(socket.recvMsg(), StandardCharsets.UTF_8))) {
                Servers.ECHO.handle(socket);
                return;
            }
            peerGone.await();
            try {
                byte[] chunk = new byte[16 * 1024];
                while (true) {
                    socket.sendMsg(chunk);
                }
            }
            catch (IOException ex) {
                writeFailure.set(ex);
                throw ex;
            }
        };
        start(Servers.loopback("gone").handler(handler));
        AsyncSocket canarySocket = Servers.connect(server);
        canarySocket.sendMsg("canary".getBytes(StandardCharsets.UTF_8));
        Canary canary = Canary.start(canarySocket);
        cleanup.add(canary);

        Socket peer = raw();
        peer.getOutputStream().write(Frames.frame("writer".getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.activeConnections() == 2);
        peer.setSoLinger(true, 0);
        peer.close();
        peerGone.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> writeFailure.get() != null);
        assertThat(writeFailure.get()).isInstanceOf(IOException.class);
        awaitOnlyCanaryLeft();
        assertThat(observer.errors(ErrorKind.IO)).isEqualTo(1);
        canary.assertStillServing();
    }

    /**
     * A peer that never reads fills its socket buffers; the server's writes to it then time out after the idle
     * timeout (core's write watchdog), the connection is closed and counted, and other clients are unaffected.
     */
    @Test
    void aPeerThatNeverReadsHasItsWritesTimedOut() throws Exception {
        ConnectionHandler handler = socket -> {
            byte[] first = socket.recvMsg();
            if (first == null) {
                return;
            }
            if (!"flood me".equals(new String(first, StandardCharsets.UTF_8))) {
                socket.sendMsg(first);
                Servers.ECHO.handle(socket);
                return;
            }
            byte[] chunk = new byte[64 * 1024];
            while (true) {
                socket.sendMsg(chunk);
            }
        };
        start(Servers.loopback("never-reads").handler(handler).idleTimeout(Duration.ofSeconds(1)));
        Canary canary = canary();
        Socket peer = raw();
        peer.setReceiveBufferSize(4096);
        peer.getOutputStream().write(Frames.frame("flood me".getBytes(StandardCharsets.UTF_8)));

        await().atMost(Duration.ofSeconds(20)).until(() -> observer.errors(ErrorKind.TIMEOUT) == 1);
        awaitOnlyCanaryLeft();
        canary.assertStillServing();
    }

    /**
     * A slow-loris trickling a frame a byte at a time, each byte well inside the idle timeout, is still cut off:
     * the timeout covers the whole {@code recvMsg}, not each read.
     */
    @Test
    void aSlowLorisIsReclaimedByTheIdleTimeout() throws Exception {
        start(Servers.loopback("loris").handler(Servers.ECHO).idleTimeout(Duration.ofSeconds(1)));
        Canary canary = canary();
        Socket peer = raw();
        OutputStream out = peer.getOutputStream();
        // A frame of 1000 bytes, one byte every 100 ms: 100 s to finish, each byte 10x inside the timeout.
        byte[] frame = Frames.frame(new byte[1000]);
        AtomicInteger trickled = new AtomicInteger();
        ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
        cleanup.add(trickler::shutdownNow);
        trickler.scheduleAtFixedRate(() -> {
            try {
                int i = trickled.get();
                if (i < frame.length) {
                    out.write(frame[i]);
                    out.flush();
                    trickled.incrementAndGet();
                }
            }
            catch (IOException closedByServer) {
                throw new IllegalStateException(closedByServer);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);

        InputStream in = peer.getInputStream();
        int read;
        try {
            read = in.read();
        }
        catch (SocketException reset) {
            read = -1;
        }
        assertThat(read).as("the server closed the trickling connection").isEqualTo(-1);
        assertThat(trickled.get()).as("bytes trickled before the cut-off").isLessThan(frame.length);
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.errors(ErrorKind.TIMEOUT) == 1);
        awaitOnlyCanaryLeft();
        canary.assertStillServing();
    }

    /**
     * A flood of connections past max-connections: the admitted ones are served, every excess one is closed at
     * once and counted as rejected.
     */
    @Test
    void aConnectionFloodPastTheLimitIsRefusedAndCounted() throws Exception {
        int limit = 5;
        int excess = 30;
        start(Servers.loopback("flood").handler(Servers.ECHO).maxConnections(limit));
        List<AsyncSocket> admitted = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            AsyncSocket client = Servers.connect(server);
            cleanup.add(client);
            admitted.add(client);
            assertEchoes(client, "admitted " + i);
        }
        assertThat(server.activeConnections()).isEqualTo(limit);

        for (int i = 0; i < excess; i++) {
            Socket extra = raw();
            int read;
            try {
                read = extra.getInputStream().read();
            }
            catch (SocketException reset) {
                read = -1;
            }
            assertThat(read).as("excess connection %d is closed by the server", i).isEqualTo(-1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.rejected(RejectReason.MAX_CONNECTIONS) == excess);
        assertThat(observer.opened()).isEqualTo(limit);
        for (int i = 0; i < limit; i++) {
            assertEchoes(admitted.get(i), "still served " + i);
        }
        assertThat(server.activeConnections()).isEqualTo(limit);
    }

    private static void assertEchoes(AsyncSocket client, String text) throws IOException {
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        client.sendMsg(message);
        assertThat(client.recvMsg()).isEqualTo(message);
    }
}

package io.asyncoro.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.TlsClientConfig;
import io.asyncoro.net.TlsServerConfig;
import io.asyncoro.testsupport.Loopback;
import io.asyncoro.testsupport.RecordingObserver;
import io.asyncoro.testsupport.TestTls;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncSocketServerTest {

    private static final ConnectionHandler ECHO = sock -> {
        byte[] m;
        while ((m = sock.recvMsg()) != null) {
            sock.sendMsg(m);
        }
    };

    private final AsynCoro asyncoro = new AsynCoro("server-test");
    private final RecordingObserver observer = new RecordingObserver();
    private final List<AsyncSocketServer> servers = new ArrayList<>();
    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        for (AsyncSocketServer s : servers) {
            s.stop(Duration.ofSeconds(2));
        }
        asyncoro.close(Duration.ofSeconds(5));
    }

    private AsyncSocketServer.Builder builder(ConnectionHandler handler) {
        return AsyncSocketServer.builder().name("test").address(InetAddress.getLoopbackAddress()).asyncoro(asyncoro)
                .observer(observer).handler(handler);
    }

    private AsyncSocketServer start(AsyncSocketServer.Builder builder) throws IOException {
        AsyncSocketServer server = builder.build();
        servers.add(server);
        server.start();
        return server;
    }

    private AsyncSocket connect(AsyncSocketServer server) throws IOException {
        AsyncSocket client = AsyncSocket.connect(Loopback.address(server.localPort()), Duration.ofSeconds(5));
        client.setTimeout(Duration.ofSeconds(10));
        clients.add(client);
        return client;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertEchoes(AsyncSocket client, String text) throws IOException {
        client.sendMsg(bytes(text));
        assertThat(client.recvMsg()).isEqualTo(bytes(text));
    }

    /** Whether the server has closed this client: end of stream, or a reset. */
    private static boolean closedByServer(AsyncSocket client) {
        try {
            return client.recv(1).length == 0;
        }
        catch (IOException ex) {
            return !(ex instanceof java.net.SocketTimeoutException);
        }
    }

    // ------------------------------------------------------------------ basics

    @Test
    void servesEachConnectionInItsOwnCoroutineAndReportsItsState() throws Exception {
        AsyncSocketServer server = start(builder(ECHO));
        assertThat(server.isRunning()).isTrue();
        assertThat(server.isListening()).isTrue();
        assertThat(server.localPort()).isPositive();
        assertThat(server.localAddress().getPort()).isEqualTo(server.localPort());
        assertThat(server.protocol()).isEqualTo("tcp");
        assertThat(server.isTls()).isFalse();
        assertThat(observer.started.get()).isEqualTo(1);
        AsyncSocket a = connect(server);
        AsyncSocket b = connect(server);
        assertEchoes(a, "from a");
        assertEchoes(b, "from b");
        assertThat(server.activeConnections()).isEqualTo(2);
        a.shutdownOutput();
        assertThat(a.recvMsg()).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.activeConnections() == 1);
        assertThat(server.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(server.isListening()).isFalse();
        assertThat(server.isRunning()).isFalse();
        assertThat(observer.stopped.get()).isEqualTo(1);
        assertThat(server.stop(Duration.ofSeconds(1))).as("idempotent").isTrue();
        assertThat(observer.stopped.get()).isEqualTo(1);
    }

    @Test
    void startingTwiceIsRefusedAndATakenPortIsNamed() throws Exception {
        AsyncSocketServer server = start(builder(ECHO));
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        AsyncSocketServer clash = builder(ECHO).name("clash").port(server.localPort()).build();
        assertThatThrownBy(clash::start).isInstanceOf(BindException.class).hasMessageContaining("clash")
                .hasMessageContaining(String.valueOf(server.localPort()));
    }

    @Test
    void awaitStopReturnsOnceStopped() throws Exception {
        AsyncSocketServer server = start(builder(ECHO));
        Coro<Void> waiter = asyncoro.spawn(self -> {
            server.awaitStop();
            return null;
        });
        assertThat(waiter.isAlive()).isTrue();
        server.stop(Duration.ofSeconds(1));
        assertThat(waiter.value(Duration.ofSeconds(5))).isNull();
    }

    // ------------------------------------------------------------------ limits

    @Test
    void aConnectionOverTheLimitIsClosedAndCountedWhileAdmittedOnesAreServed() throws Exception {
        AsyncSocketServer server = start(builder(ECHO).maxConnections(2));
        AsyncSocket a = connect(server);
        AsyncSocket b = connect(server);
        assertEchoes(a, "a");
        assertEchoes(b, "b");
        AsyncSocket excess = connect(server);
        assertThat(closedByServer(excess)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.rejected(RejectReason.MAX_CONNECTIONS) == 1);
        assertEchoes(a, "a again");
        assertEchoes(b, "b again");
        assertThat(observer.opened.get()).isEqualTo(2);

        a.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.activeConnections() == 1);
        AsyncSocket c = connect(server);
        assertEchoes(c, "a place came free");
        assertThat(observer.rejected(RejectReason.MAX_CONNECTIONS)).isEqualTo(1);
    }

    @Test
    void theIdleTimeoutClosesAnIdleConnection() throws Exception {
        AsyncSocketServer server = start(builder(ECHO).idleTimeout(Duration.ofSeconds(1)));
        assertThat(server.idleTimeout()).isEqualTo(Duration.ofSeconds(1));
        AsyncSocket idle = connect(server);
        assertEchoes(idle, "then nothing");
        long start = System.nanoTime();
        assertThat(closedByServer(idle)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.errors(ErrorKind.TIMEOUT) == 1);
        assertThat(server.activeConnections()).isZero();
    }

    @Test
    void anOversizedFrameClosesThatConnectionOnly() throws Exception {
        AsyncSocketServer server = start(builder(ECHO).maxMessageSize(100));
        assertThat(server.maxMessageSize()).isEqualTo(100);
        AsyncSocket good = connect(server);
        AsyncSocket bad = connect(server);
        assertEchoes(good, "fine");
        bad.sendAll(new byte[] { 0, 0, 0, 101 });
        assertThat(closedByServer(bad)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.errors(ErrorKind.MESSAGE_TOO_LARGE) == 1);
        assertEchoes(good, "still fine");
        assertEchoes(connect(server), "newcomer");
    }

    @Test
    void aFrameCutShortIsCountedAsTruncated() throws Exception {
        AsyncSocketServer server = start(builder(ECHO));
        AsyncSocket cut = connect(server);
        cut.sendAll(new byte[] { 0, 0, 0, 10, 1, 2 });
        cut.shutdownOutput();
        assertThat(closedByServer(cut)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.errors(ErrorKind.TRUNCATED) == 1);
    }

    // ------------------------------------------------------------------ failures

    @Test
    void aHandlerExceptionClosesOnlyThatConnectionAndTheServerGoesOn() throws Exception {
        AsyncSocketServer server = start(builder(sock -> {
            byte[] m;
            while ((m = sock.recvMsg()) != null) {
                if (new String(m, StandardCharsets.UTF_8).equals("boom")) {
                    throw new IllegalStateException("handler bug");
                }
                sock.sendMsg(m);
            }
        }));
        AsyncSocket victim = connect(server);
        AsyncSocket bystander = connect(server);
        assertEchoes(bystander, "before");
        victim.sendMsg(bytes("boom"));
        assertThat(closedByServer(victim)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.errors(ErrorKind.HANDLER) == 1);
        assertEchoes(bystander, "after");
        assertEchoes(connect(server), "newcomer");
        assertThat(server.isListening()).isTrue();
        assertThat(observer.allErrors()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ threads

    @Test
    void handlersRunOnVirtualThreadsByDefaultAndOnPlatformThreadsInBlockingMode() throws Exception {
        ConnectionHandler whichThread = sock -> {
            sock.recvMsg();
            sock.sendMsg(bytes(Thread.currentThread().isVirtual() + " " + sock.isBlocking()));
        };
        AsyncSocketServer coroutines = start(builder(whichThread));
        AsyncSocketServer blocking = start(builder(whichThread).name("blocking").blocking(true));
        assertThat(blocking.isBlocking()).isTrue();
        AsyncSocket c1 = connect(coroutines);
        c1.sendMsg(new byte[0]);
        assertThat(new String(c1.recvMsg(), StandardCharsets.UTF_8)).isEqualTo("true false");
        AsyncSocket c2 = connect(blocking);
        c2.sendMsg(new byte[0]);
        assertThat(new String(c2.recvMsg(), StandardCharsets.UTF_8)).isEqualTo("false true");
    }

    // ------------------------------------------------------------------ observer

    @Test
    void theObserverCountsBytesWithFrameHeadersAndMessagesExactly() throws Exception {
        AsyncSocketServer server = start(builder(ECHO));
        AsyncSocket client = connect(server);
        int[] sizes = { 0, 10, 100, 20_000 };
        long payload = 0;
        for (int size : sizes) {
            client.sendMsg(new byte[size]);
            assertThat(client.recvMsg()).hasSize(size);
            payload += size;
        }
        client.shutdownOutput();
        assertThat(client.recvMsg()).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.closed.get() == 1);
        long wire = payload + 4L * sizes.length;
        assertThat(observer.bytesReceived.get()).isEqualTo(wire);
        assertThat(observer.bytesSent.get()).isEqualTo(wire);
        assertThat(observer.messagesReceived.get()).isEqualTo(sizes.length);
        assertThat(observer.messagesSent.get()).isEqualTo(sizes.length);
        assertThat(observer.opened.get()).isEqualTo(1);
        assertThat(observer.allErrors()).isZero();
    }

    // ------------------------------------------------------------------ stopping

    @Test
    void stopAnswersTheMessageInFlightRefusesNewConnectionsAndDrains() throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AsyncSocketServer server = start(builder(sock -> {
            byte[] m;
            while ((m = sock.recvMsg()) != null) {
                working.countDown();
                release.await();
                sock.sendMsg(m);
            }
        }));
        AsyncSocket client = connect(server);
        AsyncSocket idle = connect(server);
        client.sendMsg(bytes("in flight"));
        working.await();
        int port = server.localPort();
        Coro<Boolean> stopping = asyncoro.spawn(self -> server.stop(Duration.ofSeconds(10)));
        await().atMost(Duration.ofSeconds(5)).until(() -> !server.isListening());
        await().atMost(Duration.ofSeconds(5)).until(() -> refused(port));
        assertThat(closedByServer(idle)).as("an idle connection is drained at once").isTrue();
        assertThat(stopping.isAlive()).as("stop waits for the handler at work").isTrue();
        release.countDown();
        assertThat(client.recvMsg()).isEqualTo(bytes("in flight"));
        assertThat(client.recvMsg()).as("then the server closes").isNull();
        assertThat(stopping.value()).isTrue();
        assertThat(server.activeConnections()).isZero();
    }

    private static boolean refused(int port) {
        try (Socket s = new Socket()) {
            s.connect(Loopback.address(port), 1000);
            return false;
        }
        catch (ConnectException ex) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    @Test
    void stopReturnsAfterTheGracePeriodEvenWithAHandlerThatIgnoresEverything() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch freeAtLast = new CountDownLatch(1);
        AsyncSocketServer server = start(builder(sock -> {
            stuck.countDown();
            while (freeAtLast.getCount() > 0) {
                try {
                    freeAtLast.await();
                }
                catch (InterruptedException ignored) {
                    // a handler that will not be stopped
                }
            }
        }));
        AsyncSocket client = connect(server);
        stuck.await();
        long start = System.nanoTime();
        boolean drained = server.stop(Duration.ofMillis(300));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        freeAtLast.countDown();
        assertThat(drained).isFalse();
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(5));
        assertThat(closedByServer(client)).as("its connection was closed").isTrue();
        assertThat(server.isRunning()).isFalse();
    }

    @Test
    void stopTerminatesAHandlerThatWaitsInterruptibly() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        AsyncSocketServer server = start(builder(sock -> {
            stuck.countDown();
            Coro.sleep(Duration.ofMinutes(10));
        }));
        connect(server);
        stuck.await();
        assertThat(server.stop(Duration.ofMillis(200))).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.closed.get() == 1);
        assertThat(server.activeConnections()).isZero();
        assertThat(observer.allErrors()).as("ended by the stop: no error of the connection's").isZero();
    }

    // ------------------------------------------------------------------ TLS

    @Test
    void tlsHandshakeFailuresAreCountedAndDoNotStopTheAcceptLoop() throws Exception {
        AsyncSocketServer server = start(builder(ECHO)
                .tls(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).handshakeTimeout(Duration.ofSeconds(2))
                        .build()));
        assertThat(server.isTls()).isTrue();
        Socket staller = new Socket();
        clients.add(staller);
        staller.connect(Loopback.address(server.localPort()));
        Socket garbage = new Socket();
        clients.add(garbage);
        garbage.connect(Loopback.address(server.localPort()));
        garbage.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        AsyncSocket good = AsyncSocket.connectTls(Loopback.localhost(server.localPort()), Duration.ofSeconds(5),
                TlsClientConfig.builder().sslContext(TestTls.client()).build());
        clients.add(good);
        assertEchoes(good, "served while others fail");
        assertThat(garbage.getInputStream().readAllBytes()).as("the garbage connection is closed (after an alert)")
                .hasSizeLessThan(100);
        assertThat(staller.getInputStream().read()).as("the stalled connection is closed by the handshake timeout")
                .isEqualTo(-1);
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.handshakesFailed.get() == 2);
        assertThat(observer.handshakesOk.get()).isEqualTo(1);
        assertThat(observer.rejected(RejectReason.TLS)).isEqualTo(2);
        assertThat(observer.errors(ErrorKind.HANDSHAKE)).isEqualTo(2);
        assertEchoes(good, "and still served");
        assertThat(server.isListening()).isTrue();
    }

    @Test
    void overTlsTheObserverCountsApplicationBytesNotRecords() throws Exception {
        AsyncSocketServer server = start(builder(ECHO)
                .tls(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).build()));
        AsyncSocket client = AsyncSocket.connectTls(Loopback.localhost(server.localPort()), Duration.ofSeconds(5),
                TlsClientConfig.builder().sslContext(TestTls.client()).build());
        clients.add(client);
        assertEchoes(client, "12345");
        client.sendMsg(new byte[50_000]);
        assertThat(client.recvMsg()).hasSize(50_000);
        client.shutdownOutput();
        assertThat(client.recvMsg()).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.closed.get() == 1);
        assertThat(observer.bytesReceived.get()).isEqualTo(4 + 5 + 4 + 50_000);
        assertThat(observer.bytesSent.get()).isEqualTo(4 + 5 + 4 + 50_000);
        assertThat(observer.messagesReceived.get()).isEqualTo(2);
        assertThat(observer.handshakesOk.get()).isEqualTo(1);
    }
}

package io.asyncoro.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.AsynCoro;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.TlsClientConfig;
import io.asyncoro.net.TlsServerConfig;
import io.asyncoro.testsupport.Loopback;
import io.asyncoro.testsupport.RecordingObserver;
import io.asyncoro.testsupport.TestTls;

/**
 * A stop under traffic ends each connection with FIN, not a reset: clients that keep sending until they see end
 * of stream get every reply the server wrote, then a clean end of stream, and no "Connection reset".
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StopSendsFinTest {

    private static final int CLIENTS = 4;

    /** Answers each request with a burst, so replies are still in the send queue when the stop comes. */
    private static final ConnectionHandler BURST = sock -> {
        byte[] m;
        while ((m = sock.recvMsg()) != null) {
            for (int i = 0; i < 4; i++) {
                sock.sendMsg(m);
            }
        }
    };

    private final AsynCoro asyncoro = new AsynCoro("fin-test");
    private final RecordingObserver observer = new RecordingObserver();
    private final List<Client> clients = new ArrayList<>();
    private AsyncSocketServer server;

    @AfterEach
    void tearDown() throws Exception {
        for (Client c : clients) {
            c.socket.close();
        }
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
        asyncoro.close(Duration.ofSeconds(5));
    }

    @Test
    void clientsStillSendingAtTheStopGetEveryReplyAndAnEndOfStreamNotAReset() throws Exception {
        server = AsyncSocketServer.builder().name("fin").address(InetAddress.getLoopbackAddress()).asyncoro(asyncoro)
                .observer(observer).handler(BURST).build();
        server.start();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new Client(AsyncSocket.connect(Loopback.address(server.localPort()), Duration.ofSeconds(5))));
        }
        stopUnderTrafficAndCheckEveryReplyArrived();
    }

    /** TLS on the poller closes the same way: close_notify and FIN after the last reply, then the peer's bytes dropped. */
    @Test
    void overTlsClientsStillSendingAtTheStopGetEveryReplyAndAnEndOfStream() throws Exception {
        server = AsyncSocketServer.builder().name("fin-tls").address(InetAddress.getLoopbackAddress())
                .asyncoro(asyncoro).observer(observer).handler(BURST)
                .tls(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).build()).build();
        server.start();
        TlsClientConfig tls = TlsClientConfig.builder().sslContext(TestTls.client()).build();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new Client(AsyncSocket.connectTls(Loopback.localhost(server.localPort()),
                    Duration.ofSeconds(5), tls)));
        }
        stopUnderTrafficAndCheckEveryReplyArrived();
    }

    private void stopUnderTrafficAndCheckEveryReplyArrived() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> clients.stream().mapToLong(c -> c.replies.get()).sum() > 4_000);

        assertThat(server.stop(Duration.ofSeconds(10))).as("drained within the grace period").isTrue();

        long replies = 0;
        for (Client client : clients) {
            client.awaitEnd();
            assertThat(client.failure.get()).as("how the client's reads ended").isNull();
            replies += client.replies.get();
        }
        assertThat(replies + 4 * CLIENTS).as("replies received of %d written", observer.messagesSent.get())
                .isEqualTo(observer.messagesSent.get());
        assertThat(observer.allErrors()).as("errors %s", observer.errors()).isZero();
    }

    @Test
    void aMessageCutShortByTheStopIsNoErrorOfTheConnection() throws Exception {
        server = AsyncSocketServer.builder().name("cut").address(InetAddress.getLoopbackAddress()).asyncoro(asyncoro)
                .observer(observer).handler(BURST).build();
        server.start();
        try (AsyncSocket client = AsyncSocket.connect(Loopback.address(server.localPort()), Duration.ofSeconds(5))) {
            client.setTimeout(Duration.ofSeconds(10));
            client.sendAll(new byte[] { 0, 0 });
            await().atMost(Duration.ofSeconds(5)).until(() -> observer.bytesReceived.get() == 2);

            Thread.ofPlatform().daemon().start(() -> server.stop(Duration.ofSeconds(5)));

            assertThat(client.recvMsg()).as("the server's FIN").isNull();
            client.shutdownOutput();
            await().atMost(Duration.ofSeconds(5)).until(() -> observer.closed.get() == 1);
        }
        assertThat(observer.allErrors()).as("errors %s", observer.errors()).isZero();
    }

    /**
     * Sends 4-byte requests as fast as the socket takes them, without waiting for replies, until the server's end
     * of stream; counts the replies. So at the stop there is always input the server has not read.
     */
    private static final class Client {

        final AsyncSocket socket;
        final AtomicLong replies = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread writer;
        final Thread reader;
        volatile boolean ended;

        Client(AsyncSocket socket) throws IOException {
            this.socket = socket;
            socket.setTimeout(Duration.ofSeconds(30));
            // One exchange first, so every connection is served before the traffic starts (a busy server may
            // otherwise leave a late one in the listen backlog, which closing the listener resets).
            socket.sendMsg(new byte[] { 0 });
            for (int i = 0; i < 4; i++) {
                socket.recvMsg();
            }
            this.writer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (!ended) {
                        socket.sendMsg(new byte[] { 1, 2, 3, 4 });
                    }
                    // The server said goodbye: say it back, so it can close without unread input.
                    socket.shutdownOutput();
                }
                catch (IOException ex) {
                    failure.compareAndSet(null, ex);
                }
            });
            this.reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (socket.recvMsg() != null) {
                        replies.incrementAndGet();
                    }
                }
                catch (IOException ex) {
                    failure.compareAndSet(null, ex);
                }
                finally {
                    ended = true;
                }
            });
        }

        void awaitEnd() throws InterruptedException {
            reader.join(40_000);
            writer.join(40_000);
            assertThat(reader.isAlive() || writer.isAlive()).isFalse();
        }
    }
}

package io.asyncoro.reliability.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.Coro;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.reliability.support.CountingObserver;
import io.asyncoro.reliability.support.PipeliningClient;
import io.asyncoro.reliability.support.Servers;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.ConnectionHandler;

/**
 * A graceful stop under traffic: every message the server took in before the stop is answered, connections
 * drain within the grace period, and a new server binds the same port straight away.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GracefulShutdownTest {

    private static final int CLIENTS = 20;

    /**
     * Echoes after a little work, so that at the moment of the stop most connections have a message in hand: a
     * stop that closed sockets instead of draining them would lose those replies.
     */
    private static final ConnectionHandler SLOW_ECHO = socket -> {
        byte[] message;
        while ((message = socket.recvMsg()) != null) {
            Coro.sleep(Duration.ofMillis(2));
            socket.sendMsg(message);
        }
    };

    @Test
    void underTrafficEveryAcceptedMessageIsAnsweredThenTheSamePortServesAgain() throws Exception {
        CountingObserver observer = new CountingObserver();
        AsyncSocketServer server = Servers.started(Servers.loopback("draining").handler(SLOW_ECHO).observer(observer)
                .shutdownGracePeriod(Duration.ofSeconds(10)));
        int port = server.localPort();
        List<PipeliningClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new PipeliningClient(i, Servers.connect(server), 256));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> clients.stream().mapToLong(c -> c.replies()).sum() > 2_000);

        boolean drained = server.stop(Duration.ofSeconds(10));

        assertThat(drained).as("every connection finished within the grace period").isTrue();
        assertThat(server.activeConnections()).isZero();
        for (PipeliningClient client : clients) {
            client.awaitEnd();
        }
        long replies = clients.stream().mapToLong(c -> c.replies()).sum();
        assertThat(observer.messagesReceived()).as("messages the server accepted").isPositive();
        assertThat(observer.messagesSent()).as("answered").isEqualTo(observer.messagesReceived());
        assertThat(replies).as("replies the clients received").isEqualTo(observer.messagesReceived());
        for (PipeliningClient client : clients) {
            assertThat(client.failure()).as("client %d", client.id()).isNull();
        }

        AsyncSocketServer restarted = Servers.started(Servers.loopback("restarted").port(port).handler(Servers.ECHO));
        try (AsyncSocket client = Servers.connect(restarted)) {
            client.sendMsg("again".getBytes(StandardCharsets.UTF_8));
            assertThat(client.recvMsg()).isEqualTo("again".getBytes(StandardCharsets.UTF_8));
        }
        finally {
            restarted.stop(Duration.ofSeconds(2));
        }
    }

    /**
     * Replies written just before the stop reach the peer even when the peer is still sending: closing a socket
     * with unread input makes the kernel reset the connection and drop whatever is still in the send queue, so
     * the server must not close on top of its last replies. Each request here is answered by a burst of 32
     * replies, which is what leaves bytes in the send queue at the moment of the close.
     */
    @Test
    void aBurstOfRepliesWrittenJustBeforeTheStopIsDelivered() throws Exception {
        CountingObserver observer = new CountingObserver();
        ConnectionHandler burst = socket -> {
            byte[] message;
            while ((message = socket.recvMsg()) != null) {
                for (int i = 0; i < 32; i++) {
                    socket.sendMsg(message);
                }
            }
        };
        AsyncSocketServer server = Servers.started(Servers.loopback("burst").handler(burst).observer(observer));
        List<BurstClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new BurstClient(Servers.connect(server)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> clients.stream().mapToLong(c -> c.replies.get()).sum() > 20_000);

        assertThat(server.stop(Duration.ofSeconds(10))).isTrue();

        for (BurstClient client : clients) {
            client.awaitEnd();
        }
        long replies = clients.stream().mapToLong(c -> c.replies.get()).sum();
        assertThat(replies).as("replies received of %d written", observer.messagesSent()).isEqualTo(observer.messagesSent());
    }

    /**
     * Sends small requests, at most 8 awaiting their 32 replies, and counts the replies until the server ends the
     * stream. The window keeps the server's send queue short, so the drain after the stop is quick, while there is
     * still unread input and a burst of unsent replies at the moment the server closes.
     */
    private static final class BurstClient {

        final AsyncSocket socket;
        final java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(8);
        final java.util.concurrent.atomic.AtomicLong replies = new java.util.concurrent.atomic.AtomicLong();
        final Thread writer;
        final Thread reader;
        volatile boolean ended;

        BurstClient(AsyncSocket socket) {
            this.socket = socket;
            this.writer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (!ended) {
                        window.acquire();
                        socket.sendMsg(new byte[] { 1, 2, 3, 4 });
                    }
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                catch (java.io.IOException serverClosed) {
                    // expected once the server has stopped
                }
            });
            this.reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (socket.recvMsg() != null) {
                        if (replies.incrementAndGet() % 32 == 0) {
                            window.release();
                        }
                    }
                }
                catch (java.io.IOException reset) {
                    // a reset after the last reply ends the count as end of stream does
                }
                finally {
                    ended = true;
                    window.release(1_000);
                }
            });
        }

        void awaitEnd() throws InterruptedException {
            reader.join(20_000);
            writer.join(20_000);
            assertThat(reader.isAlive() || writer.isAlive()).isFalse();
            socket.close();
        }
    }
}

package io.asyncoro.reliability.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.Coro;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.reliability.support.CountingObserver;
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
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new Client(i, Servers.connect(server)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> clients.stream().mapToLong(c -> c.replies.get()).sum() > 2_000);

        boolean drained = server.stop(Duration.ofSeconds(10));

        assertThat(drained).as("every connection finished within the grace period").isTrue();
        assertThat(server.activeConnections()).isZero();
        for (Client client : clients) {
            client.awaitEnd();
        }
        long replies = clients.stream().mapToLong(c -> c.replies.get()).sum();
        assertThat(observer.messagesReceived()).as("messages the server accepted").isPositive();
        assertThat(observer.messagesSent()).as("answered").isEqualTo(observer.messagesReceived());
        assertThat(replies).as("replies the clients received").isEqualTo(observer.messagesReceived());
        for (Client client : clients) {
            assertThat(client.failure.get()).as("client %d", client.id).isNull();
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
     * A pipelining client: one thread writes numbered, checksummed messages as fast as the socket takes them,
     * another reads the echoes and checks their order and contents, until the server ends the stream.
     */
    private static final class Client {

        final int id;
        final AsyncSocket socket;
        final AtomicLong replies = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread writer;
        final Thread reader;

        Client(int id, AsyncSocket socket) {
            this.id = id;
            this.socket = socket;
            this.writer = Thread.ofPlatform().daemon().name("writer-" + id).start(this::write);
            this.reader = Thread.ofPlatform().daemon().name("reader-" + id).start(this::read);
        }

        private void write() {
            try {
                for (long seq = 0; ; seq++) {
                    socket.sendMsg(message(id, seq));
                }
            }
            catch (IOException stoppedServer) {
                // the server stopped reading and closed: writing ends here
            }
        }

        private void read() {
            try {
                for (long seq = 0; ; seq++) {
                    byte[] got = socket.recvMsg();
                    if (got == null) {
                        return;
                    }
                    if (!ByteBuffer.wrap(message(id, seq)).equals(ByteBuffer.wrap(got))) {
                        throw new AssertionError("client " + id + " reply " + seq + " is wrong");
                    }
                    replies.incrementAndGet();
                }
            }
            catch (java.net.SocketException resetAfterTheLastReply) {
                // The server closed with this client's unread messages in its buffer, so it reset; replies that
                // arrived before the reset were all read first.
            }
            catch (Throwable ex) {
                failure.set(ex);
            }
        }

        void awaitEnd() throws InterruptedException {
            reader.join(20_000);
            writer.join(20_000);
            assertThat(reader.isAlive() || writer.isAlive()).as("client %d finished", id).isFalse();
            socket.close();
        }

        static byte[] message(int client, long seq) {
            ByteBuffer buffer = ByteBuffer.allocate(28);
            buffer.putInt(client).putLong(seq).putLong(seq * 31 + client);
            CRC32 crc = new CRC32();
            crc.update(buffer.array(), 0, 20);
            buffer.putLong(crc.getValue());
            return buffer.array();
        }
    }
}

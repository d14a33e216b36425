package io.asyncoro.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.examples.chat.ChatSockServer;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.server.AsyncSocketServer;

/** The chat server when clients misbehave: hang up abruptly, send a broken frame, or stop reading. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatServerRobustnessTest {

    private AsyncSocketServer server;

    @BeforeEach
    void start() throws Exception {
        server = ChatSockServer.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    @Test
    void aClientThatHangsUpWithoutHalfClosingLeavesToo() throws Exception {
        try (AsyncSocket a = connect(); AsyncSocket b = connect()) {
            assertThat(text(a.recvMsg())).isEqualTo("id: 1");
            assertThat(text(b.recvMsg())).isEqualTo("id: 2");
            assertThat(text(a.recvMsg())).isEqualTo("2 joined");
            b.close();
            assertThat(text(a.recvMsg())).isEqualTo("2 left");
        }
    }

    @Test
    void aBrokenFrameClosesOnlyThatClient() throws Exception {
        try (AsyncSocket a = connect(); AsyncSocket b = connect()) {
            assertThat(text(a.recvMsg())).isEqualTo("id: 1");
            assertThat(text(a.recvMsg())).isEqualTo("2 joined");
            // a header announcing 100 bytes, then 3 of them and the end of the stream
            b.sendAll(new byte[] { 0, 0, 0, 100, 'a', 'b', 'c' });
            b.shutdownOutput();
            assertThat(text(a.recvMsg())).isEqualTo("2 left");
            try (AsyncSocket c = connect()) {
                assertThat(text(c.recvMsg())).isEqualTo("id: 2");
                assertThat(text(a.recvMsg())).isEqualTo("2 joined");
                c.sendMsg(utf8("still here"));
                assertThat(text(a.recvMsg())).isEqualTo("2 says: still here");
            }
        }
    }

    @Test
    void aClientThatStopsReadingHoldsUpNobodyAndIsDisconnected() throws Exception {
        // The slow client reads its id and then nothing; a small receive buffer makes it fill up sooner.
        Socket raw = new Socket();
        raw.setReceiveBufferSize(4096);
        raw.connect(new InetSocketAddress("127.0.0.1", server.localPort()));
        try (AsyncSocket slow = AsyncSocket.of(raw); AsyncSocket speaker = connect(); AsyncSocket listener = connect()) {
            assertThat(text(slow.recvMsg())).isEqualTo("id: 1");
            assertThat(text(speaker.recvMsg())).isEqualTo("id: 2");
            assertThat(text(listener.recvMsg())).isEqualTo("id: 3");

            int messages = 3000;
            byte[] chunk = new byte[8 * 1024];
            AtomicInteger heard = new AtomicInteger();
            List<String> events = new CopyOnWriteArrayList<>();
            Coro<Void> reader = AsynCoro.instance().spawn(self -> {
                for (byte[] m = listener.recvMsg(); m != null; m = listener.recvMsg()) {
                    if (m.length > chunk.length) {
                        heard.incrementAndGet();
                    }
                    else {
                        events.add(text(m));
                    }
                }
                return null;
            });
            for (int i = 0; i < messages; i++) {
                speaker.sendMsg(chunk);
            }
            // Everything reaches the listener although one member has not read for 24 MiB; that member's
            // outbox overflowed, so the server dropped it and told the others.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> heard.get() == messages);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("1 left"));
            listener.shutdownOutput();
            reader.value();
            assertThat(events).containsOnlyOnce("1 left");
        }
    }

    private AsyncSocket connect() throws Exception {
        AsyncSocket sock = AsyncSocket.connect("127.0.0.1", server.localPort());
        sock.setTimeout(Duration.ofSeconds(20));
        return sock;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] message) {
        return message == null ? null : new String(message, StandardCharsets.UTF_8);
    }
}

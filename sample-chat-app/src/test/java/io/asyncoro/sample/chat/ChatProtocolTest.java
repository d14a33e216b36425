package io.asyncoro.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.asyncoro.server.AsyncSocketServerInfo;
import io.asyncoro.spring.boot.test.LocalAsyncoroServerPort;
import io.asyncoro.spring.server.AsyncoroServers;

/** The chat protocol over real sockets: greetings, joins, relays, leaves, text and the size limit. */
@ChatAppTest
class ChatProtocolTest {

    @LocalAsyncoroServerPort("chat")
    int port;

    @LocalServerPort
    int httpPort;

    @Autowired
    ChatRoom room;

    @Autowired
    AsyncoroServers servers;

    @BeforeEach
    @AfterEach
    void emptyRoom() {
        ChatRoomAssertions.awaitEmpty(this.room);
    }

    @Test
    void theServerRunsWithAPublicChatsLimits() {
        AsyncSocketServerInfo chat = this.servers.find("chat").orElseThrow();
        assertThat(chat.isListening()).isTrue();
        assertThat(chat.localAddress().getPort()).isEqualTo(this.port);
        assertThat(chat.isTls()).isFalse();
        assertThat(chat.maxMessageSize()).isEqualTo(64 * 1024);
        assertThat(chat.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(chat.maxConnections()).isEqualTo(10_000);
        assertThat(this.servers.names()).as("only the tls profile adds chat-tls").containsExactly("chat");
    }

    @Test
    void threeClientsGreetJoinRelayAndLeave() throws Exception {
        try (ChatTestClient a = ChatTestClient.join(this.port)) {
            int na = a.number();
            try (ChatTestClient b = ChatTestClient.join(this.port)) {
                int nb = b.number();
                assertThat(nb).isNotEqualTo(na);
                a.expect(nb + " joined");
                try (ChatTestClient c = ChatTestClient.join(this.port)) {
                    int nc = c.number();
                    a.expect(nc + " joined");
                    b.expect(nc + " joined");

                    a.say("hello from a");
                    b.expect(na + " says: hello from a");
                    c.expect(na + " says: hello from a");
                    b.say("hello from b");
                    a.expect(nb + " says: hello from b");
                    c.expect(nb + " says: hello from b");
                    c.say("hello from c");
                    // Each sender's next message is someone else's: nobody hears their own.
                    a.expect(nc + " says: hello from c");
                    b.expect(nc + " says: hello from c");

                    // A full close: the others hear of it.
                    c.disconnect();
                    a.expect(nc + " left");
                    b.expect(nc + " left");
                }

                // A half-close: the others hear of it and the server closes the connection.
                b.halfClose();
                a.expect(nb + " left");
                b.awaitClosedByServer();
                assertThat(b.endedCleanly()).isTrue();
                assertThat(b.pending()).isEmpty();
            }
            a.say("anyone?");
            a.halfClose();
            a.awaitClosedByServer();
            assertThat(a.pending()).as("a alone in the room hears nothing, not even itself").isEmpty();
        }
    }

    @Test
    void unicodeTextArrivesIntact() throws Exception {
        try (ChatTestClient a = ChatTestClient.join(this.port); ChatTestClient b = ChatTestClient.join(this.port)) {
            a.expect(b.number() + " joined");
            for (String text : new String[] { "h\u00e9llo w\u00f6rld", "\u4f60\u597d\uff0c\u4e16\u754c",
                    "\ud83d\udc4b \ud834\udd1e \u0928\u092e\u0938\u094d\u0924\u0947", "two\nlines", "" }) {
                a.say(text);
                b.expect(a.number() + " says: " + text);
            }
        }
    }

    @Test
    void aFrameOverTheLimitClosesOnlyItsSender() throws Exception {
        try (ChatTestClient a = ChatTestClient.join(this.port); ChatTestClient b = ChatTestClient.join(this.port);
                ChatTestClient big = ChatTestClient.join(this.port)) {
            a.expect(b.number() + " joined");
            a.expect(big.number() + " joined");
            b.expect(big.number() + " joined");

            // Exactly 64 KiB is allowed.
            char[] fill = new char[64 * 1024];
            Arrays.fill(fill, 'x');
            String largest = new String(fill);
            big.say(largest);
            a.expect(big.number() + " says: " + largest);
            b.expect(big.number() + " says: " + largest);

            // One byte more is not: the header alone gets the sender closed.
            big.sendRaw(ByteBuffer.allocate(4 + 16).putInt(64 * 1024 + 1).array());
            big.awaitClosedByServer();
            a.expect(big.number() + " left");
            b.expect(big.number() + " left");

            a.say("still here");
            b.expect(a.number() + " says: still here");
        }
    }

    @Test
    void aMemberThatNeverReadsDoesNotHoldUpTheRoomAndIsDropped() throws Exception {
        Actuator actuator = new Actuator(this.httpPort);
        double slowBefore = actuator.count("asyncoro.server.connections.rejected", "server:chat", "reason:slow-consumer");
        try (ChatTestClient a = ChatTestClient.join(this.port); ChatTestClient b = ChatTestClient.join(this.port);
                Socket slow = new Socket()) {
            a.expect(b.number() + " joined");
            // A peer that reads its greeting and then nothing: a small receive buffer fills at once.
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", this.port), (int) ChatTestClient.WAIT.toMillis());
            DataInputStream in = new DataInputStream(slow.getInputStream());
            byte[] greeting = new byte[in.readInt()];
            in.readFully(greeting);
            String slowNumber = new String(greeting, StandardCharsets.UTF_8).substring("id: ".length());
            a.expect(slowNumber + " joined");
            b.expect(slowNumber + " joined");

            // a talks; b hears every message as it goes, until the slow member's send queue overflows and
            // the server drops it. Bounded: the kernel buffers hold a few MB, the queue 1,024 messages.
            String line = "x".repeat(1000);
            boolean slowLeft = false;
            int sent = 0;
            int heard = 0;
            while (!slowLeft) {
                assertThat(sent).as("messages sent before the slow member was dropped").isLessThan(50_000);
                for (int i = 0; i < 100; i++) {
                    a.say(sent++ + " " + line);
                }
                while (heard < sent) {
                    String message = b.next();
                    if (message.equals(slowNumber + " left")) {
                        slowLeft = true;
                        continue;
                    }
                    assertThat(message).isEqualTo(a.number() + " says: " + heard++ + " " + line);
                }
            }
            assertThat(a.next()).isEqualTo(slowNumber + " left");
            assertThat(actuator.count("asyncoro.server.connections.rejected", "server:chat", "reason:slow-consumer"))
                .isEqualTo(slowBefore + 1);
            a.say("after the drop");
            b.expect(a.number() + " says: after the drop");
        }
    }
}

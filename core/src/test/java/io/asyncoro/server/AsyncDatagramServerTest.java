package io.asyncoro.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.AsynCoro;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.Datagram;
import io.asyncoro.testsupport.RecordingObserver;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class AsyncDatagramServerTest {

    private final AsynCoro asyncoro = new AsynCoro("udp-server-test");
    private final RecordingObserver observer = new RecordingObserver();
    private AsyncDatagramServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
        asyncoro.close(Duration.ofSeconds(5));
    }

    private AsyncDatagramServer.Builder builder(DatagramHandler handler) {
        return AsyncDatagramServer.builder().name("udp").address(InetAddress.getLoopbackAddress()).asyncoro(asyncoro)
                .observer(observer).handler(handler);
    }

    private static AsyncSocket client() throws Exception {
        AsyncSocket client = AsyncSocket.udp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client.setTimeout(Duration.ofSeconds(5));
        return client;
    }

    @Test
    void echoesDatagramsToTheirSenders() throws Exception {
        server = builder((datagram, socket) -> socket.sendTo(datagram.data(), datagram.sender())).build();
        server.start();
        assertThat(server.protocol()).isEqualTo("udp");
        assertThat(server.isListening()).isTrue();
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localPort());
        try (AsyncSocket a = client(); AsyncSocket b = client()) {
            for (int i = 0; i < 20; i++) {
                byte[] ma = ("a" + i).getBytes(StandardCharsets.UTF_8);
                byte[] mb = ("b" + i).getBytes(StandardCharsets.UTF_8);
                a.sendTo(ma, target);
                b.sendTo(mb, target);
                Datagram ra = a.recvFrom(100);
                assertThat(ra.data()).isEqualTo(ma);
                assertThat(ra.sender()).isEqualTo(target);
                assertThat(b.recvFrom(100).data()).isEqualTo(mb);
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.messagesSent.get() == 40);
        assertThat(observer.messagesReceived.get()).isEqualTo(40);
        assertThat(observer.bytesReceived.get()).isEqualTo(observer.bytesSent.get());
    }

    @Test
    void aFailingHandlerIsCountedAndTheServerGoesOn() throws Exception {
        server = builder((datagram, socket) -> {
            if (datagram.data().length == 0) {
                throw new IllegalArgumentException("empty");
            }
            socket.sendTo(datagram.data(), datagram.sender());
        }).build();
        server.start();
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localPort());
        try (AsyncSocket a = client()) {
            a.sendTo(new byte[0], target);
            await().atMost(Duration.ofSeconds(5)).until(() -> observer.errors(ErrorKind.HANDLER) == 1);
            a.sendTo(new byte[] { 1 }, target);
            assertThat(a.recvFrom(10).data()).containsExactly(1);
        }
    }

    @Test
    void stopLetsAHandlerInProgressReplyThenCloses() throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server = builder((datagram, socket) -> {
            working.countDown();
            release.await();
            socket.sendTo(datagram.data(), datagram.sender());
        }).build();
        server.start();
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localPort());
        try (AsyncSocket a = client()) {
            a.sendTo(new byte[] { 7 }, target);
            working.await();
            io.asyncoro.Coro<Boolean> stopping = asyncoro.spawn(self -> server.stop(Duration.ofSeconds(10)));
            await().atMost(Duration.ofSeconds(5)).until(() -> !server.isRunning());
            release.countDown();
            assertThat(a.recvFrom(10).data()).containsExactly(7);
            assertThat(stopping.value()).isTrue();
            assertThat(server.isListening()).isFalse();
        }
    }
}

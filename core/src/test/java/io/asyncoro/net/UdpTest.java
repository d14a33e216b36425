package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.testsupport.Parked;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class UdpTest {

    private final AsynCoro asyncoro = new AsynCoro("udp-test");

    @AfterEach
    void closeScheduler() {
        asyncoro.close(Duration.ofSeconds(5));
    }

    private static InetSocketAddress anyLoopbackPort() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    @Test
    void sendToAndRecvFromCarryDatagramsAndTheSendersAddress() throws Exception {
        try (AsyncSocket a = AsyncSocket.udp(anyLoopbackPort()); AsyncSocket b = AsyncSocket.udp(anyLoopbackPort())) {
            assertThat(a.isDatagram()).isTrue();
            assertThat(a.remoteAddress()).isNull();
            byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
            assertThat(a.sendTo(hello, b.localAddress())).isEqualTo(5);
            Datagram got = b.recvFrom(1024);
            assertThat(got.data()).isEqualTo(hello);
            assertThat(got.sender()).isEqualTo(a.localAddress());
            b.sendTo(new byte[0], got.sender());
            assertThat(a.recvFrom(10).data()).isEmpty();
        }
    }

    @Test
    void aLongerDatagramIsCutToTheSizeAsked() throws Exception {
        try (AsyncSocket a = AsyncSocket.udp(anyLoopbackPort()); AsyncSocket b = AsyncSocket.udp(anyLoopbackPort())) {
            a.sendTo(new byte[] { 1, 2, 3, 4, 5, 6 }, b.localAddress());
            assertThat(b.recvFrom(4).data()).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void recvFromTimesOut() throws Exception {
        try (AsyncSocket a = AsyncSocket.udp(anyLoopbackPort())) {
            a.setTimeout(Duration.ofMillis(100));
            assertThatThrownBy(() -> a.recvFrom(10)).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void closeWakesACoroutineWaitingInRecvFrom() throws Exception {
        AsyncSocket a = AsyncSocket.udp(anyLoopbackPort());
        AtomicReference<Thread> thread = new AtomicReference<>();
        Coro<Datagram> reader = asyncoro.spawn(self -> {
            thread.set(Thread.currentThread());
            return a.recvFrom(10);
        });
        Parked.awaitParkedIn(thread, "receive");
        a.close();
        assertThatThrownBy(reader::value).cause().isInstanceOf(SocketClosedException.class);
    }

    @Test
    void streamCallsAreRefusedOnAUdpSocket() throws Exception {
        try (AsyncSocket a = AsyncSocket.udp(anyLoopbackPort())) {
            assertThatThrownBy(() -> a.recvMsg()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> a.sendMsg(new byte[1])).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}

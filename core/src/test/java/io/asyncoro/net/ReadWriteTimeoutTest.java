package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.testsupport.Loopback;
import io.asyncoro.testsupport.Loopback.RawPair;

/** Read and write timeouts set apart: each bounds its own kind of operation only. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ReadWriteTimeoutTest {

    @Test
    void aReadTimeoutLeavesWritesUnboundedAndSetTimeoutSetsBoth() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            AsyncSocket socket = pair.socket();
            socket.setReadTimeout(Duration.ofMillis(200));

            assertThat(socket.timeout()).isEqualTo(Duration.ofMillis(200));
            assertThat(socket.writeTimeout()).isEqualTo(Duration.ZERO);
            assertThatThrownBy(socket::recvMsg).isInstanceOf(SocketTimeoutException.class);
            assertThat(socket.isClosed()).as("a read timeout consumes nothing and keeps the socket").isFalse();

            socket.setTimeout(Duration.ofSeconds(3));
            assertThat(socket.timeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(socket.writeTimeout()).isEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void aWriteTimeoutEndsAWriteToAPeerThatDoesNotReadWhileReadsWaitLonger() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            AsyncSocket socket = pair.socket();
            socket.setReadTimeout(Duration.ofSeconds(30));
            socket.setWriteTimeout(Duration.ofMillis(300));
            byte[] big = new byte[64 * 1024 * 1024];

            long start = System.nanoTime();
            assertThatThrownBy(() -> socket.sendAll(big)).isInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("300 ms");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(socket.isClosed()).as("a torn write closes the socket").isTrue();
            assertThat(socket.timeout()).isEqualTo(Duration.ofSeconds(30));
        }
    }
}

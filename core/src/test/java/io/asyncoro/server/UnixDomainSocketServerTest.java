package io.asyncoro.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.asyncoro.AsynCoro;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.TlsServerConfig;
import io.asyncoro.testsupport.TestTls;

/** A server on a Unix domain socket: echoes like a TCP one, and leaves no socket file behind when it stops. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UnixDomainSocketServerTest {

    private static final ConnectionHandler ECHO = sock -> {
        byte[] m;
        while ((m = sock.recvMsg()) != null) {
            sock.sendMsg(m);
        }
    };

    @TempDir
    Path dir;

    private final AsynCoro asyncoro = new AsynCoro("uds-test");

    @AfterEach
    void tearDown() {
        asyncoro.close(Duration.ofSeconds(5));
    }

    @Test
    void echoesOverTheSocketPathAndStopRemovesTheFile() throws Exception {
        Path path = dir.resolve("echo.sock");
        AsyncSocketServer server = AsyncSocketServer.builder().name("uds").unixSocketPath(path).asyncoro(asyncoro)
                .handler(ECHO).build();
        server.start();
        try {
            assertThat(path).exists();
            assertThat(server.protocol()).isEqualTo("unix");
            assertThat(server.unixSocketPath()).isEqualTo(path);
            assertThat(server.localAddress()).isNull();
            assertThat(server.localPort()).isEqualTo(-1);
            try (AsyncSocket client = AsyncSocket.connect(UnixDomainSocketAddress.of(path))) {
                client.setTimeout(Duration.ofSeconds(10));
                for (int size : new int[] { 0, 5, 20_000, 200_000 }) {
                    byte[] payload = "u".repeat(size).getBytes(StandardCharsets.US_ASCII);
                    client.sendMsg(payload);
                    assertThat(client.recvMsg()).isEqualTo(payload);
                }
            }
        }
        finally {
            assertThat(server.stop(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void aStoppedServersPathCanBeServedAgain() throws Exception {
        Path path = dir.resolve("again.sock");
        for (int round = 0; round < 2; round++) {
            AsyncSocketServer server = AsyncSocketServer.builder().unixSocketPath(path).asyncoro(asyncoro)
                    .handler(ECHO).build();
            server.start();
            try (AsyncSocket client = AsyncSocket.connect(UnixDomainSocketAddress.of(path))) {
                client.setTimeout(Duration.ofSeconds(10));
                client.sendMsg(new byte[] { (byte) round });
                assertThat(client.recvMsg()).containsExactly(round);
            }
            finally {
                server.stop(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void tlsAndBlockingModeAreRefusedOnAUnixDomainSocket() throws Exception {
        Path path = dir.resolve("refused.sock");
        TlsServerConfig tls = TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).build();
        assertThatThrownBy(() -> AsyncSocketServer.builder().unixSocketPath(path).tls(tls).handler(ECHO).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AsyncSocketServer.builder().unixSocketPath(path).blocking(true).handler(ECHO).build())
                .isInstanceOf(IllegalStateException.class);
        assertThat(path).doesNotExist();
    }
}

package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.testsupport.Loopback;
import io.asyncoro.testsupport.Parked;
import io.asyncoro.testsupport.TestTls;

/**
 * TLS through the poller: the ciphertext is read like a plain connection's bytes and decrypted by the reading
 * coroutine, which waits parked in the poller's queue; a JDK SSLSocket at the other end interoperates, and a peer
 * that tries to renegotiate is refused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsOnThePollerTest {

    private final AsynCoro asyncoro = new AsynCoro("tls-poller-test");
    private AsyncServerSocket listener;

    @AfterEach
    void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
        asyncoro.close(Duration.ofSeconds(5));
    }

    private void listen(String protocol) throws IOException {
        listener = AsyncServerSocket.bindTls(Loopback.address(0), 50, TlsServerConfig.builder()
                .sslContext(TestTls.server("server.p12")).protocols(List.of(protocol)).build());
    }

    /** A JDK SSLSocket client (wrapped by {@link AsyncSocket#of}, which does the handshake) and its server end. */
    private record JdkPair(SSLSocket ssl, AsyncSocket peer, AsyncSocket server) implements AutoCloseable {
        @Override
        public void close() {
            // The server first: a JDK SSLSocket closing after shutdownOutput under TLS 1.3 waits for the other
            // side's close_notify (up to its read timeout).
            server.close();
            peer.close();
        }
    }

    private JdkPair jdkPair(String protocol) throws Exception {
        Coro<AsyncSocket> accepted = asyncoro.spawn(self -> listener.accept());
        Socket plain = new Socket();
        plain.connect(Loopback.localhost(listener.localPort()));
        SSLSocket ssl = TlsClientConfig.builder().sslContext(TestTls.client()).protocols(List.of(protocol)).build()
                .wrap(plain, "localhost");
        AsyncSocket peer = AsyncSocket.of(ssl);
        peer.handshake();
        return new JdkPair(ssl, peer, accepted.value());
    }

    private AsyncSocket connectClient() throws IOException {
        return AsyncSocket.connectTls(Loopback.localhost(listener.localPort()), Duration.ofSeconds(5),
                TlsClientConfig.builder().sslContext(TestTls.client()).build());
    }

    /**
     * One message each way, so the handshake and the server's session ticket are behind a test that then counts
     * records (the count is over all connections, so nothing else may write while it runs).
     */
    static void exchangeOnceEachWay(AsyncSocket client, AsyncSocket server) throws IOException {
        client.sendMsg(new byte[] { 1 });
        assertThat(server.recvMsg()).containsExactly(1);
        server.sendMsg(new byte[] { 2 });
        assertThat(client.recvMsg()).containsExactly(2);
    }

    @Test
    void bothEndsOfATlsConnectionAreReadByThePoller() throws Exception {
        listen("TLSv1.3");
        Coro<AsyncSocket> accepted = asyncoro.spawn(self -> listener.accept());
        try (AsyncSocket client = connectClient(); AsyncSocket server = accepted.value()) {
            assertThat(client.polledChannel()).isNotNull();
            assertThat(server.polledChannel()).isNotNull();
            AtomicReference<Thread> thread = new AtomicReference<>();
            Coro<byte[]> reader = asyncoro.spawn(self -> {
                thread.set(Thread.currentThread());
                return server.recvMsg();
            });
            // Waiting for ciphertext is waiting in the poller's queue, as a plain read does.
            Parked.awaitParkedIn(thread, "take");
            client.sendMsg("through the poller".getBytes(StandardCharsets.UTF_8));
            assertThat(reader.value()).asString(StandardCharsets.UTF_8).isEqualTo("through the poller");
            assertThat(client.toString()).startsWith("AsyncSocket[tls ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "TLSv1.3", "TLSv1.2" })
    void framesOfEverySizeCrossRecordsIntactBothWaysWithAJdkPeer(String protocol) throws Exception {
        listen(protocol);
        try (JdkPair pair = jdkPair(protocol)) {
            AsyncSocket peer = pair.peer();
            AsyncSocket server = pair.server();
            server.setMaxMessageSize(8 << 20);
            peer.setMaxMessageSize(8 << 20);
            peer.setTimeout(Duration.ofSeconds(20));
            Coro<Void> echo = asyncoro.spawn(self -> {
                byte[] m;
                while ((m = server.recvMsg()) != null) {
                    server.sendMsg(m);
                }
                return null;
            });
            Random random = new Random(8);
            for (int size : new int[] { 0, 1, 127, 128, 16_383, 16_384, 16_385, 40_000, 1 << 20, 4 << 20, 3 }) {
                byte[] payload = new byte[size];
                random.nextBytes(payload);
                peer.sendMsg(payload);
                byte[] back;
                try {
                    back = peer.recvMsg();
                }
                catch (IOException ex) {
                    // the echo's own failure says more than the timeout
                    echo.value();
                    throw ex;
                }
                assertThat(back).as("%d bytes", size).isEqualTo(payload);
            }
            peer.shutdownOutput();
            assertThat(echo.value()).isNull();
        }
    }

    @Test
    void aPeerThatTriesToRenegotiateIsRefused() throws Exception {
        listen("TLSv1.2");
        try (JdkPair pair = jdkPair("TLSv1.2")) {
            AsyncSocket peer = pair.peer();
            AsyncSocket server = pair.server();
            peer.sendMsg("before".getBytes(StandardCharsets.UTF_8));
            assertThat(server.recvMsg()).asString(StandardCharsets.UTF_8).isEqualTo("before");
            Coro<byte[]> read = asyncoro.spawn(self -> server.recvMsg());
            // A second handshake on a TLS 1.2 connection is a renegotiation: the peer could present other
            // credentials under a session already trusted.
            pair.ssl().startHandshake();
            assertThatThrownBy(read::value).cause().isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("renegotiation refused");
            assertThatThrownBy(server::recvMsg).isInstanceOf(SSLHandshakeException.class);
            assertThatThrownBy(() -> server.sendMsg(new byte[1])).isInstanceOf(SSLHandshakeException.class);
            server.close();
            peer.setTimeout(Duration.ofSeconds(10));
            assertThatThrownBy(() -> {
                if (peer.recvMsg() == null) {
                    throw new IOException("end of stream");
                }
            }).as("the peer's connection ends without a second handshake").isInstanceOf(IOException.class);
        }
    }

    @Test
    void aTls13KeyUpdateFromThePeerIsAnsweredAndTheConnectionGoesOn() throws Exception {
        listen("TLSv1.3");
        try (JdkPair pair = jdkPair("TLSv1.3")) {
            AsyncSocket peer = pair.peer();
            AsyncSocket server = pair.server();
            peer.setTimeout(Duration.ofSeconds(10));
            server.setTimeout(Duration.ofSeconds(10));
            Coro<Void> echo = asyncoro.spawn(self -> {
                byte[] m;
                while ((m = server.recvMsg()) != null) {
                    server.sendMsg(m);
                }
                return null;
            });
            peer.sendMsg(new byte[] { 1 });
            assertThat(peer.recvMsg()).containsExactly(1);
            // On an established TLS 1.3 connection a second handshake is a key update that asks for ours: not a
            // renegotiation, so the connection carries on under the new keys.
            pair.ssl().startHandshake();
            for (int i = 0; i < 3; i++) {
                peer.sendMsg(new byte[] { (byte) i, 2 });
                assertThat(peer.recvMsg()).containsExactly(i, 2);
            }
            peer.shutdownOutput();
            assertThat(echo.value()).isNull();
        }
    }

    @Test
    void aFramesHeaderGoesInTheRecordOfItsPayloadsFirstBytes() throws Exception {
        listen("TLSv1.3");
        Coro<AsyncSocket> accepted = asyncoro.spawn(self -> listener.accept());
        try (AsyncSocket client = connectClient(); AsyncSocket server = accepted.value()) {
            server.setMaxMessageSize(1 << 20);
            exchangeOnceEachWay(client, server);

            long before = TlsRecordTransport.recordsSent();
            client.sendMsg(new byte[64]);
            assertThat(TlsRecordTransport.recordsSent() - before).as("records for a 64-byte message").isEqualTo(1);

            byte[] large = new byte[40_000];
            new Random(16).nextBytes(large);
            before = TlsRecordTransport.recordsSent();
            client.sendMsg(large);
            // 40,004 bytes of frame in 16 KiB records: three, with no record for the 4-byte header alone.
            assertThat(TlsRecordTransport.recordsSent() - before).as("records for a 40,000-byte message").isEqualTo(3);

            assertThat(server.recvMsg()).hasSize(64).containsOnly(0);
            assertThat(server.recvMsg()).isEqualTo(large);
        }
    }
}

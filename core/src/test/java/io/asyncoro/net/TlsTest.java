package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

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

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsTest {

    private final AsynCoro asyncoro = new AsynCoro("tls-test");
    private AsyncServerSocket listener;

    @AfterEach
    void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
        asyncoro.close(Duration.ofSeconds(5));
    }

    private AsyncServerSocket listen(TlsServerConfig config) throws IOException {
        listener = AsyncServerSocket.bindTls(Loopback.address(0), 50, config);
        assertThat(listener.isTls()).isTrue();
        return listener;
    }

    private Coro<AsyncSocket> acceptOne() {
        return asyncoro.spawn(self -> listener.accept());
    }

    private static TlsClientConfig.Builder trustingClient() throws IOException {
        return TlsClientConfig.builder().sslContext(TestTls.client());
    }

    private AsyncSocket connect(TlsClientConfig config) throws IOException {
        return AsyncSocket.connectTls(Loopback.localhost(listener.localPort()), Duration.ofSeconds(5), config);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ round trips

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({ "TLSv1.3, server.p12, PKCS12", "TLSv1.2, server.p12, PKCS12", "TLSv1.3, server.jks, JKS",
            "TLSv1.2, server.jks, JKS" })
    void messagesRoundTripOverEachProtocolAndKeyStoreType(String protocol, String keyStore, String type) throws Exception {
        listen(TlsServerConfig.builder().keyStore(TestTls.store(keyStore), type, TestTls.PASSWORD).build());
        Coro<AsyncSocket> accepted = acceptOne();
        try (AsyncSocket client = connect(trustingClient().protocols(List.of(protocol)).build());
                AsyncSocket server = accepted.value()) {
            assertThat(client.isTls()).isTrue();
            assertThat(client.tlsSession().orElseThrow().getProtocol()).isEqualTo(protocol);
            assertThat(server.tlsSession().orElseThrow().getProtocol()).isEqualTo(protocol);
            assertThat(client.peerPrincipal().orElseThrow().getName()).contains("CN=localhost");
            assertThat(server.peerPrincipal()).as("no client certificate asked for").isEmpty();
            Coro<Void> echo = asyncoro.spawn(self -> {
                byte[] m;
                while ((m = server.recvMsg()) != null) {
                    server.sendMsg(m);
                }
                return null;
            });
            for (int size : new int[] { 0, 1, 100, 16 * 1024 + 1, 300_000 }) {
                byte[] payload = AsyncSocketTest.pattern(size, size);
                client.sendMsg(payload);
                assertThat(client.recvMsg()).isEqualTo(payload);
            }
            client.shutdownOutput();
            assertThat(echo.value()).isNull();
        }
    }

    @Test
    void anIpAddressIsVerifiedAgainstTheCertificatesIpEntry() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).build());
        Coro<AsyncSocket> accepted = acceptOne();
        try (AsyncSocket client = AsyncSocket.connectTls("127.0.0.1", listener.localPort(), trustingClient().build());
                AsyncSocket server = accepted.value()) {
            server.sendMsg(bytes("ok"));
            assertThat(client.recvMsg()).isEqualTo(bytes("ok"));
        }
    }

    // ------------------------------------------------------------------ client authentication

    @Test
    void clientAuthNeedServesAClientWithACertificateAndSeesItsPrincipal() throws Exception {
        listen(TlsServerConfig.builder().keyStore(TestTls.store("server.p12"), "PKCS12", TestTls.PASSWORD)
                .trustStore(TestTls.store("truststore.p12"), "PKCS12", TestTls.PASSWORD).clientAuth(ClientAuth.NEED).build());
        Coro<AsyncSocket> accepted = acceptOne();
        try (AsyncSocket client = connect(TlsClientConfig.builder().sslContext(TestTls.clientWithCertificate()).build());
                AsyncSocket server = accepted.value()) {
            assertThat(server.peerPrincipal().orElseThrow().getName()).contains("CN=client");
            client.sendMsg(bytes("authenticated"));
            assertThat(server.recvMsg()).isEqualTo(bytes("authenticated"));
        }
    }

    @Test
    void clientAuthNeedRefusesAClientWithoutACertificate() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.serverTrustingClients("server.p12")).clientAuth(ClientAuth.NEED)
                .build());
        Coro<AsyncSocket> accepted = acceptOne();
        assertThatThrownBy(() -> {
            // In TLS 1.3 the client may finish its side of the handshake before the server's refusal arrives:
            // the refusal then surfaces on the first read as the alert, or, when the server has already
            // closed, as a broken pipe or reset on the write.
            try (AsyncSocket client = connect(trustingClient().build())) {
                client.sendMsg(bytes("let me in"));
                client.recvMsg();
            }
        }).isInstanceOfAny(SSLException.class, java.net.SocketException.class);
        assertThat(accepted.toFuture()).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingRootCause().isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void clientAuthWantServesAClientWithoutACertificate() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.serverTrustingClients("server.p12")).clientAuth(ClientAuth.WANT)
                .build());
        Coro<AsyncSocket> accepted = acceptOne();
        try (AsyncSocket client = connect(trustingClient().build()); AsyncSocket server = accepted.value()) {
            assertThat(server.peerPrincipal()).isEmpty();
            client.sendMsg(bytes("anonymous"));
            assertThat(server.recvMsg()).isEqualTo(bytes("anonymous"));
        }
    }

    @Test
    void clientAuthNoneIgnoresACertificateTheClientHas() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.serverTrustingClients("server.p12")).clientAuth(ClientAuth.NONE)
                .build());
        Coro<AsyncSocket> accepted = acceptOne();
        try (AsyncSocket client = connect(TlsClientConfig.builder().sslContext(TestTls.clientWithCertificate()).build());
                AsyncSocket server = accepted.value()) {
            assertThat(server.peerPrincipal()).isEmpty();
            server.sendMsg(bytes("hi"));
            assertThat(client.recvMsg()).isEqualTo(bytes("hi"));
        }
    }

    // ------------------------------------------------------------------ verification

    @Test
    void aCertificateForAnotherHostIsRefusedByTheClient() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.server("wronghost.p12")).build());
        acceptOne();
        assertThatThrownBy(() -> connect(trustingClient().build())).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("localhost");
    }

    @Test
    void theSameCertificateIsAcceptedForTheNameItCarries() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.server("wronghost.p12")).build());
        Coro<AsyncSocket> accepted = acceptOne();
        try (AsyncSocket client = connect(trustingClient().serverName("wrong.example").build());
                AsyncSocket server = accepted.value()) {
            assertThat(server.tlsSession()).isPresent();
            assertThat(client.peerPrincipal().orElseThrow().getName()).contains("wrong.example");
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedByTheClient() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.server("untrusted.p12")).build());
        acceptOne();
        assertThatThrownBy(() -> connect(trustingClient().build())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void anExpiredCertificateIsRefusedByTheClient() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.server("expired.p12")).build());
        acceptOne();
        assertThatThrownBy(() -> connect(trustingClient().build())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theDefaultClientVerifiesAgainstTheJdkTrustAnchorsAndSoRefusesTheTestCertificate() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).build());
        acceptOne();
        assertThatThrownBy(() -> connect(TlsClientConfig.defaults())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void insecureTrustAllCertificatesAcceptsAnUntrustedCertificateForAnotherHost() throws Exception {
        for (String store : new String[] { "untrusted.p12", "wronghost.p12" }) {
            listen(TlsServerConfig.builder().sslContext(TestTls.server(store)).build());
            Coro<AsyncSocket> accepted = acceptOne();
            try (AsyncSocket client = connect(TlsClientConfig.builder().insecureTrustAllCertificates().build());
                    AsyncSocket server = accepted.value()) {
                client.sendMsg(bytes("unverified"));
                assertThat(server.recvMsg()).isEqualTo(bytes("unverified"));
            }
            listener.close();
        }
    }

    // ------------------------------------------------------------------ bad peers and the accept loop

    @Test
    void garbageAndAStalledHandshakeFailThoseConnectionsOnlyAndTheHandshakeTimeoutFires() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).handshakeTimeout(Duration.ofSeconds(2))
                .build());
        try (Socket staller = new Socket(); Socket garbage = new Socket()) {
            staller.connect(Loopback.address(listener.localPort()));
            long start = System.nanoTime();
            assertThatThrownBy(() -> listener.accept()).isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("handshake");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1950), Duration.ofSeconds(7));
            assertThat(staller.getInputStream().read()).as("the stalled connection was closed").isEqualTo(-1);

            garbage.connect(Loopback.address(listener.localPort()));
            garbage.getOutputStream().write(AsyncSocketTest.pattern(2000, 99));
            assertThatThrownBy(() -> listener.accept()).isInstanceOf(SSLException.class);

            Coro<AsyncSocket> accepted = acceptOne();
            try (AsyncSocket client = connect(trustingClient().build()); AsyncSocket server = accepted.value()) {
                client.sendMsg(bytes("still served"));
                assertThat(server.recvMsg()).isEqualTo(bytes("still served"));
            }
        }
    }

    @Test
    void acceptPendingLeavesTheHandshakeToTheConnectionsFirstUse() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).build());
        Coro<byte[]> served = asyncoro.spawn(self -> {
            try (AsyncSocket pending = listener.acceptPending()) {
                assertThat(pending.tlsSession()).isEmpty();
                return pending.recvMsg();
            }
        });
        try (AsyncSocket client = connect(trustingClient().build())) {
            client.sendMsg(bytes("lazy"));
            assertThat(served.value()).isEqualTo(bytes("lazy"));
        }
    }

    // ------------------------------------------------------------------ closing

    @Test
    void closeOfATlsSocketWithABlockedReaderReturnsAtOnceAndWakesIt() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).build());
        Coro<AsyncSocket> accepted = acceptOne();
        try (AsyncSocket client = connect(trustingClient().build()); AsyncSocket server = accepted.value()) {
            AtomicReference<Thread> thread = new AtomicReference<>();
            Coro<byte[]> reader = asyncoro.spawn(self -> {
                thread.set(Thread.currentThread());
                return server.recvMsg();
            });
            Parked.awaitParkedIn(thread, "readStream");
            long start = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThatThrownBy(reader::value).cause().isInstanceOf(SocketClosedException.class);
            assertThat(client.recvMsg()).as("the client sees a clean end (close_notify)").isNull();
        }
    }

    @Test
    void closeOfATlsSocketWhosePeerDoesNotReadReturnsAndWakesTheWriter() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).build());
        Coro<AsyncSocket> accepted = acceptOne();
        try (AsyncSocket client = connect(trustingClient().build()); AsyncSocket server = accepted.value()) {
            AtomicReference<Thread> readerThread = new AtomicReference<>();
            AtomicReference<Thread> writerThread = new AtomicReference<>();
            Coro<byte[]> reader = asyncoro.spawn(self -> {
                readerThread.set(Thread.currentThread());
                return server.recvMsg();
            });
            Coro<Void> writer = asyncoro.spawn(self -> {
                writerThread.set(Thread.currentThread());
                byte[] chunk = new byte[1 << 20];
                for (int i = 0; i < 256; i++) {
                    server.sendAll(chunk);
                }
                return null;
            });
            Parked.awaitParkedIn(readerThread, "readStream");
            Parked.awaitParkedIn(writerThread, "write");
            long start = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThatThrownBy(reader::value).cause().isInstanceOf(SocketClosedException.class);
            assertThatThrownBy(writer::value).cause().isInstanceOf(SocketClosedException.class);
        }
    }

    @Test
    void closeOfATlsSocketWhosePeerDoesNotReadWithNoWriterInProgressReturnsWithinTheCloseNotifyLimit() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).build());
        Coro<AsyncSocket> accepted = acceptOne();
        try (AsyncSocket client = connect(trustingClient().build()); AsyncSocket server = accepted.value()) {
            server.setTimeout(Duration.ofMillis(300));
            // fill every buffer between the two, so not even close_notify fits
            assertThatThrownBy(() -> {
                for (int i = 0; i < 256; i++) {
                    server.sendAll(new byte[1 << 20]);
                }
            }).isInstanceOf(SocketTimeoutException.class);
            long start = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @ParameterizedTest
    @CsvSource({ "TLSv1.3", "TLSv1.2" })
    void shutdownInputOnATlsSocketEndsAWaitingRecvMsgWithNull(String protocol) throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).build());
        Coro<AsyncSocket> accepted = acceptOne();
        try (AsyncSocket client = connect(trustingClient().protocols(List.of(protocol)).build());
                AsyncSocket server = accepted.value()) {
            client.sendMsg(bytes("in flight"));
            assertThat(server.recvMsg()).isEqualTo(bytes("in flight"));
            AtomicReference<Thread> thread = new AtomicReference<>();
            Coro<byte[]> reader = asyncoro.spawn(self -> {
                thread.set(Thread.currentThread());
                return server.recvMsg();
            });
            Parked.awaitParkedIn(thread, "readStream");
            server.shutdownInput();
            assertThat(reader.value()).isNull();
            assertThat(server.recvMsg()).isNull();
        }
    }

    @Test
    void afterShutdownInputOnTls13TheInFlightReplyStillGoesOut() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).protocols(List.of("TLSv1.3")).build());
        Coro<AsyncSocket> accepted = acceptOne();
        try (AsyncSocket client = connect(trustingClient().build()); AsyncSocket server = accepted.value()) {
            client.sendMsg(bytes("question"));
            assertThat(server.recvMsg()).isEqualTo(bytes("question"));
            server.shutdownInput();
            server.sendMsg(bytes("answer"));
            assertThat(server.recvMsg()).isNull();
            assertThat(client.recvMsg()).isEqualTo(bytes("answer"));
        }
    }

    @Test
    void tlsServerConfigNeedsAContextOrAKeyStore() {
        assertThatThrownBy(() -> TlsServerConfig.builder().build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("key store");
        assertThatThrownBy(() -> TlsServerConfig.builder().keyStore(TestTls.store("server.p12"), "PKCS12", "wrong".toCharArray()))
                .isInstanceOf(IOException.class).hasMessageContaining("server.p12");
    }

    @Test
    void aSupplierServesTheCurrentContextToEachNewConnection() throws Exception {
        AtomicReference<SSLContext> current = new AtomicReference<>(TestTls.server("server.p12"));
        listen(TlsServerConfig.builder().sslContext(current::get).build());
        Coro<AsyncSocket> first = acceptOne();
        try (AsyncSocket client = connect(trustingClient().build()); AsyncSocket server = first.value()) {
            String before = client.tlsSession().orElseThrow().getPeerCertificates()[0].toString();
            current.set(TestTls.server("server-rotated.p12"));
            Coro<AsyncSocket> second = acceptOne();
            try (AsyncSocket client2 = connect(trustingClient().build()); AsyncSocket server2 = second.value()) {
                String after = client2.tlsSession().orElseThrow().getPeerCertificates()[0].toString();
                assertThat(after).isNotEqualTo(before);
                client.sendMsg(bytes("old one still works"));
                assertThat(server.recvMsg()).isEqualTo(bytes("old one still works"));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({ "TLSv1.3, true", "TLSv1.2, false" })
    void afterAClientHalfClosesAReplyReachesItOverTls13ButNotOverTls12(String protocol, boolean replyArrives) throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).build());
        Coro<AsyncSocket> accepted = acceptOne();
        try (AsyncSocket client = connect(trustingClient().protocols(List.of(protocol)).build());
                AsyncSocket server = accepted.value()) {
            client.sendMsg(bytes("last words"));
            client.shutdownOutput();
            assertThat(server.recvMsg()).isEqualTo(bytes("last words"));
            assertThat(server.recvMsg()).isNull();
            boolean sent;
            try {
                server.sendMsg(bytes("reply"));
                sent = true;
            }
            catch (IOException ex) {
                sent = false;
            }
            byte[] got;
            try {
                got = client.recvMsg();
            }
            catch (IOException ex) {
                got = null;
            }
            assertThat(sent && got != null && java.util.Arrays.equals(got, bytes("reply"))).isEqualTo(replyArrives);
        }
    }

    @Test
    void aTimedOutTlsReadLeavesTheConnectionUsable() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).build());
        Coro<AsyncSocket> accepted = acceptOne();
        try (AsyncSocket client = connect(trustingClient().build()); AsyncSocket server = accepted.value()) {
            server.setTimeout(Duration.ofMillis(200));
            assertThatThrownBy(server::recvMsg).isInstanceOf(SocketTimeoutException.class);
            client.sendMsg(bytes("after the timeout"));
            assertThat(server.recvMsg()).isEqualTo(bytes("after the timeout"));
            server.sendMsg(bytes("both ways"));
            assertThat(client.recvMsg()).isEqualTo(bytes("both ways"));
        }
    }
}

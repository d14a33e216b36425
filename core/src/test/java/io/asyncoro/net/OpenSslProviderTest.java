package io.asyncoro.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.asyncoro.AsynCoro;
import io.asyncoro.Coro;
import io.asyncoro.testsupport.Loopback;
import io.asyncoro.testsupport.TestTls;
import io.netty.handler.ssl.OpenSsl;
import io.netty.util.ReferenceCounted;

/**
 * {@link TlsProvider#OPENSSL}: a server whose engines are netty-tcnative's BoringSSL serves JDK clients over real
 * loopback sockets, with the same protocols, client authentication, handshake deadline and close_notify as the JDK
 * provider, and frees each engine's native state when the connection closes. Skipped, saying why, where
 * netty-tcnative does not load.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenSslProviderTest {

    private final AsynCoro asyncoro = new AsynCoro("openssl-test");
    private AsyncServerSocket listener;

    @BeforeEach
    void requireOpenSsl() {
        Assumptions.assumeTrue(OpenSsl.isAvailable(),
                () -> "netty-tcnative's OpenSSL is not available here: " + OpenSsl.unavailabilityCause());
    }

    @AfterEach
    void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
        asyncoro.close(Duration.ofSeconds(5));
    }

    private static TlsServerConfig.Builder openSslServer() throws IOException {
        return TlsServerConfig.builder().provider(TlsProvider.OPENSSL)
                .keyStore(TestTls.store("server.p12"), "PKCS12", TestTls.PASSWORD);
    }

    private void listen(TlsServerConfig config) throws IOException {
        listener = AsyncServerSocket.bindTls(Loopback.address(0), 50, config);
    }

    private AsyncSocket connectJdk(TlsClientConfig.Builder config) throws IOException {
        return AsyncSocket.connectTls(Loopback.localhost(listener.localPort()), Duration.ofSeconds(5), config.build());
    }

    private static TlsClientConfig.Builder jdkClient() throws IOException {
        return TlsClientConfig.builder().sslContext(TestTls.client());
    }

    /** The connection's engine, Netty's. */
    private static SSLEngine engineOf(AsyncSocket socket) {
        return ((TlsRecordTransport) socket.transport()).engine;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
    void anOpenSslServerEchoesToAJdkClient(String protocol) throws Exception {
        listen(openSslServer().build());
        Coro<Void> echo = asyncoro.spawn(self -> {
            try (AsyncSocket server = listener.accept()) {
                assertThat(engineOf(server).getClass().getName()).startsWith("io.netty.handler.ssl.");
                assertThat(server.tlsSession().orElseThrow().getClass().getName()).startsWith("io.netty.handler.ssl.");
                byte[] message;
                while ((message = server.recvMsg()) != null) {
                    server.sendMsg(message);
                }
            }
            return null;
        });
        try (AsyncSocket client = connectJdk(jdkClient().protocols(List.of(protocol)))) {
            assertThat(client.tlsSession().orElseThrow().getProtocol()).isEqualTo(protocol);
            assertThat(client.peerPrincipal().orElseThrow().getName()).contains("CN=localhost");
            byte[] large = AsyncSocketTest.pattern(100_000, 7);
            for (byte[] message : List.of(bytes("hello"), large, bytes("bye"))) {
                client.sendMsg(message);
                assertThat(client.recvMsg()).isEqualTo(message);
            }
            client.shutdownOutput();
            assertThat(client.recvMsg()).as("the server's close_notify after the echo loop").isNull();
        }
        echo.value();
    }

    @Test
    void aSmallFrameGoesOutAsOneRecordThoughNettysEngineWrapsOneBufferAtATime() throws Exception {
        listen(openSslServer().build());
        Coro<AsyncSocket> accepted = asyncoro.spawn(self -> listener.accept());
        try (AsyncSocket client = connectJdk(jdkClient()); AsyncSocket server = accepted.value()) {
            TlsOnThePollerTest.exchangeOnceEachWay(client, server);

            long before = TlsRecordTransport.recordsSent();
            server.sendMsg(new byte[64]);
            assertThat(TlsRecordTransport.recordsSent() - before).as("records for a 64-byte message").isEqualTo(1);
            assertThat(client.recvMsg()).hasSize(64).containsOnly(0);
        }
    }

    @Test
    void clientAuthNeedServesAClientWithACertificateAndRefusesOneWithout() throws Exception {
        listen(openSslServer().trustStore(TestTls.store("truststore.p12"), "PKCS12", TestTls.PASSWORD)
                .clientAuth(ClientAuth.NEED).build());
        Coro<AsyncSocket> accepted = asyncoro.spawn(self -> listener.accept());
        try (AsyncSocket client = connectJdk(TlsClientConfig.builder().sslContext(TestTls.clientWithCertificate()));
                AsyncSocket server = accepted.value()) {
            assertThat(server.peerPrincipal().orElseThrow().getName()).contains("CN=client");
            client.sendMsg(bytes("authenticated"));
            assertThat(server.recvMsg()).isEqualTo(bytes("authenticated"));
        }

        Coro<AsyncSocket> refused = asyncoro.spawn(self -> listener.accept());
        assertThatThrownBy(() -> {
            try (AsyncSocket client = connectJdk(jdkClient())) {
                client.sendMsg(bytes("let me in"));
                client.recvMsg();
            }
        }).isInstanceOfAny(SSLException.class, java.net.SocketException.class);
        assertThat(refused.toFuture()).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingRootCause().isInstanceOf(SSLHandshakeException.class);

        // A certificate the trust store does not hold is refused by the check OpenSSL runs as a delegated task,
        // at once rather than at the handshake timeout, and the server's handshake fails with the check's error:
        // the client only reads once its side is done and sends nothing until the server's alert closes it, so
        // the server must learn of the refusal from its engine, not from the peer going away.
        Coro<AsyncSocket> untrusted = asyncoro.spawn(self -> listener.accept());
        assertThatThrownBy(() -> {
            try (AsyncSocket client = connectJdk(TlsClientConfig.builder().sslContext(
                    SslContexts.create(TestTls.load("untrusted.p12"), TestTls.PASSWORD, TestTls.load("truststore.p12"))))) {
                client.recvMsg();
            }
        }).isInstanceOfAny(SSLException.class, java.net.SocketException.class);
        assertThat(untrusted.toFuture()).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .satisfies(failure -> assertThat(causes(failure)).hasAtLeastOneElementOfType(SSLHandshakeException.class)
                        .hasAtLeastOneElementOfType(CertificateException.class)
                        .doesNotHaveAnyElementsOfTypes(SocketTimeoutException.class));
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    @Test
    void aStalledHandshakeTimesOutAndGarbageClosesOnlyThatConnection() throws Exception {
        listen(openSslServer().handshakeTimeout(Duration.ofSeconds(1)).build());
        Coro<AsyncSocket> first = asyncoro.spawn(self -> listener.accept());
        try (AsyncSocket client = connectJdk(jdkClient()); AsyncSocket server = first.value();
                Socket staller = new Socket(); Socket garbage = new Socket()) {
            staller.connect(Loopback.address(listener.localPort()));
            assertThatThrownBy(() -> listener.accept()).isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining("handshake");
            assertThat(staller.getInputStream().read()).as("the stalled connection was closed").isEqualTo(-1);

            garbage.connect(Loopback.address(listener.localPort()));
            garbage.getOutputStream().write(AsyncSocketTest.pattern(2000, 99));
            assertThatThrownBy(() -> listener.accept()).isInstanceOf(SSLException.class);
            garbage.setSoTimeout(5000);
            assertThat(drain(garbage)).as("the garbage sender's connection was closed").isTrue();

            client.sendMsg(bytes("still served"));
            assertThat(server.recvMsg()).isEqualTo(bytes("still served"));
        }
    }

    /** Reads (an alert, perhaps) until the end of the stream or a reset: either way the server closed. */
    private static boolean drain(Socket socket) {
        try {
            byte[] sink = new byte[4096];
            while (socket.getInputStream().read(sink) >= 0) {
                // the alert OpenSSL sends before closing
            }
            return true;
        }
        catch (java.net.SocketException reset) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    @Test
    void closeSendsCloseNotifyAndFreesTheEngine() throws Exception {
        listen(openSslServer().build());
        Coro<AsyncSocket> accepted = asyncoro.spawn(self -> listener.accept());
        try (AsyncSocket client = connectJdk(jdkClient())) {
            AsyncSocket server = accepted.value();
            ReferenceCounted engine = (ReferenceCounted) engineOf(server);
            assertThat(engine.refCnt()).isEqualTo(1);
            server.close();
            assertThat(client.recvMsg()).as("the client sees a clean end (close_notify)").isNull();
            assertThat(engine.refCnt()).as("the engine's native state is freed").isZero();
        }
    }

    @Test
    void aDroppedConnectionFreesItsEngineToo() throws Exception {
        listen(openSslServer().handshakeTimeout(Duration.ofSeconds(1)).build());
        Coro<AsyncSocket> pending = asyncoro.spawn(self -> listener.acceptPending());
        try (Socket staller = new Socket()) {
            staller.connect(Loopback.address(listener.localPort()));
            AsyncSocket server = pending.value();
            ReferenceCounted engine = (ReferenceCounted) engineOf(server);
            assertThatThrownBy(server::recvMsg).isInstanceOf(SocketTimeoutException.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> engine.refCnt() == 0);
        }
    }

    @Test
    void anEngineWhoseConnectionFailsBeforeItIsSetUpIsFreedAtOnce() throws Exception {
        TlsServerConfig config = openSslServer().build();
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(Loopback.address(0));
                Socket peer = new Socket()) {
            peer.connect(server.getLocalAddress());
            SocketChannel accepted = server.accept();
            // Gone before the transport is built around it (as when the peer resets at once): no transport owns the
            // engine, so nothing would free it on close.
            accepted.close();
            SSLEngine engine = config.newEngine();
            assertThatThrownBy(() -> TlsEngineTransport.over(accepted, engine, TlsProvider.OPENSSL,
                    Duration.ofSeconds(5), new SocketSettings())).isInstanceOf(ClosedChannelException.class);
            assertThat(((ReferenceCounted) engine).refCnt()).as("the engine's native state is freed").isZero();
        }
    }

    @Test
    void anOpenSslClientConnectsToAJdkServer() throws Exception {
        listen(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).build());
        Coro<AsyncSocket> accepted = asyncoro.spawn(self -> listener.accept());
        TlsClientConfig config = TlsClientConfig.builder().provider(TlsProvider.OPENSSL)
                .keyMaterial(TlsKeyMaterial.of(null, null, TestTls.load("truststore.p12"))).build();
        try (AsyncSocket client = AsyncSocket.connectTls(Loopback.localhost(listener.localPort()), Duration.ofSeconds(5),
                config); AsyncSocket server = accepted.value()) {
            assertThat(engineOf(client).getClass().getName()).startsWith("io.netty.handler.ssl.");
            client.sendMsg(bytes("from openssl"));
            assertThat(server.recvMsg()).isEqualTo(bytes("from openssl"));
        }
    }

    @Test
    void anSslContextOrBlockingModeIsRefusedSayingWhy() throws Exception {
        assertThatThrownBy(() -> TlsServerConfig.builder().provider(TlsProvider.OPENSSL)
                .sslContext(TestTls.server("server.p12")).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot use an SSLContext").hasMessageContaining("keyStore(...)");
        TlsServerConfig config = openSslServer().build();
        assertThatThrownBy(() -> AsyncServerSocket.bind(Loopback.address(0), 50, config, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blocking");
    }
}

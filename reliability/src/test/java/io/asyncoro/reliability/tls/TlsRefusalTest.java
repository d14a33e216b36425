package io.asyncoro.reliability.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertPathValidatorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.ClientAuth;
import io.asyncoro.net.TlsClientConfig;
import io.asyncoro.reliability.support.Canary;
import io.asyncoro.reliability.support.CountingObserver;
import io.asyncoro.reliability.support.Frames;
import io.asyncoro.reliability.support.Servers;
import io.asyncoro.reliability.support.TestTls;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.ErrorKind;
import io.asyncoro.server.RejectReason;

/**
 * TLS refusals: wrong protocol on either side, certificates a verifying client must refuse, and client
 * authentication. Each refusal is one connection's failure; a canary on the same server keeps echoing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsRefusalTest {

    private final CountingObserver observer = new CountingObserver();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private AsyncSocketServer server;

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    private AsyncSocketServer startTls(String keyStore, ClientAuth clientAuth) throws IOException {
        server = Servers.started(Servers.loopback("tls-" + keyStore).handler(Servers.ECHO).observer(observer)
                .tls(TestTls.server(keyStore, clientAuth)));
        return server;
    }

    private Canary canary(TlsClientConfig tls) throws IOException {
        Canary canary = Canary.start(tls == null ? Servers.connect(server) : Servers.connectTls(server, tls));
        cleanup.add(canary);
        canary.assertStillServing();
        return canary;
    }

    /** Sanity: the verifying client accepts the good certificate, so the refusals below are about the certificate. */
    @Test
    void theVerifyingClientAcceptsTheGoodCertificate() throws Exception {
        startTls("server.p12", ClientAuth.NONE);
        try (AsyncSocket client = Servers.connectTls(server, TestTls.client())) {
            client.sendMsg("hi".getBytes(StandardCharsets.UTF_8));
            assertThat(client.recvMsg()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
            assertThat(client.tlsSession().orElseThrow().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        }
    }

    /** Plain frames sent to a TLS port fail that connection's handshake; the server counts it and serves on. */
    @Test
    void plainBytesToATlsPortFailTheHandshakeOnly() throws Exception {
        startTls("server.p12", ClientAuth.NONE);
        Canary canary = canary(TestTls.client());
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.localPort())) {
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write(Frames.frame("hello in the clear".getBytes(StandardCharsets.UTF_8)));
            assertThat(readUntilClosed(plain)).as("no echo of the plain frame").doesNotContain("hello in the clear");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.errors(ErrorKind.HANDSHAKE) == 1);
        assertThat(observer.rejected(RejectReason.TLS)).isEqualTo(1);
        assertThat(observer.handshakesFailed()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.activeConnections() == 1);
        canary.assertStillServing();
    }

    /**
     * A client that connects to a TLS port and says nothing holds only its own handshake: a newcomer is accepted,
     * handshaken and served while the silent one is still pending, which is later dropped by the handshake timeout.
     */
    @Test
    void aSilentClientDoesNotStallTheAcceptLoop() throws Exception {
        server = Servers.started(Servers.loopback("silent").handler(Servers.ECHO).observer(observer)
                .tls(TestTls.server("server.p12").handshakeTimeout(Duration.ofSeconds(4)).build()));
        try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.localPort())) {
            silent.setSoTimeout(20_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.activeConnections() == 1);
            try (AsyncSocket newcomer = Servers.connectTls(server, TestTls.client())) {
                newcomer.sendMsg("served".getBytes(StandardCharsets.UTF_8));
                assertThat(newcomer.recvMsg()).isEqualTo("served".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(observer.errors(ErrorKind.HANDSHAKE)).as("the silent handshake is still pending").isZero();
            assertThat(readUntilClosed(silent)).isEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.errors(ErrorKind.HANDSHAKE) == 1);
    }

    /**
     * A TLS client on a plain port: its ClientHello reads as a frame header claiming about 350 MB, which the
     * max-message-size check refuses before allocating; the client's handshake fails and the server serves on.
     */
    @Test
    void tlsToAPlainPortIsRefusedAsAnOversizedFrame() throws Exception {
        server = Servers.started(Servers.loopback("plain").handler(Servers.ECHO).observer(observer));
        Canary canary = canary(null);
        assertThatThrownBy(() -> Servers.connectTls(server, TestTls.client())).isInstanceOf(IOException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.errors(ErrorKind.MESSAGE_TOO_LARGE) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.activeConnections() == 1);
        canary.assertStillServing();
    }

    /**
     * An expired certificate, issued by a CA the client trusts, is refused: only its dates are wrong. (A
     * self-signed certificate pinned as a trust anchor would not do: the JDK does not check an anchor's dates.)
     */
    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        startTls("ca-signed-expired.p12", ClientAuth.NONE);
        Canary canary = canary(insecure());
        assertThatThrownBy(() -> Servers.connectTls(server, TestTls.clientTrusting("ca-truststore.p12")))
                .isInstanceOf(SSLHandshakeException.class)
                .satisfies(ex -> assertThat(causes(ex)).anyMatch(c -> c instanceof CertificateExpiredException
                        || c instanceof CertPathValidatorException));
        canary.assertStillServing();
    }

    /**
     * An expired self-signed certificate pinned in the client's trust store is refused too. The JDK does not check
     * a trust anchor's own dates; asyncoro's client checks every certificate the server presents.
     */
    @Test
    void aPinnedExpiredSelfSignedCertificateIsRefused() throws Exception {
        startTls("expired.p12", ClientAuth.NONE);
        Canary canary = canary(insecure());
        assertThatThrownBy(() -> Servers.connectTls(server, TestTls.client()))
                .isInstanceOf(SSLHandshakeException.class)
                .satisfies(ex -> assertThat(causes(ex)).anyMatch(c -> c instanceof CertificateExpiredException));
        canary.assertStillServing();
    }

    /** A self-signed certificate that is not in the trust store is refused. */
    @Test
    void anUntrustedSelfSignedCertificateIsRefused() throws Exception {
        startTls("untrusted.p12", ClientAuth.NONE);
        Canary canary = canary(insecure());
        assertThatThrownBy(() -> Servers.connectTls(server, TestTls.client()))
                .isInstanceOf(SSLHandshakeException.class)
                .hasStackTraceContaining("PKIX path");
        canary.assertStillServing();
    }

    /** A trusted certificate for another host name is refused: host name verification is on by default. */
    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        startTls("wronghost.p12", ClientAuth.NONE);
        Canary canary = canary(insecure());
        assertThatThrownBy(() -> Servers.connectTls(server, TestTls.client()))
                .isInstanceOf(SSLHandshakeException.class)
                .hasStackTraceContaining("localhost");
        canary.assertStillServing();
    }

    /**
     * With client auth {@code need}, a client without a certificate is refused (under TLS 1.3 the client may
     * finish its side of the handshake and learn of the refusal on its first write or read: an alert or a broken
     * pipe). Whatever the client sees, it is never served; the canary, which has a certificate, is.
     */
    @Test
    void clientAuthNeedRefusesAClientWithoutACertificate() throws Exception {
        startTls("server.p12", ClientAuth.NEED);
        Canary canary = canary(TestTls.clientWithCertificate());
        assertThatThrownBy(() -> {
            try (AsyncSocket anonymous = Servers.connectTls(server, TestTls.client())) {
                anonymous.sendMsg("let me in".getBytes(StandardCharsets.UTF_8));
                byte[] reply = anonymous.recvMsg();
                throw new AssertionError(reply == null ? "closed without a TLS error" : "served without a certificate");
            }
        }).isInstanceOf(IOException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.errors(ErrorKind.HANDSHAKE) == 1);
        assertThat(observer.rejected(RejectReason.TLS)).isEqualTo(1);
        canary.assertStillServing();
    }

    private static TlsClientConfig insecure() {
        return TlsClientConfig.builder().insecureTrustAllCertificates().build();
    }

    private static List<Throwable> causes(Throwable ex) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = ex; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }

    private static String readUntilClosed(Socket socket) throws IOException {
        StringBuilder got = new StringBuilder();
        byte[] buffer = new byte[1024];
        try {
            int n;
            while ((n = socket.getInputStream().read(buffer)) > 0) {
                got.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        }
        catch (SocketException reset) {
            // the server closed with unread input: as good as end of stream here
        }
        return got.toString();
    }
}

package io.asyncoro.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.asyncoro.AsynCoro;
import io.asyncoro.net.CidrRange;
import io.asyncoro.net.TlsServerConfig;
import io.asyncoro.testsupport.Loopback;
import io.asyncoro.testsupport.ProxyHeaders;
import io.asyncoro.testsupport.RecordingObserver;
import io.asyncoro.testsupport.TestTls;

/** Servers that expect a PROXY protocol header, driven by raw clients that write one as a proxy would. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProxyProtocolServerTest {

    /** Answers each line with the client address the socket reports: "address port line". */
    private static final ConnectionHandler WHO_AM_I = sock -> {
        byte[] line;
        while ((line = sock.recvLine()) != null) {
            InetSocketAddress remote = sock.remoteAddress();
            sock.sendLine(bytes(remote.getAddress().getHostAddress() + " " + remote.getPort() + " "
                    + new String(line, StandardCharsets.US_ASCII)));
        }
    };

    private final AsynCoro asyncoro = new AsynCoro("proxy-test");
    private final RecordingObserver observer = new RecordingObserver();
    private final List<AsyncSocketServer> servers = new ArrayList<>();
    private final List<Socket> clients = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Socket c : clients) {
            c.close();
        }
        for (AsyncSocketServer s : servers) {
            s.stop(Duration.ofSeconds(2));
        }
        asyncoro.close(Duration.ofSeconds(5));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private AsyncSocketServer start(ProxyProtocolSettings proxy, boolean blocking) throws IOException {
        return start(AsyncSocketServer.builder().proxyProtocol(proxy).blocking(blocking));
    }

    private AsyncSocketServer start(AsyncSocketServer.Builder builder) throws IOException {
        AsyncSocketServer server = builder.name("proxied").address(InetAddress.getLoopbackAddress())
                .asyncoro(asyncoro).observer(observer).handler(WHO_AM_I).build();
        servers.add(server);
        server.start();
        return server;
    }

    private Socket connect(AsyncSocketServer server) throws IOException {
        Socket client = new Socket();
        clients.add(client);
        client.connect(Loopback.address(server.localPort()), 5000);
        client.setSoTimeout(10_000);
        return client;
    }

    private static String exchange(Socket client, byte[] header, String line) throws IOException {
        OutputStream out = client.getOutputStream();
        // Header and first line in one write, so they share a segment: the line must not be lost with the header.
        out.write(concat(header, bytes(line + "\n")));
        out.flush();
        return readLine(client.getInputStream());
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.append((char) b);
        }
        return b < 0 ? null : line.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void assertClosedByServer(Socket client) throws IOException {
        assertThat(client.getInputStream().read()).isEqualTo(-1);
    }

    @ParameterizedTest(name = "blocking={0}")
    @ValueSource(booleans = { false, true })
    void aV1Tcp4HeaderNamesTheClientForTheHandlerAndTheObserver(boolean blocking) throws IOException {
        AsyncSocketServer server = start(ProxyProtocolSettings.trustingAnyPeer(), blocking);
        Socket client = connect(server);

        assertThat(exchange(client, ProxyHeaders.v1("TCP4 203.0.113.7 10.0.0.1 56324 443"), "hi"))
                .isEqualTo("203.0.113.7 56324 hi");
        assertThat(readAfter(client, "again")).isEqualTo("203.0.113.7 56324 again");
        assertThat(observer.openedFrom).containsExactly(new InetSocketAddress("203.0.113.7", 56324));
        assertThat(observer.rejected(RejectReason.PROXY_PROTOCOL)).isZero();
    }

    private static String readAfter(Socket client, String line) throws IOException {
        client.getOutputStream().write(bytes(line + "\n"));
        return readLine(client.getInputStream());
    }

    @Test
    void aV1Tcp6HeaderNamesAnIpv6Client() throws IOException {
        AsyncSocketServer server = start(ProxyProtocolSettings.trustingAnyPeer(), false);

        assertThat(exchange(connect(server), ProxyHeaders.v1("TCP6 2001:db8::7 2001:db8::1 40000 443"), "six"))
                .isEqualTo("2001:db8:0:0:0:0:0:7 40000 six");
    }

    @Test
    void aV2HeaderNamesTheClientOverIpv4AndIpv6() throws IOException {
        AsyncSocketServer server = start(ProxyProtocolSettings.trustingAnyPeer(), false);
        InetSocketAddress to = new InetSocketAddress("10.0.0.1", 443);

        assertThat(exchange(connect(server), ProxyHeaders.v2(new InetSocketAddress("198.51.100.9", 1234), to), "v2"))
                .isEqualTo("198.51.100.9 1234 v2");
        assertThat(exchange(connect(server), ProxyHeaders.v2(new InetSocketAddress("2001:db8::9", 4321),
                new InetSocketAddress("2001:db8::1", 443)), "v2six")).isEqualTo("2001:db8:0:0:0:0:0:9 4321 v2six");
    }

    @Test
    void headersWithoutAddressesKeepTheProxysOwnAddress() throws IOException {
        AsyncSocketServer server = start(ProxyProtocolSettings.trustingAnyPeer(), false);

        Socket healthCheck = connect(server);
        assertThat(exchange(healthCheck, ProxyHeaders.v2Local(), "local"))
                .isEqualTo("127.0.0.1 " + healthCheck.getLocalPort() + " local");
        Socket unknown = connect(server);
        assertThat(exchange(unknown, ProxyHeaders.v1("UNKNOWN"), "unknown"))
                .isEqualTo("127.0.0.1 " + unknown.getLocalPort() + " unknown");
    }

    @Test
    void garbageTruncatedAndOversizedHeadersCloseOnlyTheirConnectionAndAreCounted() throws IOException {
        AsyncSocketServer server = start(ProxyProtocolSettings.trustingAnyPeer(), false);
        Socket good = connect(server);
        assertThat(exchange(good, ProxyHeaders.v1("TCP4 192.0.2.1 10.0.0.1 1000 443"), "first"))
                .isEqualTo("192.0.2.1 1000 first");

        Socket http = connect(server);
        http.getOutputStream().write(bytes("GET / HTTP/1.1\r\nHost: example\r\n\r\n"));
        assertClosedByServer(http);

        Socket truncated = connect(server);
        truncated.getOutputStream().write(bytes("PROXY TCP4 192.0.2.1 10.0"));
        truncated.shutdownOutput();
        assertClosedByServer(truncated);

        Socket oversized = connect(server);
        // Announces 2000 bytes after the fixed part and sends none: refused on the announcement alone.
        oversized.getOutputStream().write(ProxyHeaders.v2Announcing(2000));
        assertClosedByServer(oversized);

        Socket probe = connect(server);
        probe.shutdownOutput();
        assertClosedByServer(probe);

        await().atMost(Duration.ofSeconds(5)).until(() -> observer.rejected(RejectReason.PROXY_PROTOCOL) == 4);
        assertThat(readAfter(good, "still")).isEqualTo("192.0.2.1 1000 still");
        assertThat(observer.opened.get()).isEqualTo(1);
        assertThat(observer.allErrors()).isZero();
        assertThat(server.activeConnections()).isEqualTo(1);
    }

    @Test
    void aHeaderThatNeverComesTimesOutWithoutHoldingUpOtherConnections() throws IOException {
        AsyncSocketServer server = start(
                ProxyProtocolSettings.trustingAnyPeer().withHeaderTimeout(Duration.ofMillis(500)), false);
        Socket silent = connect(server);
        Socket trickling = connect(server);
        trickling.getOutputStream().write(bytes("PROXY TCP4"));

        // Served while the other two are still inside their header's time.
        assertThat(exchange(connect(server), ProxyHeaders.v1("TCP4 192.0.2.2 10.0.0.1 2000 443"), "meanwhile"))
                .isEqualTo("192.0.2.2 2000 meanwhile");
        long start = System.nanoTime();
        assertClosedByServer(silent);
        assertClosedByServer(trickling);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.rejected(RejectReason.PROXY_PROTOCOL) == 2);
    }

    @Test
    void aPeerOutsideTheTrustedProxiesIsRefusedBeforeItsHeaderIsRead() throws IOException {
        AsyncSocketServer server = start(ProxyProtocolSettings.trusting(List.of(CidrRange.parse("10.0.0.0/8"))),
                false);
        Socket client = connect(server);
        client.getOutputStream().write(concat(ProxyHeaders.v1("TCP4 192.0.2.3 10.0.0.1 3000 443"), bytes("x\n")));

        assertClosedByServer(client);
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.rejected(RejectReason.UNTRUSTED_PROXY) == 1);
        assertThat(observer.opened.get()).isZero();
    }

    @Test
    void aTrustedProxyOnLoopbackIsServed() throws IOException {
        AsyncSocketServer server = start(ProxyProtocolSettings.trusting(List.of(CidrRange.parse("127.0.0.0/8"))),
                false);

        assertThat(exchange(connect(server), ProxyHeaders.v1("TCP4 192.0.2.4 10.0.0.1 4000 443"), "ok"))
                .isEqualTo("192.0.2.4 4000 ok");
    }

    @Test
    void tlsStartsRightAfterTheHeaderAndTheHandlerSeesTheHeadersClient() throws Exception {
        AsyncSocketServer server = start(AsyncSocketServer.builder()
                .proxyProtocol(ProxyProtocolSettings.trustingAnyPeer())
                .tls(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).build()));
        Socket plain = connect(server);
        plain.getOutputStream().write(ProxyHeaders.v2(new InetSocketAddress("198.51.100.20", 5555),
                new InetSocketAddress("10.0.0.1", 443)));

        try (SSLSocket tls = (SSLSocket) TestTls.client().getSocketFactory().createSocket(plain, "localhost",
                server.localPort(), true)) {
            tls.startHandshake();
            tls.getOutputStream().write(bytes("secure\n"));
            assertThat(readLine(tls.getInputStream())).isEqualTo("198.51.100.20 5555 secure");
        }
        assertThat(observer.handshakesOk.get()).isEqualTo(1);
        assertThat(observer.openedFrom).containsExactly(new InetSocketAddress("198.51.100.20", 5555));
    }

    @Test
    void aTlsServerRefusesAClientHelloWhereTheHeaderShouldBe() throws Exception {
        AsyncSocketServer server = start(AsyncSocketServer.builder()
                .proxyProtocol(ProxyProtocolSettings.trustingAnyPeer())
                .tls(TlsServerConfig.builder().sslContext(TestTls.server("server.p12")).build()));
        Socket plain = connect(server);

        try (SSLSocket tls = (SSLSocket) TestTls.client().getSocketFactory().createSocket(plain, "localhost",
                server.localPort(), true)) {
            tls.setSoTimeout(10_000);
            org.assertj.core.api.Assertions.assertThatThrownBy(tls::startHandshake).isInstanceOf(IOException.class);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.rejected(RejectReason.PROXY_PROTOCOL) == 1);
        assertThat(observer.handshakesFailed.get()).isZero();
    }
}

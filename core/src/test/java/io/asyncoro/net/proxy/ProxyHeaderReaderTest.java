package io.asyncoro.net.proxy;

import static io.asyncoro.net.proxy.V2Bytes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.testsupport.Loopback;
import io.asyncoro.testsupport.Loopback.AsyncPair;
import io.asyncoro.testsupport.Loopback.RawPair;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ProxyHeaderReaderTest {

    private static final byte[] DATA = "hello, server".getBytes(StandardCharsets.US_ASCII);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static InetSocketAddress at(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void streamIsLeftRightAfterEachKindOfHeader() throws Exception {
        String full = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
        for (byte[] header : new byte[][] {
                ascii("PROXY UNKNOWN\r\n"),                                  // the shortest: 15 bytes
                ascii("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n"),
                ascii("PROXY UNKNOWN " + full + " " + full + " 65535 65535\r\n"),
                V2Bytes.awsNlb(),
                V2Bytes.header(0x20, 0x00, new byte[0]) }) {
            InputStream in = new ByteArrayInputStream(concat(header, DATA));
            assertThat(ProxyHeaderReader.read(in)).isEqualTo(ProxyProtocolDecoder.decode(ByteBuffer.wrap(header)));
            assertThat(in.readAllBytes()).isEqualTo(DATA);
        }
    }

    @Test
    void endOfStreamBeforeOrInsideAHeader() {
        assertThatThrownBy(() -> ProxyHeaderReader.read(new ByteArrayInputStream(new byte[0])))
                .isExactlyInstanceOf(EOFException.class);
        assertThatThrownBy(() -> ProxyHeaderReader.read(new ByteArrayInputStream(ascii("PROXY TCP4 1.2"))))
                .isInstanceOf(ProxyProtocolException.class).hasMessageContaining("closed inside");
        // Bytes that are already wrong say so, rather than just "closed".
        assertThatThrownBy(() -> ProxyHeaderReader.read(new ByteArrayInputStream(ascii("GET / HTTP/1.0\r\n"))))
                .isInstanceOf(ProxyProtocolException.class).hasMessage("not a PROXY protocol header");
        assertThatThrownBy(() -> ProxyHeaderReader.read(new ByteArrayInputStream(ascii("PR\n"))))
                .isInstanceOf(ProxyProtocolException.class).hasMessage("not a PROXY protocol header");
    }

    @Test
    void asyncSocketGetsTheHeaderThenExactlyTheData() throws Exception {
        try (AsyncPair pair = Loopback.asyncPair()) {
            pair.client().sendAll(concat(V2Bytes.awsNlb(), DATA));
            pair.client().shutdownOutput();
            ProxyHeader header = ProxyHeaderReader.read(pair.server(), Duration.ofSeconds(5));
            assertThat(header.source()).isEqualTo(at("172.31.7.113", 51442));
            assertThat(pair.server().recvAll(DATA.length)).isEqualTo(DATA);
            assertThat(pair.server().recv(100)).isEmpty();
            assertThat(pair.server().timeout()).isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void asyncSocketV1HeaderWrittenInPieces() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            OutputStream out = pair.peer().getOutputStream();
            out.write(ascii("PROXY TCP6 2001:db8::1 "));
            out.flush();
            out.write(ascii("2001:db8::2 1 2\r"));
            out.flush();
            out.write(concat(ascii("\n"), DATA));
            ProxyHeader header = ProxyHeaderReader.read(pair.socket(), null);
            assertThat(header.destination()).isEqualTo(at("2001:db8::2", 2));
            assertThat(pair.socket().recvAll(DATA.length)).isEqualTo(DATA);
        }
    }

    @Test
    void plainSocketStreamGetsTheHeaderThenExactlyTheData() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                Socket server = listener.accept()) {
            server.setSoTimeout(5_000);
            client.getOutputStream().write(concat(V2Bytes.header(0x21, 0x11, V2Bytes.bytes(
                    10, 0, 0, 1, 10, 0, 0, 2, 0x30, 0x39, 0x00, 0x50)), DATA));
            client.shutdownOutput();
            ProxyHeader header = ProxyHeaderReader.read(server.getInputStream());
            assertThat(header.source()).isEqualTo(at("10.0.0.1", 12345));
            assertThat(server.getInputStream().readAllBytes()).isEqualTo(DATA);
        }
    }

    @Test
    void aPeerStallingInsideTheHeaderTimesOutAndTheSocketTimeoutIsRestored() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            pair.socket().setTimeout(Duration.ofSeconds(30));
            pair.peer().getOutputStream().write(ascii("PROXY TCP4 1.2.3.4 "));
            long start = System.nanoTime();
            assertThatThrownBy(() -> ProxyHeaderReader.read(pair.socket(), Duration.ofMillis(300)))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(pair.socket().timeout()).isEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void garbageFromASocketPeerIsRejectedWithoutWaitingForMore() throws Exception {
        try (RawPair pair = Loopback.rawPair()) {
            // A TLS client that was not told about the proxy: rejected on its first byte, no timeout needed.
            pair.peer().getOutputStream().write(V2Bytes.bytes(0x16, 0x03, 0x01));
            assertThatThrownBy(() -> ProxyHeaderReader.read(pair.socket(), Duration.ofSeconds(10)))
                    .isInstanceOf(ProxyProtocolException.class).hasMessage("not a PROXY protocol header");
        }
    }
}

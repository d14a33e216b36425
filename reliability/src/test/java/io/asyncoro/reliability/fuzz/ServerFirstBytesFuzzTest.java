package io.asyncoro.reliability.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.reliability.support.Frames;
import io.asyncoro.reliability.support.Servers;
import io.asyncoro.reliability.support.TestTls;
import io.asyncoro.server.AsyncSocketServer;

/**
 * Fuzzes what a running {@code AsyncSocketServer} makes of a connection's first bytes, plain or TLS. For the
 * plain echo server the reply must be the echo of the frames the reference decoder finds before the first bad
 * one (all of it, unless an oversized header made the server reset the connection), then the server closes; for the TLS server no application data may come back. Either way the
 * server keeps listening and keeps serving a well-behaved client.
 *
 * <p>Input layout: the first byte's low bit picks TLS, the rest is sent; then the client half-closes.
 */
class ServerFirstBytesFuzzTest {

    private static final long LIMIT = 1024;
    private static final AsyncSocketServer PLAIN = start(false);
    private static final AsyncSocketServer TLS = start(true);
    private static final AtomicLong RUNS = new AtomicLong();

    private static AsyncSocketServer start(boolean tls) {
        try {
            AsyncSocketServer.Builder builder = Servers.loopback(tls ? "fuzz-tls" : "fuzz-plain")
                    .handler(Servers.ECHO)
                    .maxMessageSize(LIMIT)
                    .idleTimeout(Duration.ofSeconds(5));
            if (tls) {
                builder.tls(TestTls.server("server.p12").handshakeTimeout(Duration.ofSeconds(2)).build());
            }
            return Servers.started(builder);
        }
        catch (IOException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    @FuzzTest(maxDuration = "25s")
    // Jazzer fuzzes on the test's own thread; the fork's hard timeout backs this one up.
    @Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SAME_THREAD)
    void firstBytesNeverHurtTheServer(byte[] input) throws Exception {
        if (input.length < 1) {
            return;
        }
        boolean tls = (input[0] & 1) == 1;
        byte[] sent = Arrays.copyOfRange(input, 1, input.length);
        AsyncSocketServer server = tls ? TLS : PLAIN;
        byte[] reply = exchange(server, sent);
        if (tls) {
            // A TLS server may answer garbage with an alert record (content type 21) and nothing else.
            if (reply.length > 0 && reply[0] != 21 && reply[0] != 22) {
                throw new AssertionError("TLS server answered garbage with record type " + reply[0]);
            }
        }
        else {
            Frames.Decoded decoded = Frames.decode(sent, LIMIT);
            byte[] expected = Frames.stream(decoded.messages());
            // After an oversized header the server closes with the rest of the input unread, so the kernel resets
            // the connection and may drop echoes still in flight: what arrives must then be a prefix of the echo.
            // When the whole input was read (clean end or truncated frame) every echo must arrive.
            boolean exact = decoded.outcome() != Frames.Outcome.TOO_LARGE;
            boolean ok = exact ? Arrays.equals(expected, reply)
                    : reply.length <= expected.length && Arrays.equals(reply, 0, reply.length, expected, 0, reply.length);
            if (!ok) {
                throw new AssertionError("plain server replied " + reply.length + " bytes; the echo of the valid prefix is "
                        + expected.length + " bytes (" + decoded.outcome() + ")");
            }
        }
        if (!server.isListening()) {
            throw new AssertionError("the server stopped listening");
        }
        if (RUNS.incrementAndGet() % 500 == 0) {
            assertStillEchoes();
        }
    }

    private static byte[] exchange(AsyncSocketServer server, byte[] sent) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.localPort())) {
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(sent);
                socket.shutdownOutput();
            }
            catch (SocketException ex) {
                // The server may close first (a bad header mid-write): what it replied is still checked.
            }
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    reply.write(buffer, 0, n);
                }
            }
            catch (SocketException reset) {
                // A reset after the server refused the stream ends the reply like end of stream does.
            }
            return reply.toByteArray();
        }
    }

    private static void assertStillEchoes() throws IOException {
        try (AsyncSocket client = Servers.connect(PLAIN)) {
            client.sendMsg("still here".getBytes());
            if (!Arrays.equals("still here".getBytes(), client.recvMsg())) {
                throw new AssertionError("the plain server stopped echoing");
            }
        }
    }
}

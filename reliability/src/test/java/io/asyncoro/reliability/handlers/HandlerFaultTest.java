package io.asyncoro.reliability.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.reliability.support.Canary;
import io.asyncoro.reliability.support.CountingObserver;
import io.asyncoro.reliability.support.Frames;
import io.asyncoro.reliability.support.LogCapture;
import io.asyncoro.reliability.support.Servers;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.ConnectionHandler;
import io.asyncoro.server.ErrorKind;

/**
 * Faults inside the application: a throwing handler costs its own connection and one log line, and a handler
 * that will not finish cannot hold a shutdown hostage.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HandlerFaultTest {

    /** Put into every payload: it must never appear in a log record. */
    private static final String PAYLOAD_MARKER = "PAYLOAD-7c1e-do-not-log";

    private final CountingObserver observer = new CountingObserver();
    private final LogCapture log = LogCapture.of("io.asyncoro.server", Level.INFO);
    private AsyncSocketServer server;

    @AfterEach
    void tearDown() {
        log.close();
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    /** Echoes, except that a message starting with "boom" makes the handler throw (a bug in application code). */
    private static final ConnectionHandler BOOM_ON_REQUEST = socket -> {
        byte[] message;
        while ((message = socket.recvMsg()) != null) {
            if (new String(message, StandardCharsets.UTF_8).startsWith("boom")) {
                throw new IllegalStateException("the handler refused a message");
            }
            socket.sendMsg(message);
        }
    };

    @Test
    void aHandlerExceptionClosesThatConnectionOnlyAndIsLoggedOnceWithoutAStackTrace() throws Exception {
        server = Servers.started(Servers.loopback("faulty").handler(BOOM_ON_REQUEST).observer(observer));
        try (Canary canary = Canary.start(Servers.connect(server))) {
            canary.assertStillServing();
            int bad = 10;
            for (int i = 0; i < bad; i++) {
                try (AsyncSocket client = Servers.connect(server)) {
                    client.sendMsg(("boom " + PAYLOAD_MARKER).getBytes(StandardCharsets.UTF_8));
                    assertThat(readUntilClosed(client)).as("connection %d closed without a reply", i).isZero();
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> observer.errors(ErrorKind.HANDLER) == bad);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.activeConnections() == 1);

            List<LogRecord> failures = log.containing("closed: handler");
            assertThat(failures).as("one line per failed connection").hasSize(bad);
            assertThat(failures).allSatisfy(record -> {
                assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                assertThat(record.getThrown()).as("no stack trace unless DEBUG is on").isNull();
                assertThat(record.getMessage()).contains("IllegalStateException").contains("faulty");
            });
            assertThat(observer.totalErrors()).isEqualTo(bad);
            assertThat(server.isListening()).isTrue();
            canary.assertStillServing();
        }
        assertNoPayloadLogged();
    }

    /** A peer's bad input (an oversized frame) is one INFO line, no stack trace, no payload, one count. */
    @Test
    void badInputIsLoggedOnceAtInfoWithoutAStackTrace() throws Exception {
        server = Servers.started(Servers.loopback("strict").handler(Servers.ECHO).observer(observer).maxMessageSize(64));
        try (Canary canary = Canary.start(Servers.connect(server));
                Socket peer = new Socket(InetAddress.getLoopbackAddress(), server.localPort())) {
            canary.assertStillServing();
            peer.setSoTimeout(10_000);
            byte[] payload = (PAYLOAD_MARKER + " ".repeat(100)).getBytes(StandardCharsets.UTF_8);
            peer.getOutputStream().write(Frames.frame(payload));
            await().atMost(Duration.ofSeconds(10)).until(() -> observer.errors(ErrorKind.MESSAGE_TOO_LARGE) == 1);

            List<LogRecord> failures = log.containing("message-too-large");
            assertThat(failures).hasSize(1);
            assertThat(failures.get(0).getLevel()).isEqualTo(Level.INFO);
            assertThat(failures.get(0).getThrown()).isNull();
            canary.assertStillServing();
        }
        assertNoPayloadLogged();
    }

    /**
     * A handler that ignores interrupts and never returns does not stop a shutdown: {@code stop} gives up on it
     * after the grace period (reporting that not everything drained), the listener is closed, and the port can
     * be bound again.
     */
    @Test
    void aHandlerStuckPastTheGracePeriodDoesNotStopShutdown() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ConnectionHandler stuck = socket -> {
            entered.countDown();
            while (release.getCount() > 0) {
                try {
                    release.await();
                }
                catch (InterruptedException ignored) {
                    // deliberately deaf to terminate(): the worst kind of handler
                }
            }
        };
        server = Servers.started(Servers.loopback("stuck").handler(stuck).observer(observer));
        int port = server.localPort();
        try (AsyncSocket client = Servers.connect(server)) {
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            boolean drained = server.stop(Duration.ofMillis(300));

            assertThat(drained).as("stop reports the stuck handler").isFalse();
            assertThat(server.isListening()).isFalse();
            assertThat(readUntilClosed(client)).as("its connection was closed").isZero();
            AsyncSocketServer again = Servers.loopback("stuck-again").port(port).handler(Servers.ECHO).build();
            assertThatCode(again::start).doesNotThrowAnyException();
            again.stop(Duration.ofSeconds(2));
        }
        finally {
            release.countDown();
        }
        assertThat(log.containing("still open after the grace period")).hasSize(1);
    }

    private void assertNoPayloadLogged() {
        assertThat(log.records()).noneSatisfy(record -> assertThat(String.valueOf(record.getMessage())
                + (record.getThrown() == null ? "" : record.getThrown().toString())).contains(PAYLOAD_MARKER));
    }

    /** Reads until the server closes; returns how many messages came first. */
    private static int readUntilClosed(AsyncSocket client) {
        int messages = 0;
        try {
            while (client.recvMsg() != null) {
                messages++;
            }
        }
        catch (SocketException reset) {
            // closed with a reset: the same as end of stream for this purpose
        }
        catch (IOException other) {
            throw new AssertionError("expected the server to close the connection", other);
        }
        return messages;
    }
}

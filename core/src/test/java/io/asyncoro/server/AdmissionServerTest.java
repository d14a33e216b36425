package io.asyncoro.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.asyncoro.AsynCoro;
import io.asyncoro.testsupport.Loopback;
import io.asyncoro.testsupport.ProxyHeaders;
import io.asyncoro.testsupport.RecordingObserver;

/** Address rules and per-address limits at accept, directly and behind PROXY protocol, over loopback. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AdmissionServerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static final ConnectionHandler ECHO_LINES = sock -> {
        byte[] line;
        while ((line = sock.recvLine()) != null) {
            sock.sendLine(line);
        }
    };

    private final AsynCoro asyncoro = new AsynCoro("admission-test");
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

    private AsyncSocketServer start(AsyncSocketServer.Builder builder) throws IOException {
        AsyncSocketServer server = builder.name("admission").address(LOOPBACK).asyncoro(asyncoro).observer(observer)
                .handler(ECHO_LINES).build();
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

    private static String echo(Socket client, String line) throws IOException {
        client.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = client.getInputStream();
        StringBuilder got = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            got.append((char) b);
        }
        return b < 0 ? null : got.toString();
    }

    private static void assertClosedByServer(Socket client) throws IOException {
        assertThat(client.getInputStream().read()).isEqualTo(-1);
    }

    @Test
    void aDeniedAddressIsClosedAtOnceAndCountedAsAddress() throws IOException {
        AsyncSocketServer server = start(AsyncSocketServer.builder()
                .admission(AdmissionControl.of(AddressFilter.parse(List.of(), List.of("127.0.0.0/8")), 0)));

        assertClosedByServer(connect(server));
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.rejected(RejectReason.ADDRESS) == 1);
        assertThat(observer.opened.get()).isZero();
        assertThat(server.activeConnections()).isZero();
    }

    @Test
    void theLimitPerAddressRefusesTheThirdAndFreesASlotOnClose() throws IOException {
        AdmissionControl control = AdmissionControl.of(AddressFilter.allowAll(), 2);
        AsyncSocketServer server = start(AsyncSocketServer.builder().admission(control));
        Socket first = connect(server);
        Socket second = connect(server);
        assertThat(echo(first, "one")).isEqualTo("one");
        assertThat(echo(second, "two")).isEqualTo("two");

        assertClosedByServer(connect(server));
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.rejected(RejectReason.PER_ADDRESS) == 1);

        first.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> control.openFrom(LOOPBACK) == 1);
        assertThat(echo(connect(server), "three")).isEqualTo("three");
        assertThat(echo(second, "still")).isEqualTo("still");
    }

    @Test
    void manyConnectionsOpenedAndClosedLeaveNoSlotBehind() throws IOException {
        AdmissionControl control = AdmissionControl.of(AddressFilter.allowAll(), 3);
        AsyncSocketServer server = start(AsyncSocketServer.builder().admission(control));

        for (int round = 0; round < 100; round++) {
            try (Socket client = new Socket()) {
                client.connect(Loopback.address(server.localPort()), 5000);
                client.setSoTimeout(10_000);
                // Ends three ways: a clean close, a close mid-line, a reset.
                if (round % 3 == 0) {
                    assertThat(echo(client, "r" + round)).isEqualTo("r" + round);
                }
                else if (round % 3 == 1) {
                    client.getOutputStream().write('x');
                }
                else {
                    client.setSoLinger(true, 0);
                }
            }
            // A slot is freed when the server sees the close, a moment after the client's: wait for it, so the
            // limit of 3 is never what refuses the next round.
            await().atMost(Duration.ofSeconds(5)).until(() -> control.openFrom(LOOPBACK) == 0);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> control.openFrom(LOOPBACK) == 0);
        assertThat(control.trackedAddresses()).isZero();
        assertThat(observer.rejected(RejectReason.PER_ADDRESS)).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.activeConnections() == 0);
    }

    @Test
    void behindAProxyTheHeadersClientIsCheckedNotTheProxy() throws IOException {
        AdmissionControl control = AdmissionControl.of(AddressFilter.parse(List.of(), List.of("203.0.113.0/24")), 1);
        AsyncSocketServer server = start(AsyncSocketServer.builder()
                .proxyProtocol(ProxyProtocolSettings.trustingAnyPeer()).admission(control));
        InetSocketAddress to = new InetSocketAddress("10.0.0.1", 443);

        Socket denied = connect(server);
        denied.getOutputStream().write(ProxyHeaders.v2(new InetSocketAddress("203.0.113.7", 1000), to));
        assertClosedByServer(denied);
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.rejected(RejectReason.ADDRESS) == 1);

        // Two clients through the same proxy address: each has its own count.
        Socket alice = connect(server);
        alice.getOutputStream().write(ProxyHeaders.v2(new InetSocketAddress("198.51.100.1", 1001), to));
        assertThat(echo(alice, "alice")).isEqualTo("alice");
        Socket bob = connect(server);
        bob.getOutputStream().write(ProxyHeaders.v2(new InetSocketAddress("198.51.100.2", 1002), to));
        assertThat(echo(bob, "bob")).isEqualTo("bob");
        assertThat(control.openFrom(InetAddress.getByName("198.51.100.1"))).isEqualTo(1);
        assertThat(control.openFrom(LOOPBACK)).isZero();

        Socket aliceAgain = connect(server);
        aliceAgain.getOutputStream().write(ProxyHeaders.v2(new InetSocketAddress("198.51.100.1", 1003), to));
        assertClosedByServer(aliceAgain);
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.rejected(RejectReason.PER_ADDRESS) == 1);
        assertThat(observer.openedFrom).containsExactly(new InetSocketAddress("198.51.100.1", 1001),
                new InetSocketAddress("198.51.100.2", 1002));

        alice.close();
        bob.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> control.trackedAddresses() == 0);
    }

    @Test
    void theObserverIsToldEachAdmittedClientsAddress() throws IOException {
        AsyncSocketServer server = start(AsyncSocketServer.builder());
        Socket client = connect(server);
        assertThat(echo(client, "hello")).isEqualTo("hello");

        assertThat(observer.openedFrom).containsExactly(new InetSocketAddress(LOOPBACK, client.getLocalPort()));
    }

    @Test
    void aPeerTricklingAByteAtATimeIsClosedAtTheReadIdleTimeout() throws Exception {
        AsyncSocketServer server = start(AsyncSocketServer.builder().readIdleTimeout(Duration.ofMillis(600))
                .writeIdleTimeout(Duration.ofSeconds(30)));
        assertThat(server.readIdleTimeout()).isEqualTo(Duration.ofMillis(600));
        assertThat(server.idleTimeout()).isEqualTo(Duration.ZERO);
        Socket trickler = connect(server);

        // A byte every 100 ms, well inside the timeout each time, never a whole line: the read, one operation,
        // still ends at 600 ms.
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        try {
            pace.scheduleAtFixedRate(() -> {
                try {
                    trickler.getOutputStream().write('a');
                    sent.incrementAndGet();
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> observer.errors(ErrorKind.TIMEOUT) == 1);
        }
        finally {
            pace.shutdownNow();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(sent.get()).isGreaterThanOrEqualTo(4);
        assertClosedByServer(trickler);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.activeConnections() == 0);
    }
}

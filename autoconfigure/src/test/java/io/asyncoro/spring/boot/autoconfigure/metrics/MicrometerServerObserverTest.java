package io.asyncoro.spring.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.server.AsyncDatagramServer;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.AddressFilter;
import io.asyncoro.server.AdmissionControl;
import io.asyncoro.server.ErrorKind;
import io.asyncoro.server.RejectReason;
import io.asyncoro.spring.boot.autoconfigure.testsupport.EchoServers;
import io.asyncoro.spring.boot.autoconfigure.testsupport.TestTls;

/** The Micrometer binding, observing real servers over loopback sockets. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MicrometerServerObserverTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final int HEADER = 4;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final List<AsyncSocketServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        this.servers.forEach(s -> s.stop(Duration.ofSeconds(5)));
    }

    private AsyncSocketServer start(AsyncSocketServer.Builder builder, String name) throws IOException {
        AsyncSocketServer server = builder.observer(new MicrometerServerObserver(this.registry, name)).build();
        this.servers.add(server);
        server.start();
        return server;
    }

    private double counter(String name, String server, String... tags) {
        var counter = this.registry.find(name).tag("server", server).tags(tags).functionCounter();
        assertThat(counter).as("counter %s %s", name, List.of(tags)).isNotNull();
        return counter.count();
    }

    @Test
    void countsMessagesAndBytesWithFrameHeaders() throws Exception {
        AsyncSocketServer server = start(EchoServers.echo("echo"), "echo");
        byte[][] messages = { "hello".getBytes(StandardCharsets.UTF_8), new byte[0], new byte[1000] };
        int payload = 0;
        try (AsyncSocket client = EchoServers.connect(server)) {
            client.setTimeout(WAIT);
            for (byte[] message : messages) {
                client.sendMsg(message);
                assertThat(client.recvMsg()).isEqualTo(message);
                payload += message.length;
            }
            assertThat(this.registry.get(AsyncoroMeterNames.CONNECTIONS_ACTIVE).tag("server", "echo").gauge().value())
                .isEqualTo(1.0);
        }
        long wire = payload + (long) messages.length * HEADER;
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(counter(AsyncoroMeterNames.MESSAGES_RECEIVED, "echo")).isEqualTo(3.0);
            assertThat(counter(AsyncoroMeterNames.MESSAGES_SENT, "echo")).isEqualTo(3.0);
            assertThat(counter(AsyncoroMeterNames.BYTES_RECEIVED, "echo")).isEqualTo(wire);
            assertThat(counter(AsyncoroMeterNames.BYTES_SENT, "echo")).isEqualTo(wire);
            assertThat(this.registry.get(AsyncoroMeterNames.CONNECTION_DURATION).tag("server", "echo").timer().count())
                .isEqualTo(1);
            assertThat(this.registry.get(AsyncoroMeterNames.CONNECTIONS_ACTIVE).gauge().value()).isZero();
        });
        assertThat(counter(AsyncoroMeterNames.CONNECTIONS_ACCEPTED, "echo")).isEqualTo(1.0);
        assertThat(this.registry.get(AsyncoroMeterNames.BYTES_RECEIVED).functionCounter().getId().getBaseUnit())
            .isEqualTo("bytes");
        for (ErrorKind kind : ErrorKind.values()) {
            assertThat(counter(AsyncoroMeterNames.ERRORS, "echo", "kind", kind.tag())).as(kind.tag()).isZero();
        }
        // A plain server publishes no handshake timer.
        assertThat(this.registry.find(AsyncoroMeterNames.TLS_HANDSHAKE).timers()).isEmpty();
    }

    @Test
    void countsAdmissionRefusalsByReasonAndNeverTagsByAddress() throws Exception {
        AsyncSocketServer server = start(EchoServers.echo("guarded")
            .admission(AdmissionControl.of(AddressFilter.parse(List.of(), List.of("127.0.0.0/8")), 0)), "guarded");
        try (AsyncSocket refused = EchoServers.connect(server)) {
            refused.setTimeout(WAIT);
            assertThat(refused.recv(1)).isEmpty();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                counter(AsyncoroMeterNames.CONNECTIONS_REJECTED, "guarded", "reason", RejectReason.ADDRESS.tag()))
            .isEqualTo(1.0));
        assertThat(counter(AsyncoroMeterNames.CONNECTIONS_REJECTED, "guarded", "reason",
                RejectReason.PROXY_PROTOCOL.tag())).isZero();
        assertThat(this.registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
            .noneMatch(tag -> tag.getValue().contains("127.0.0.1")));
    }

    @Test
    void countsConnectionsRejectedOverTheLimit() throws Exception {
        AsyncSocketServer server = start(EchoServers.echo("limited").maxConnections(1), "limited");
        try (AsyncSocket first = EchoServers.connect(server)) {
            first.setTimeout(WAIT);
            first.sendMsg(new byte[] { 1 });
            assertThat(first.recvMsg()).containsExactly(1);
            try (AsyncSocket second = EchoServers.connect(server)) {
                second.setTimeout(WAIT);
                await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(
                            counter(AsyncoroMeterNames.CONNECTIONS_REJECTED, "limited", "reason", "max-connections"))
                        .isEqualTo(1.0));
                // The refused client is closed; the served one goes on.
                assertThat(readUntilClosed(second)).isTrue();
            }
            first.sendMsg(new byte[] { 2 });
            assertThat(first.recvMsg()).containsExactly(2);
        }
        assertThat(counter(AsyncoroMeterNames.CONNECTIONS_ACCEPTED, "limited")).isEqualTo(1.0);
        for (RejectReason reason : RejectReason.values()) {
            if (reason != RejectReason.MAX_CONNECTIONS) {
                assertThat(counter(AsyncoroMeterNames.CONNECTIONS_REJECTED, "limited", "reason", reason.tag()))
                    .as(reason.tag())
                    .isZero();
            }
        }
    }

    private static boolean readUntilClosed(AsyncSocket socket) {
        try {
            return socket.recvMsg() == null;
        }
        catch (IOException ex) {
            // a reset is as good as an end of stream: the server closed it
            return !(ex instanceof java.net.SocketTimeoutException);
        }
    }

    @Test
    void countsAnOversizedFrameAsAnErrorOfThatConnectionOnly() throws Exception {
        AsyncSocketServer server = start(EchoServers.echo("small").maxMessageSize(16), "small");
        try (AsyncSocket bystander = EchoServers.connect(server); AsyncSocket offender = EchoServers.connect(server)) {
            bystander.setTimeout(WAIT);
            offender.setTimeout(WAIT);
            offender.sendMsg(new byte[17]);
            assertThat(readUntilClosed(offender)).isTrue();
            await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                        counter(AsyncoroMeterNames.ERRORS, "small", "kind", "message-too-large"))
                    .isEqualTo(1.0));
            bystander.sendMsg(new byte[16]);
            assertThat(bystander.recvMsg()).hasSize(16);
        }
        assertThat(server.isListening()).isTrue();
        // The header of the refused frame was read and counted; its payload never was.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(counter(AsyncoroMeterNames.MESSAGES_RECEIVED, "small")).isEqualTo(1.0);
            assertThat(counter(AsyncoroMeterNames.CONNECTIONS_ACCEPTED, "small")).isEqualTo(2.0);
        });
    }

    @Test
    void timesGoodAndFailedTlsHandshakes() throws Exception {
        AsyncSocketServer server = start(EchoServers.echo("secure").tls(TestTls.server()), "secure");
        try (AsyncSocket client = AsyncSocket.connectTls(EchoServers.address(server), WAIT, TestTls.client())) {
            client.setTimeout(WAIT);
            client.sendMsg("over tls".getBytes(StandardCharsets.UTF_8));
            assertThat(client.recvMsg()).asString(StandardCharsets.UTF_8).isEqualTo("over tls");
        }
        // A client speaking plain bytes to the TLS port fails the handshake.
        try (Socket plain = new Socket(EchoServers.address(server).getAddress(), server.localPort())) {
            plain.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = plain.getOutputStream();
            out.write(ByteBuffer.allocate(9).putInt(5).put("plain".getBytes(StandardCharsets.US_ASCII)).array());
            out.flush();
            drainUntilClosed(plain);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            var success = this.registry.get(AsyncoroMeterNames.TLS_HANDSHAKE).tags("server", "secure", "outcome", "success").timer();
            var failure = this.registry.get(AsyncoroMeterNames.TLS_HANDSHAKE).tags("server", "secure", "outcome", "failure").timer();
            assertThat(success.count()).isEqualTo(1);
            assertThat(success.totalTime(TimeUnit.NANOSECONDS)).isPositive();
            assertThat(failure.count()).isEqualTo(1);
            assertThat(counter(AsyncoroMeterNames.CONNECTIONS_REJECTED, "secure", "reason", "tls")).isEqualTo(1.0);
            assertThat(counter(AsyncoroMeterNames.ERRORS, "secure", "kind", "handshake")).isEqualTo(1.0);
            // Both were admitted (accepted counts before the handshake); both have closed.
            assertThat(counter(AsyncoroMeterNames.CONNECTIONS_ACCEPTED, "secure")).isEqualTo(2.0);
            assertThat(this.registry.get(AsyncoroMeterNames.CONNECTION_DURATION).tag("server", "secure").timer().count())
                .isEqualTo(2);
        });
        // Application bytes only: 4-byte header plus 8 payload bytes each way, no TLS records.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(counter(AsyncoroMeterNames.BYTES_RECEIVED, "secure")).isEqualTo(12.0);
            assertThat(counter(AsyncoroMeterNames.BYTES_SENT, "secure")).isEqualTo(12.0);
        });
        assertThat(server.isListening()).isTrue();
    }

    @Test
    void publishesMetersOnlyWhileTheServerRuns() throws Exception {
        MicrometerServerObserver observer = new MicrometerServerObserver(this.registry, "cycle");
        AsyncSocketServer first = EchoServers.echo("cycle").observer(observer).build();
        this.servers.add(first);
        assertThat(asyncoroMeters()).isEmpty();
        first.start();
        assertThat(this.registry.get(AsyncoroMeterNames.CONNECTIONS_ACCEPTED).tag("server", "cycle").functionCounter())
            .isNotNull();
        exchangeOne(first);
        assertThat(first.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(asyncoroMeters()).isEmpty();

        // The same observer serves a new server of the same name: fresh meters, counting from zero.
        AsyncSocketServer second = EchoServers.echo("cycle").observer(observer).build();
        this.servers.add(second);
        second.start();
        assertThat(counter(AsyncoroMeterNames.CONNECTIONS_ACCEPTED, "cycle")).isZero();
        exchangeOne(second);
        await().atMost(WAIT)
            .untilAsserted(() -> assertThat(counter(AsyncoroMeterNames.MESSAGES_RECEIVED, "cycle")).isEqualTo(1.0));
        second.stop(Duration.ofSeconds(5));
        assertThat(asyncoroMeters()).isEmpty();
    }

    /** Reads whatever alert the server sends until it closes the connection. */
    private static void drainUntilClosed(Socket socket) {
        try {
            while (socket.getInputStream().read() >= 0) {
                // discard
            }
        }
        catch (IOException closedByPeer) {
            // a reset ends the connection as well
        }
    }

    private static void exchangeOne(AsyncSocketServer server) throws IOException {
        try (AsyncSocket client = EchoServers.connect(server)) {
            client.setTimeout(WAIT);
            client.sendMsg(new byte[] { 42 });
            assertThat(client.recvMsg()).containsExactly(42);
        }
    }

    @Test
    void tagsOnlyWithTheDocumentedBoundedKeys() throws Exception {
        AsyncSocketServer plain = start(EchoServers.echo("plain").maxMessageSize(8), "plain");
        AsyncSocketServer secure = start(EchoServers.echo("tls").tls(TestTls.server()), "tls");
        exchangeOne(plain);
        try (AsyncSocket client = AsyncSocket.connectTls(EchoServers.address(secure), WAIT, TestTls.client())) {
            client.setTimeout(WAIT);
            client.sendMsg(new byte[] { 7 });
            assertThat(client.recvMsg()).containsExactly(7);
        }
        try (AsyncSocket offender = EchoServers.connect(plain)) {
            offender.setTimeout(WAIT);
            offender.sendMsg(new byte[9]);
            assertThat(readUntilClosed(offender)).isTrue();
        }
        new AsyncoroSchedulerMetrics(io.asyncoro.AsynCoro.instance()).bindTo(this.registry);
        await().atMost(WAIT)
            .untilAsserted(() -> assertThat(counter(AsyncoroMeterNames.ERRORS, "plain", "kind", "message-too-large"))
                .isEqualTo(1.0));

        List<Meter> meters = asyncoroMeters();
        assertThat(meters).hasSizeGreaterThan(40);
        Set<String> allowed = Set.of("server", "reason", "kind", "outcome");
        for (Meter meter : meters) {
            List<String> keys = meter.getId().getTags().stream().map(Tag::getKey).toList();
            assertThat(allowed).as(meter.getId().toString()).containsAll(keys);
            if (meter.getId().getName().startsWith("asyncoro.server.")) {
                assertThat(keys).as(meter.getId().toString()).contains("server");
            }
        }
        Set<String> servers = Set.copyOf(meters.stream()
            .map(m -> m.getId().getTag("server"))
            .filter(java.util.Objects::nonNull)
            .toList());
        assertThat(servers).containsExactlyInAnyOrder("plain", "tls");
        // Every reason and kind is present from the start, so scrapes show zeros instead of gaps.
        assertThat(this.registry.find(AsyncoroMeterNames.CONNECTIONS_REJECTED).tag("server", "plain").functionCounters())
            .hasSize(RejectReason.values().length);
        assertThat(this.registry.find(AsyncoroMeterNames.ERRORS).tag("server", "plain").functionCounters())
            .hasSize(ErrorKind.values().length);
    }

    @Test
    void countsDatagramsWithoutHeadersAndHandlerFailures() throws Exception {
        AsyncDatagramServer server = AsyncDatagramServer.builder()
            .name("udp")
            .address(InetAddress.getLoopbackAddress())
            .shutdownGracePeriod(Duration.ofSeconds(5))
            .observer(new MicrometerServerObserver(this.registry, "udp"))
            .handler((datagram, socket) -> {
                if (datagram.data().length == 0) {
                    throw new IllegalArgumentException("empty datagram refused");
                }
                socket.sendTo(datagram.data(), datagram.sender());
            })
            .build();
        server.start();
        try (AsyncSocket client = AsyncSocket.udp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setTimeout(WAIT);
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localPort());
            for (byte[] payload : new byte[][] { new byte[5], new byte[10] }) {
                client.sendTo(payload, target);
                assertThat(client.recvFrom(100).data()).hasSize(payload.length);
            }
            client.sendTo(new byte[0], target);
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(counter(AsyncoroMeterNames.ERRORS, "udp", "kind", "handler")).isEqualTo(1.0);
                assertThat(counter(AsyncoroMeterNames.MESSAGES_RECEIVED, "udp")).isEqualTo(3.0);
                assertThat(counter(AsyncoroMeterNames.MESSAGES_SENT, "udp")).isEqualTo(2.0);
                assertThat(counter(AsyncoroMeterNames.BYTES_RECEIVED, "udp")).isEqualTo(15.0);
                assertThat(counter(AsyncoroMeterNames.BYTES_SENT, "udp")).isEqualTo(15.0);
            });
            assertThat(this.registry.get(AsyncoroMeterNames.CONNECTIONS_ACTIVE).tag("server", "udp").gauge().value())
                .isZero();
        }
        finally {
            server.stop(Duration.ofSeconds(5));
        }
        assertThat(asyncoroMeters()).isEmpty();
    }

    private List<Meter> asyncoroMeters() {
        return this.registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("asyncoro.")).toList();
    }
}

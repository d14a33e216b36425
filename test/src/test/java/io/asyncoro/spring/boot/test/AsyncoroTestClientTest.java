package io.asyncoro.spring.boot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.mock.env.MockEnvironment;

import io.asyncoro.AsynCoro;
import io.asyncoro.net.Framing;
import io.asyncoro.net.SslContexts;
import io.asyncoro.net.TlsClientConfig;
import io.asyncoro.net.TlsServerConfig;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.ConnectionHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AsyncoroTestClient} against real core servers on loopback, found the way a Spring test finds them:
 * through the properties a running context has (here set on a {@link MockEnvironment}).
 */
@Timeout(30)
class AsyncoroTestClientTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final AsynCoro asyncoro = new AsynCoro("test-client-test");
    private final List<AsyncSocketServer> servers = new ArrayList<>();
    private final MockEnvironment environment = new MockEnvironment();

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(Duration.ofSeconds(2)));
        asyncoro.close(Duration.ofSeconds(5));
    }

    @Test
    void echoesMessagesInAsyncoroFraming() {
        serve("echo", Framing.MESSAGE, echo(Framing.MESSAGE));
        try (AsyncoroTestClient client = AsyncoroTestClient.connect(environment, "echo")) {
            assertThat(client.framing()).isEqualTo(Framing.MESSAGE);
            client.send("hello").send("wörld".getBytes(StandardCharsets.UTF_8)).expect("hello", "wörld");
            client.send("again");
            assertThat(client.receive()).isEqualTo("again");
        }
    }

    @Test
    void framingComesFromTheServersProperties() {
        serve("lines", Framing.LINE, socket -> {
            socket.sendLine(utf8("welcome"));
            echo(Framing.LINE).handle(socket);
        });
        environment.setProperty("asyncoro.servers.lines.framing", "line");
        try (AsyncoroTestClient client = AsyncoroTestClient.connect(environment, "lines")) {
            assertThat(client.framing()).isEqualTo(Framing.LINE);
            client.expect("welcome").send("a line").expect("a line");
        }
    }

    @Test
    void aServerBoundToEveryInterfaceIsReachedOnLoopback() {
        serve("echo", Framing.MESSAGE, echo(Framing.MESSAGE));
        environment.setProperty("asyncoro.servers.echo.address", "0.0.0.0");
        try (AsyncoroTestClient client = AsyncoroTestClient.connect(environment, "echo")) {
            assertThat(client.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
            client.send("ping").expect("ping");
        }
    }

    @Test
    void rawFramingMatchesExpectedTextHoweverTheStreamSplitsIt() {
        CountDownLatch firstHalfRead = new CountDownLatch(1);
        serve("raw", Framing.RAW, socket -> {
            socket.sendAll(utf8("hel"));
            // The rest only once the client has taken the first bytes, so they arrive as separate chunks.
            firstHalfRead.await(10, TimeUnit.SECONDS);
            socket.sendAll(utf8("lo world"));
            echo(Framing.RAW).handle(socket);
        });
        environment.setProperty("asyncoro.servers.raw.framing", "raw");
        try (AsyncoroTestClient client = AsyncoroTestClient.connect(environment, "raw")) {
            client.expect("hel");
            firstHalfRead.countDown();
            client.expect("lo", " world");
            client.send("x");
            assertThat(client.receiveBytes()).isEqualTo(utf8("x"));
        }
    }

    @Test
    void aWrongMessageFailsShowingWhatArrived() {
        serve("echo", Framing.MESSAGE, echo(Framing.MESSAGE));
        try (AsyncoroTestClient client = AsyncoroTestClient.connect(environment, "echo")) {
            client.send("first").expect("first");
            client.send("hello");
            assertThatThrownBy(() -> client.expect("bye"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("echo (127.0.0.1:")
                .hasMessageContaining("message framing")
                .hasMessageContaining("expected \"bye\" but received \"hello\"")
                .hasMessageContaining("received before (oldest first): [\"first\"]");
        }
    }

    @Test
    void aWrongRawReplyFailsAtTheFirstDifferentByte() {
        serve("raw", Framing.RAW, echo(Framing.RAW));
        environment.setProperty("asyncoro.servers.raw.framing", "RAW");
        try (AsyncoroTestClient client = AsyncoroTestClient.builder(environment, "raw").timeout(Duration.ofSeconds(20))
            .connect()) {
            client.send("help");
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.expect("hello world"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected \"hello world\" but received \"help\"");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void nothingArrivingFailsAfterTheTimeoutAndConsumesNothing() {
        CountDownLatch timedOut = new CountDownLatch(1);
        serve("slow", Framing.MESSAGE, socket -> {
            timedOut.await(10, TimeUnit.SECONDS);
            socket.sendMsg(utf8("late"));
            socket.recvMsg();
        });
        try (AsyncoroTestClient client = AsyncoroTestClient.builder(environment, "slow")
            .timeout(Duration.ofMillis(200)).connect()) {
            assertThatThrownBy(() -> client.expect("late"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected \"late\" but nothing arrived within PT0.2S");
            timedOut.countDown();
            assertThat(client.receive(Duration.ofSeconds(10))).isEqualTo("late");
        }
    }

    @Test
    void theServerClosingIsReported() {
        serve("bye", Framing.LINE, socket -> socket.sendLine(utf8("bye")));
        environment.setProperty("asyncoro.servers.bye.framing", "line");
        try (AsyncoroTestClient client = AsyncoroTestClient.connect(environment, "bye")) {
            client.expect("bye");
            assertThatThrownBy(client::receive)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected a message but the server closed the connection")
                .hasMessageContaining("[\"bye\"]");
        }
        try (AsyncoroTestClient client = AsyncoroTestClient.connect(environment, "bye")) {
            client.expect("bye").expectClosed();
        }
    }

    @Test
    void expectClosedFailsWhileTheServerStillTalks() {
        serve("echo", Framing.MESSAGE, echo(Framing.MESSAGE));
        try (AsyncoroTestClient client = AsyncoroTestClient.builder(environment, "echo")
            .timeout(Duration.ofMillis(200)).connect()) {
            client.send("still here");
            assertThatThrownBy(client::expectClosed)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected the server to close the connection but received \"still here\"");
            assertThatThrownBy(client::expectClosed)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but it was still open after PT0.2S");
        }
    }

    @Test
    void aServerThatHasNotStartedIsNamedInTheError() {
        assertThatThrownBy(() -> AsyncoroTestClient.connect(environment, "missing"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("local.asyncoro.servers.missing.port is not set");
    }

    @Test
    void anUnknownFramingIsNamedInTheError() {
        environment.setProperty("local.asyncoro.servers.odd.port", "1");
        environment.setProperty("asyncoro.servers.odd.framing", "json");
        assertThatThrownBy(() -> AsyncoroTestClient.connect(environment, "odd"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("asyncoro.servers.odd.framing=json is not message, line or raw");
    }

    @Test
    void aRefusedConnectionIsReportedWithTheServer() throws IOException {
        // A socket bound but not listening holds the port, so nothing else on the machine can answer on it.
        try (Socket notListening = new Socket()) {
            notListening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            environment.setProperty("local.asyncoro.servers.gone.port", Integer.toString(notListening.getLocalPort()));
            assertThatThrownBy(() -> AsyncoroTestClient.connect(environment, "gone"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("could not connect to gone (127.0.0.1:" + notListening.getLocalPort());
        }
    }

    @Test
    void speaksTlsToATlsServer() throws IOException {
        TlsServerConfig tls = TlsServerConfig.builder()
            .sslContext(SslContexts.forServer(resource("server.p12"), "PKCS12", PASSWORD)).build();
        serve("secure", Framing.MESSAGE, echo(Framing.MESSAGE), tls);
        environment.setProperty("asyncoro.servers.secure.ssl.enabled", "true");

        assertThatThrownBy(() -> AsyncoroTestClient.connect(environment, "secure"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("speaks TLS")
            .hasMessageContaining(".tls(config)");

        SSLContext trusting = SslContexts.trusting(resource("truststore.p12"), "PKCS12", PASSWORD);
        TlsClientConfig client = TlsClientConfig.builder().sslContext(trusting).serverName("localhost").build();
        try (AsyncoroTestClient secure = AsyncoroTestClient.connect(environment, "secure", client)) {
            assertThat(secure.socket().isTls()).isTrue();
            secure.send("secret").expect("secret");
        }
    }

    @Test
    void connectsByAddressWithoutAnEnvironment() {
        AsyncSocketServer server = serve("plain", Framing.LINE, echo(Framing.LINE));
        try (AsyncoroTestClient client = AsyncoroTestClient.builder("127.0.0.1", server.localPort(), Framing.LINE)
            .connect()) {
            client.send("by address").expect("by address");
            assertThat(client).hasToString("AsyncoroTestClient to (127.0.0.1:" + server.localPort() + ", line framing)");
        }
    }

    // ---------------------------------------------------------------- servers

    private AsyncSocketServer serve(String name, Framing framing, ConnectionHandler handler) {
        return serve(name, framing, handler, null);
    }

    /** Starts a core server on a free loopback port and publishes its port as a Spring context would. */
    private AsyncSocketServer serve(String name, Framing framing, ConnectionHandler handler, TlsServerConfig tls) {
        AsyncSocketServer.Builder builder = AsyncSocketServer.builder().name(name)
            .address(InetAddress.getLoopbackAddress()).port(0).asyncoro(asyncoro).handler(handler);
        if (tls != null) {
            builder.tls(tls);
        }
        AsyncSocketServer server = builder.build();
        try {
            server.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        servers.add(server);
        environment.setProperty("local.asyncoro.servers." + name + ".port", Integer.toString(server.localPort()));
        return server;
    }

    private static ConnectionHandler echo(Framing framing) {
        return socket -> {
            byte[] message;
            while ((message = framing.read(socket, 8192)) != null) {
                framing.write(socket, message);
            }
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Path resource(String name) {
        try {
            return Path.of(AsyncoroTestClientTest.class.getResource("/tls/" + name).toURI());
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

}

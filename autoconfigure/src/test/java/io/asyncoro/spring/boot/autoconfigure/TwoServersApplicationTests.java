package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.MessageTooLargeException;
import io.asyncoro.spring.annotation.OnConnect;
import io.asyncoro.spring.annotation.OnDisconnect;
import io.asyncoro.spring.annotation.OnError;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.boot.test.LocalAsyncoroServerPort;
import io.asyncoro.spring.connection.AsyncConnection;
import io.asyncoro.spring.connection.ConnectionRegistry;
import io.asyncoro.spring.server.AsyncSocketServerStartedEvent;
import io.asyncoro.spring.server.AsyncoroServers;

/**
 * A Boot application with two servers: {@code secure} (TLS from an SSL bundle, coroutine handlers, message
 * framing) and {@code plain} (blocking mode, line framing, JSON payloads), each served by an annotated
 * controller, talked to by core {@link AsyncSocket} clients.
 */
@SpringBootTest(classes = TwoServersApplicationTests.App.class, properties = {
        "spring.ssl.bundle.jks.chat-tls.keystore.location=classpath:tls/server.p12",
        "spring.ssl.bundle.jks.chat-tls.keystore.password=changeit",
        "spring.ssl.bundle.jks.chat-tls.keystore.type=PKCS12",
        "asyncoro.servers.secure.port=0", "asyncoro.servers.secure.address=127.0.0.1",
        "asyncoro.servers.secure.max-message-size=1KB",
        "asyncoro.servers.secure.ssl.enabled=true", "asyncoro.servers.secure.ssl.bundle=chat-tls",
        "asyncoro.servers.plain.port=0", "asyncoro.servers.plain.address=127.0.0.1",
        "asyncoro.servers.plain.blocking=true", "asyncoro.servers.plain.framing=line" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TwoServersApplicationTests {

    @LocalAsyncoroServerPort("secure")
    int securePort;

    @LocalAsyncoroServerPort("plain")
    int plainPort;

    @Autowired
    SecureController secure;

    @Autowired
    PlainController plain;

    @Autowired
    ConnectionRegistry registry;

    @Autowired
    StartedServers started;

    @Autowired
    AsyncoroServers servers;

    @Test
    void publishesEachServersPortAndStartedEvent() {
        assertThat(this.securePort).isPositive();
        assertThat(this.plainPort).isPositive().isNotEqualTo(this.securePort);
        assertThat(this.started.ports).containsEntry("secure", this.securePort).containsEntry("plain", this.plainPort);
        assertThat(this.servers.names()).containsExactly("secure", "plain");
        assertThat(this.servers.find("secure").orElseThrow().isTls()).isTrue();
        assertThat(this.servers.find("plain").orElseThrow().isBlocking()).isTrue();
    }

    @Test
    void tlsServerGreetsRepliesOnAVirtualThreadAndTracksTheConnection() throws Exception {
        String id;
        try (AsyncSocket client = TestClients.connectTls(this.securePort)) {
            String greeting = TestClients.text(client.recvMsg());
            assertThat(greeting).startsWith("welcome ");
            id = greeting.substring("welcome ".length());
            client.sendMsg(TestClients.utf8("hello"));
            assertThat(TestClients.text(client.recvMsg())).isEqualTo("secure says: hello");
            assertThat(this.secure.onVirtualThread).containsOnly(true);
            assertThat(this.registry.find("secure", id)).isPresent();
            // A broadcast through the registry reaches the client through its send queue.
            assertThat(this.registry.broadcast("secure", "to all")).isEqualTo(1);
            assertThat(TestClients.text(client.recvMsg())).isEqualTo("to all");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(this.secure.disconnected).contains(id);
            assertThat(this.registry.find("secure", id)).isEmpty();
        });
    }

    @Test
    void blockingServerRunsHandlersOnPlatformThreadsAndConvertsJson() throws Exception {
        try (AsyncSocket client = TestClients.connect(this.plainPort)) {
            client.sendLine(TestClients.utf8("{\"name\":\"ada\",\"count\":2}"));
            assertThat(TestClients.text(client.recvLine())).isEqualTo("{\"name\":\"ADA\",\"count\":3}");
            client.sendLine(TestClients.utf8("{\"name\":\"bob\",\"count\":0}"));
            assertThat(TestClients.text(client.recvLine())).isEqualTo("{\"name\":\"BOB\",\"count\":1}");
        }
        assertThat(this.plain.onVirtualThread).isNotEmpty().containsOnly(false);
    }

    @Test
    void anOversizedMessageClosesOnlyThatConnectionAndReachesOnError() throws Exception {
        try (AsyncSocket good = TestClients.connectTls(this.securePort);
                AsyncSocket bad = TestClients.connectTls(this.securePort)) {
            good.recvMsg();
            bad.recvMsg();
            bad.sendMsg(new byte[4096]);
            await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(this.secure.errors).hasAtLeastOneElementOfType(MessageTooLargeException.class));
            assertThat(readUntilClosed(bad)).isTrue();
            good.sendMsg(TestClients.utf8("still here"));
            assertThat(TestClients.text(good.recvMsg())).isEqualTo("secure says: still here");
        }
    }

    private static boolean readUntilClosed(AsyncSocket socket) {
        try {
            return socket.recvMsg() == null;
        }
        catch (IOException ex) {
            return true;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        SecureController secureController() {
            return new SecureController();
        }

        @Bean
        PlainController plainController() {
            return new PlainController();
        }

        @Bean
        StartedServers startedServers() {
            return new StartedServers();
        }
    }

    static class StartedServers {

        final Map<String, Integer> ports = new ConcurrentHashMap<>();

        @EventListener
        void started(AsyncSocketServerStartedEvent event) {
            this.ports.put(event.getServerName(), event.getPort());
        }
    }

    @SocketController("secure")
    static class SecureController {

        final List<Boolean> onVirtualThread = new CopyOnWriteArrayList<>();

        final Set<String> disconnected = ConcurrentHashMap.newKeySet();

        final List<Throwable> errors = new CopyOnWriteArrayList<>();

        @OnConnect
        String joined(AsyncConnection connection) {
            return "welcome " + connection.id();
        }

        @OnMessage
        String said(String text, AsyncConnection connection) {
            this.onVirtualThread.add(Thread.currentThread().isVirtual());
            return "secure says: " + text;
        }

        @OnError
        void failed(AsyncConnection connection, Throwable failure) {
            this.errors.add(failure);
        }

        @OnDisconnect
        void left(AsyncConnection connection) {
            this.disconnected.add(connection.id());
        }
    }

    record Tally(String name, int count) {
    }

    @SocketController("plain")
    static class PlainController {

        final List<Boolean> onVirtualThread = new CopyOnWriteArrayList<>();

        @OnMessage
        Tally counted(Tally tally) {
            this.onVirtualThread.add(Thread.currentThread().isVirtual());
            return new Tally(tally.name().toUpperCase(java.util.Locale.ROOT), tally.count() + 1);
        }
    }
}

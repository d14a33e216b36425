package io.asyncoro.spring.boot.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.util.unit.DataSize;

import io.asyncoro.AsynCoro;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.ClientAuth;
import io.asyncoro.net.Framing;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.spring.boot.autoconfigure.AsyncoroProperties;
import io.asyncoro.spring.boot.autoconfigure.endpoint.AsyncoroEndpoint.AsyncoroDescriptor;
import io.asyncoro.spring.boot.autoconfigure.endpoint.AsyncoroEndpoint.ServerDescriptor;
import io.asyncoro.spring.boot.autoconfigure.testsupport.EchoServers;
import io.asyncoro.spring.boot.autoconfigure.testsupport.TestAsyncoroServers;
import io.asyncoro.spring.boot.autoconfigure.testsupport.TestTls;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncoroEndpointTest {

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : this.closeables.reversed()) {
            c.close();
        }
    }

    @Test
    void describesServersAndSchedulerWithoutSecrets() throws Exception {
        AsynCoro asyncoro = new AsynCoro("endpoint-test");
        this.closeables.add(asyncoro);
        AsyncoroProperties.Server chatProperties = new AsyncoroProperties.Server();
        chatProperties.setFraming(Framing.MESSAGE);
        chatProperties.setMaxConnections(3);
        chatProperties.setMaxMessageSize(DataSize.ofKilobytes(64));
        chatProperties.setIdleTimeout(Duration.ofSeconds(90));
        chatProperties.setBacklog(16);
        AsyncoroProperties.Server secureProperties = new AsyncoroProperties.Server();
        secureProperties.setFraming(Framing.LINE);
        secureProperties.setBlocking(true);
        secureProperties.getSsl().setEnabled(true);
        secureProperties.getSsl().setKeyStore("classpath:tls/server.p12");
        secureProperties.getSsl().setKeyStorePassword("s3cret-store");
        secureProperties.getSsl().setKeyPassword("s3cret-key");
        secureProperties.getSsl().setTrustStorePassword("s3cret-trust");
        secureProperties.getSsl().setClientAuth(ClientAuth.WANT);

        AsyncSocketServer chat = EchoServers.echo("chat")
            .asyncoro(asyncoro)
            .maxConnections(3)
            .maxMessageSize(64 * 1024)
            .idleTimeout(Duration.ofSeconds(90))
            .build();
        AsyncSocketServer secure = EchoServers.echo("secure").asyncoro(asyncoro).tls(TestTls.server()).blocking(true).build();
        this.closeables.add(chat);
        this.closeables.add(secure);
        chat.start();
        secure.start();
        AsyncoroProperties.Server laterProperties = new AsyncoroProperties.Server();
        laterProperties.setPort(4000);
        TestAsyncoroServers servers = new TestAsyncoroServers().add("chat", chatProperties, chat)
            .add("secure", secureProperties, secure)
            .configure("later", laterProperties);
        AsyncoroEndpoint endpoint = new AsyncoroEndpoint(servers, servers.properties(), asyncoro);

        try (AsyncSocket client = EchoServers.connect(chat)) {
            client.setTimeout(Duration.ofSeconds(10));
            client.sendMsg("a payload nobody may see".getBytes());
            client.recvMsg();
            await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(endpoint.asyncoro().servers().get("chat").connections().active())
                    .isEqualTo(1));
            AsyncoroDescriptor descriptor = endpoint.asyncoro();
            String json = JsonMapper.builder().build().writeValueAsString(descriptor);
            JsonNode root = JsonMapper.builder().build().readTree(json);

            JsonNode chatNode = root.get("servers").get("chat");
            assertThat(chatNode.get("address").asString()).isEqualTo("127.0.0.1");
            assertThat(chatNode.get("port").asInt()).isEqualTo(chat.localPort());
            assertThat(chatNode.get("protocol").asString()).isEqualTo("tcp");
            assertThat(chatNode.get("running").asBoolean()).isTrue();
            assertThat(chatNode.get("listening").asBoolean()).isTrue();
            assertThat(chatNode.get("blocking").asBoolean()).isFalse();
            assertThat(chatNode.get("framing").asString()).isEqualTo("message");
            assertThat(chatNode.get("tls").get("enabled").asBoolean()).isFalse();
            assertThat(chatNode.get("limits").get("maxMessageSize").asLong()).isEqualTo(65536);
            assertThat(chatNode.get("limits").get("maxConnections").asInt()).isEqualTo(3);
            assertThat(chatNode.get("limits").get("idleTimeout").asString()).isEqualTo("PT1M30S");
            assertThat(chatNode.get("limits").get("backlog").asInt()).isEqualTo(16);
            assertThat(chatNode.get("connections").get("active").asInt()).isEqualTo(1);
            assertThat(chatNode.get("connections").get("max").asInt()).isEqualTo(3);

            JsonNode secureNode = root.get("servers").get("secure");
            assertThat(secureNode.get("port").asInt()).isEqualTo(secure.localPort());
            assertThat(secureNode.get("blocking").asBoolean()).isTrue();
            assertThat(secureNode.get("framing").asString()).isEqualTo("line");
            assertThat(secureNode.get("tls").get("enabled").asBoolean()).isTrue();
            assertThat(secureNode.get("tls").get("clientAuth").asString()).isEqualTo("want");
            assertThat(secureNode.get("tls").get("protocols").toString()).isEqualTo("[\"TLSv1.3\",\"TLSv1.2\"]");

            JsonNode laterNode = root.get("servers").get("later");
            assertThat(laterNode.get("port").asInt()).isEqualTo(4000);
            assertThat(laterNode.get("running").asBoolean()).isFalse();
            assertThat(laterNode.get("listening").asBoolean()).isFalse();

            // accept loops of both servers and the connection's coroutine
            assertThat(root.get("scheduler").get("name").asString()).isEqualTo("endpoint-test");
            assertThat(root.get("scheduler").get("activeCoroutines").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(root.get("scheduler").get("startedCoroutines").asLong()).isGreaterThanOrEqualTo(3);

            assertThat(json).doesNotContain("s3cret", "server.p12", "payload", "Password", "password");
        }
        chat.stop(Duration.ofSeconds(5));
        ServerDescriptor stopped = endpoint.asyncoro().servers().get("chat");
        assertThat(stopped.running()).isFalse();
        assertThat(stopped.listening()).isFalse();
    }

    @Test
    void describesServersWithoutAScheduler() {
        AsyncoroProperties.Server properties = new AsyncoroProperties.Server();
        AsyncoroDescriptor descriptor = endpoint(new TestAsyncoroServers().configure("only", properties))
            .asyncoro();
        assertThat(descriptor.scheduler()).isNull();
        assertThat(descriptor.servers()).containsOnlyKeys("only");
        assertThat(descriptor.servers().get("only").limits().maxMessageSize()).isEqualTo(1024 * 1024);
    }

    private static AsyncoroEndpoint endpoint(TestAsyncoroServers servers) {
        return new AsyncoroEndpoint(servers, servers.properties(), null);
    }
}

package io.asyncoro.spring.boot.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.boot.autoconfigure.testsupport.TestTls;
import io.asyncoro.spring.server.AsyncoroServers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole Boot application with actuator, the Prometheus registry and an embedded web server: the asyncoro
 * meters, health component and endpoint as an operator reaches them over HTTP.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AsyncoroActuatorEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();

    private static ConfigurableApplicationContext context;

    private static int httpPort;

    @BeforeAll
    static void startApplication() {
        context = new SpringApplicationBuilder(ChatApplication.class).properties(
                "server.port=0",
                "server.address=127.0.0.1",
                "spring.main.banner-mode=off",
                "management.endpoints.web.exposure.include=health,metrics,prometheus,asyncoro",
                "management.endpoint.health.show-details=always",
                "asyncoro.servers.chat.port=0",
                "asyncoro.servers.chat.address=127.0.0.1",
                "asyncoro.servers.chat.max-connections=100",
                "asyncoro.servers.chat.max-message-size=1KB",
                "asyncoro.servers.chat.shutdown-grace-period=2s",
                "asyncoro.servers.secure.port=0",
                "asyncoro.servers.secure.address=127.0.0.1",
                "asyncoro.servers.secure.framing=line",
                "asyncoro.servers.secure.shutdown-grace-period=2s",
                "asyncoro.servers.secure.ssl.enabled=true",
                "asyncoro.servers.secure.ssl.key-store=classpath:tls/server.p12",
                "asyncoro.servers.secure.ssl.key-store-password=" + TestTls.PASSWORD)
            .run();
        httpPort = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void closeApplication() {
        if (context != null) {
            context.close();
        }
    }

    private static int asyncoroPort(String server) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.asyncoro.servers." + server + ".port"));
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(WAIT)
            .GET()
            .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static double metric(String name, String server) throws IOException, InterruptedException {
        JsonNode measurements = json("/actuator/metrics/" + name + "?tag=server:" + server).get("measurements");
        return measurements.get(0).get("value").asDouble();
    }

    @Test
    @Order(1)
    void metersCountTrafficAtTheMetricsEndpointAndInThePrometheusScrape() throws Exception {
        int port = asyncoroPort("chat");
        try (AsyncSocket client = AsyncSocket.connect(new InetSocketAddress("127.0.0.1", port), WAIT)) {
            client.setTimeout(WAIT);
            for (String text : List.of("one", "two", "three")) {
                client.sendMsg(text.getBytes(StandardCharsets.UTF_8));
                assertThat(new String(client.recvMsg(), StandardCharsets.UTF_8)).isEqualTo("echo: " + text);
            }
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(metric("asyncoro.server.messages.received", "chat")).isEqualTo(3.0);
                assertThat(metric("asyncoro.server.messages.sent", "chat")).isEqualTo(3.0);
                assertThat(metric("asyncoro.server.connections.active", "chat")).isEqualTo(1.0);
            });
        }
        // received: 3 headers + "onetwothree"; sent: 3 headers + "echo: " three times + the texts
        double received = 3 * 4 + "onetwothree".length();
        double sent = 3 * 4 + 3 * "echo: ".length() + "onetwothree".length();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(metric("asyncoro.server.bytes.received", "chat")).isEqualTo(received);
            assertThat(metric("asyncoro.server.bytes.sent", "chat")).isEqualTo(sent);
            assertThat(metric("asyncoro.server.connections.accepted", "chat")).isEqualTo(1.0);
            assertThat(metric("asyncoro.server.connections.active", "chat")).isZero();
        });
        assertThat(json("/actuator/metrics/asyncoro.server.bytes.received").get("baseUnit").asString())
            .isEqualTo("bytes");
        assertThat(json("/actuator/metrics/asyncoro.coroutines.active").get("measurements").get(0).get("value")
            .asDouble()).isPositive();
        assertThat(json("/actuator/metrics/asyncoro.coroutines.started").get("measurements").get(0).get("value")
            .asDouble()).isGreaterThanOrEqualTo(3.0);

        String scrape = get("/actuator/prometheus").body();
        assertThat(scrape).contains("asyncoro_server_messages_received_total{server=\"chat\"} 3.0")
            .contains("asyncoro_server_bytes_received_bytes_total{server=\"chat\"} " + received)
            .contains("asyncoro_server_connections_rejected_total{reason=\"max-connections\",server=\"chat\"} 0.0")
            .contains("asyncoro_server_errors_total{kind=\"message-too-large\",server=\"chat\"} 0.0")
            .contains("asyncoro_server_connection_duration_seconds_count{server=\"chat\"} 1")
            .contains("asyncoro_server_tls_handshake_seconds_count{outcome=\"success\",server=\"secure\"} 0")
            .contains("asyncoro_coroutines_active ")
            .contains("asyncoro_coroutines_started_total ");
    }

    @Test
    @Order(2)
    void metersCarryOnlyTheDocumentedTags() throws Exception {
        List<String> names = new ArrayList<>();
        json("/actuator/metrics").get("names").forEach(n -> names.add(n.asString()));
        List<String> asyncoro = names.stream().filter(n -> n.startsWith("asyncoro.")).toList();
        assertThat(asyncoro).contains("asyncoro.server.connections.active", "asyncoro.server.connections.accepted",
                "asyncoro.server.connections.rejected", "asyncoro.server.connection.duration",
                "asyncoro.server.bytes.received", "asyncoro.server.bytes.sent", "asyncoro.server.messages.received",
                "asyncoro.server.messages.sent", "asyncoro.server.errors", "asyncoro.server.tls.handshake",
                "asyncoro.coroutines.active", "asyncoro.coroutines.started");
        for (String name : asyncoro) {
            List<String> keys = new ArrayList<>();
            json("/actuator/metrics/" + name).get("availableTags").forEach(t -> keys.add(t.get("tag").asString()));
            assertThat(Set.of("server", "reason", "kind", "outcome")).as(name).containsAll(keys);
        }
    }


    @Test
    @Order(3)
    void rejectionsAndErrorsAreCountedByKind() throws Exception {
        InetSocketAddress chat = new InetSocketAddress("127.0.0.1", asyncoroPort("chat"));
        try (AsyncSocket offender = AsyncSocket.connect(chat, WAIT)) {
            offender.setTimeout(WAIT);
            offender.sendMsg(new byte[1025]);
            try {
                assertThat(offender.recvMsg()).isNull();
            }
            catch (java.net.SocketTimeoutException stillOpen) {
                throw stillOpen;
            }
            catch (IOException reset) {
                // closed with the refused payload unread: Linux answers with a reset
            }
        }
        try (java.net.Socket plain = new java.net.Socket("127.0.0.1", asyncoroPort("secure"))) {
            plain.setSoTimeout((int) WAIT.toMillis());
            plain.getOutputStream().write("not a TLS client hello\n".getBytes(StandardCharsets.US_ASCII));
            try {
                while (plain.getInputStream().read() >= 0) {
                    // the server's alert, then its close
                }
            }
            catch (IOException reset) {
                // a reset ends it too
            }
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(json("/actuator/metrics/asyncoro.server.errors?tag=server:chat&tag=kind:message-too-large")
                .get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
            assertThat(json("/actuator/metrics/asyncoro.server.connections.rejected?tag=server:secure&tag=reason:tls")
                .get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
            assertThat(json("/actuator/metrics/asyncoro.server.tls.handshake?tag=server:secure&tag=outcome:failure")
                .get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
        });
        assertThat(json("/actuator/metrics/asyncoro.server.errors?tag=server:chat").get("measurements").get(0)
            .get("value").asDouble()).isEqualTo(1.0);
    }

    @Test
    @Order(4)
    void healthHasAnAsyncoroComponent() throws Exception {
        JsonNode asyncoro = json("/actuator/health").get("components").get("asyncoro");
        assertThat(asyncoro.get("status").asString()).isEqualTo("UP");
        JsonNode chat = asyncoro.get("details").get("servers").get("chat");
        assertThat(chat.get("state").asString()).isEqualTo("listening");
        assertThat(chat.get("port").asInt()).isEqualTo(asyncoroPort("chat"));
        assertThat(chat.get("tls").asBoolean()).isFalse();
        assertThat(chat.get("maxConnections").asInt()).isEqualTo(100);
        JsonNode secure = asyncoro.get("details").get("servers").get("secure");
        assertThat(secure.get("tls").asBoolean()).isTrue();
        assertThat(secure.get("port").asInt()).isEqualTo(asyncoroPort("secure"));
    }

    @Test
    @Order(5)
    void endpointDescribesTheServersWithoutSecrets() throws Exception {
        HttpResponse<String> response = get("/actuator/asyncoro");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(TestTls.PASSWORD, "server.p12");
        JsonNode root = JSON.readTree(response.body());
        JsonNode chat = root.get("servers").get("chat");
        assertThat(chat.get("address").asString()).isEqualTo("127.0.0.1");
        assertThat(chat.get("port").asInt()).isEqualTo(asyncoroPort("chat"));
        assertThat(chat.get("protocol").asString()).isEqualTo("tcp");
        assertThat(chat.get("framing").asString()).isEqualTo("message");
        assertThat(chat.get("listening").asBoolean()).isTrue();
        assertThat(chat.get("limits").get("maxMessageSize").asLong()).isEqualTo(1024);
        assertThat(chat.get("connections").get("max").asInt()).isEqualTo(100);
        JsonNode secure = root.get("servers").get("secure");
        assertThat(secure.get("framing").asString()).isEqualTo("line");
        assertThat(secure.get("tls").get("enabled").asBoolean()).isTrue();
        assertThat(secure.get("tls").get("protocols").toString()).isEqualTo("[\"TLSv1.3\",\"TLSv1.2\"]");
        assertThat(root.get("scheduler").get("activeCoroutines").asInt()).isPositive();
    }

    @Test
    @Order(5)
    void endpointListsWhoIsConnectedToAServerWithAddressesBytesAndTls() throws Exception {
        try (AsyncSocket plain = AsyncSocket.connect(new InetSocketAddress("127.0.0.1", asyncoroPort("chat")), WAIT);
                AsyncSocket tls = AsyncSocket.connectTls(new InetSocketAddress("127.0.0.1", asyncoroPort("secure")),
                        WAIT, TestTls.client())) {
            plain.setTimeout(WAIT);
            tls.setTimeout(WAIT);
            plain.sendMsg("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(plain.recvMsg(), StandardCharsets.UTF_8)).isEqualTo("echo: hello");
            // Only connected: a later test expects the secure server to have received no message.
            await("the TLS connection to be listed").atMost(WAIT)
                .until(() -> json("/actuator/asyncoro/secure").get("total").asInt() == 1);

            JsonNode chat = json("/actuator/asyncoro/chat");
            assertThat(chat.get("server").asString()).isEqualTo("chat");
            assertThat(chat.get("total").asInt()).isEqualTo(1);
            JsonNode connection = chat.get("connections").get(0);
            assertThat(connection.get("remoteAddress").asString())
                .isEqualTo("127.0.0.1:" + plain.localAddress().getPort());
            assertThat(connection.get("localAddress").asString()).isEqualTo("127.0.0.1:" + asyncoroPort("chat"));
            assertThat(connection.get("bytesIn").asLong()).isEqualTo(4 + "hello".length());
            assertThat(connection.get("bytesOut").asLong()).isEqualTo(4 + "echo: hello".length());
            assertThat(connection.get("openedAt").isNull()).isFalse();
            assertThat(connection.has("tlsProtocol")).as("no TLS, no protocol").isFalse();

            JsonNode secure = json("/actuator/asyncoro/secure").get("connections").get(0);
            assertThat(secure.get("tlsProtocol").asString()).startsWith("TLSv1.");
            assertThat(secure.get("remoteAddress").asString()).isEqualTo("127.0.0.1:" + tls.localAddress().getPort());
        }
        assertThat(get("/actuator/asyncoro/nosuchserver").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void healthGoesDownAndMetersGoAwayWhenAServerStops() throws Exception {
        AsyncoroServers servers = context.getBean(AsyncoroServers.class);
        AsyncSocketServer chat = (AsyncSocketServer) servers.find("chat").orElseThrow();
        chat.stop(Duration.ofSeconds(2));

        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode asyncoro = JSON.readTree(health.body()).get("components").get("asyncoro");
        assertThat(asyncoro.get("status").asString()).isEqualTo("DOWN");
        assertThat(asyncoro.get("details").get("servers").get("chat").get("state").asString()).isEqualTo("stopped");
        assertThat(asyncoro.get("details").get("servers").get("secure").get("state").asString())
            .isEqualTo("listening");

        assertThat(get("/actuator/metrics/asyncoro.server.messages.received?tag=server:chat").statusCode())
            .isEqualTo(404);
        assertThat(metric("asyncoro.server.messages.received", "secure")).isZero();
        assertThat(get("/actuator/prometheus").body()).doesNotContain("server=\"chat\"")
            .contains("server=\"secure\"");
        assertThat(json("/actuator/asyncoro").get("servers").get("chat").get("listening").asBoolean()).isFalse();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ ChatController.class, SecureController.class })
    static class ChatApplication {
    }

    @SocketController("chat")
    static class ChatController {

        @OnMessage
        String said(String text) {
            return "echo: " + text;
        }
    }

    @SocketController("secure")
    static class SecureController {

        @OnMessage
        String said(String text) {
            return text;
        }
    }
}

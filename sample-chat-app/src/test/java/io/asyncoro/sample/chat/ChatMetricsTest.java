package io.asyncoro.sample.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.asyncoro.spring.boot.test.LocalAsyncoroServerPort;

import com.jayway.jsonpath.JsonPath;

/** The asyncoro meters and health component, read over HTTP from the actuator as an operator would. */
@ChatAppTest
class ChatMetricsTest {

    @LocalAsyncoroServerPort("chat")
    int chatPort;

    @LocalServerPort
    int httpPort;

    @Autowired
    ChatRoom room;

    Actuator actuator;

    @BeforeEach
    void setUp() {
        this.actuator = new Actuator(this.httpPort);
        ChatRoomAssertions.awaitEmpty(this.room);
    }

    @AfterEach
    void emptyRoom() {
        ChatRoomAssertions.awaitEmpty(this.room);
    }

    @Test
    void messagesReceivedCountsWhatTheClientsSent() throws Exception {
        double before = this.actuator.count("asyncoro.server.messages.received", "server:chat");
        try (ChatTestClient a = ChatTestClient.join(this.chatPort); ChatTestClient b = ChatTestClient.join(this.chatPort)) {
            a.expect(b.number() + " joined");
            for (int i = 0; i < 3; i++) {
                a.say("from a " + i);
                b.expect(a.number() + " says: from a " + i);
            }
            for (int i = 0; i < 2; i++) {
                b.say("from b " + i);
                a.expect(b.number() + " says: from b " + i);
            }
        }
        // Each message was relayed, so the server had counted it: nothing but the five arrive.
        assertThat(this.actuator.count("asyncoro.server.messages.received", "server:chat")).isEqualTo(before + 5);
    }

    @Test
    void prometheusScrapeShowsTheAsyncoroMeters() throws Exception {
        try (ChatTestClient a = ChatTestClient.join(this.chatPort)) {
            a.say("for the scrape");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> scrape = this.actuator.get("prometheus");
                assertThat(scrape.statusCode()).isEqualTo(200);
                assertThat(scrape.body()).containsPattern("asyncoro_server_messages_received_total\\{[^}]*server=\"chat\"")
                    .containsPattern("asyncoro_server_connections_active\\{[^}]*server=\"chat\"[^}]*\\} 1");
            });
        }
    }

    @Test
    void healthHasAnAsyncoroComponentForTheChatServer() throws Exception {
        HttpResponse<String> health = this.actuator.get("health");
        assertThat(health.statusCode()).isEqualTo(200);
        String body = health.body();
        assertThat(JsonPath.<String>read(body, "$.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(body, "$.components.asyncoro.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(body, "$.components.asyncoro.details.servers.chat.state")).isEqualTo("listening");
        assertThat(JsonPath.<Integer>read(body, "$.components.asyncoro.details.servers.chat.port")).isEqualTo(this.chatPort);
        assertThat(JsonPath.<Integer>read(body, "$.components.asyncoro.details.servers.chat.maxConnections"))
            .isEqualTo(10_000);
    }

    @Test
    void theAsyncoroEndpointShowsTheChatLimits() throws Exception {
        HttpResponse<String> described = this.actuator.get("asyncoro");
        assertThat(described.statusCode()).isEqualTo(200);
        String chat = "$.servers.chat.";
        assertThat(JsonPath.<Integer>read(described.body(), chat + "port")).isEqualTo(this.chatPort);
        assertThat(JsonPath.<String>read(described.body(), chat + "framing")).isEqualTo("message");
        assertThat(JsonPath.<Integer>read(described.body(), chat + "limits.maxMessageSize")).isEqualTo(65536);
        assertThat(JsonPath.<String>read(described.body(), chat + "limits.idleTimeout")).isEqualTo("PT10M");
        assertThat(JsonPath.<Integer>read(described.body(), chat + "limits.maxConnections")).isEqualTo(10_000);
    }

    @Test
    void infoNamesTheAppAndItsBuild() throws Exception {
        HttpResponse<String> info = this.actuator.get("info");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(info.body(), "$.app.name")).isEqualTo("sample-chat-app");
        assertThat(JsonPath.<String>read(info.body(), "$.build.artifact")).isEqualTo("sample-chat-app");
        assertThat(JsonPath.<String>read(info.body(), "$.build.version")).isNotBlank();
    }
}

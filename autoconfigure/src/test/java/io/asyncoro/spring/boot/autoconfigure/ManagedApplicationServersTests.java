package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.AsyncSocketServerInfo;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.boot.autoconfigure.endpoint.AsyncoroEndpoint;
import io.asyncoro.spring.boot.autoconfigure.health.AsyncoroHealthIndicator;
import io.asyncoro.spring.boot.autoconfigure.testsupport.EchoServers;
import io.asyncoro.spring.server.AsyncSocketServerFactory;
import io.asyncoro.spring.server.AsyncoroServers;
import io.asyncoro.spring.server.AsyncoroServersLifecycle;
import io.asyncoro.spring.server.SocketServerSettings;

/**
 * A server the application builds and hands to {@link AsyncoroServersLifecycle#manage} is managed as the
 * configured ones are: started with them, in health and the actuator endpoint, stopped with the context.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ManagedApplicationServersTests {

    @Test
    void anApplicationServerIsStartedListedAndStoppedWithTheContext() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
            .web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "asyncoro.servers.chat.address=127.0.0.1", "asyncoro.servers.chat.port=0",
                    "asyncoro.servers.chat.shutdown-grace-period=1s")
            .run();
        AsyncSocketServer extra = context.getBean(App.class).extra;
        try {
            assertThat(extra.isListening()).as("started with the configured servers").isTrue();
            int port = context.getEnvironment().getRequiredProperty("local.asyncoro.servers.extra.port", Integer.class);
            assertThat(port).isEqualTo(extra.localPort());
            try (AsyncSocket client = EchoServers.connect(extra)) {
                client.sendMsg(TestClients.utf8("managed"));
                assertThat(TestClients.text(client.recvMsg())).isEqualTo("managed");
            }
            AsyncoroServers servers = context.getBean(AsyncoroServers.class);
            assertThat(servers.names()).containsExactly("chat", "extra");
            assertThat(servers.find("extra")).containsSame(extra);

            AsyncoroProperties properties = context.getBean(AsyncoroProperties.class);
            Health health = new AsyncoroHealthIndicator(servers, properties).health();
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> details = (Map<String, Map<String, Object>>) health.getDetails()
                .get("servers");
            assertThat(details.get("extra")).containsEntry("state", "listening").containsEntry("port", port);
            assertThat(new AsyncoroEndpoint(servers, properties, null).asyncoro().servers().get("extra").listening())
                .isTrue();
        }
        finally {
            context.close();
        }
        assertThat(extra.isListening()).as("stopped with the context").isFalse();
        assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> EchoServers.connect(extra).close());
    }

    @Test
    void aNameAlreadyTakenIsRefused() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
            .web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "asyncoro.servers.chat.address=127.0.0.1", "asyncoro.servers.chat.port=0",
                    "asyncoro.servers.chat.shutdown-grace-period=1s")
            .run();
        try {
            AsyncSocketServer duplicate = EchoServers.echo("chat").build();
            assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> context.getBean(AsyncoroServersLifecycle.class).manage(duplicate, Duration.ZERO))
                .withMessageContaining("'chat'");
        }
        finally {
            context.close();
        }
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration(AsyncoroAutoConfiguration.class)
    static class App {

        AsyncSocketServer extra;

        @Bean
        ChatController chatController() {
            return new ChatController();
        }

        /** Builds a server in code, with the factory's observers and customizers, and hands it over. */
        @Bean
        AsyncSocketServerInfo extraServer(AsyncSocketServerFactory factory, AsyncoroServersLifecycle lifecycle)
                throws IOException {
            SocketServerSettings settings = SocketServerSettings.builder("extra")
                .address(java.net.InetAddress.getLoopbackAddress())
                .build();
            this.extra = factory.createServer(settings, EchoServers.ECHO);
            lifecycle.manage(this.extra, Duration.ofSeconds(1));
            return this.extra;
        }
    }

    @SocketController("chat")
    static class ChatController {

        @OnMessage
        String said(String text) {
            return text;
        }
    }
}

package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.annotation.ConnectionHandler;
import io.asyncoro.spring.annotation.OnDisconnect;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;

/** Each startup fault ends in a failure analysis that names it, as {@code SpringApplication} would print it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FailureAnalyzersTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class, SslAutoConfiguration.class))
        .withPropertyValues("asyncoro.servers.chat.address=127.0.0.1", "asyncoro.servers.chat.port=0");

    @Test
    void serverWithoutAPort() {
        for (String protocol : new String[] { "tcp", "udp" }) {
            FailureAnalysis analysis = analyze(new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class))
                .withUserConfiguration(ChatConfiguration.class)
                .withPropertyValues("asyncoro.servers.chat.address=127.0.0.1", "asyncoro.servers.chat.protocol=" + protocol));
            assertThat(analysis.getDescription())
                .isEqualTo("asyncoro.servers.chat.port is not set; set a port, or 0 for any free port.");
            assertThat(analysis.getAction()).contains("Set asyncoro.servers.chat.port");
        }
    }

    @Test
    void unknownKeyNamesTheNearestValidKey() {
        FailureAnalysis analysis = analyze(this.runner.withUserConfiguration(ChatConfiguration.class)
            .withPropertyValues("asyncoro.servers.chat.framin=line"));
        assertThat(analysis.getDescription()).contains("asyncoro.servers.chat.framin");
        assertThat(analysis.getAction()).contains("did you mean asyncoro.servers.chat.framing?");
    }

    @Test
    void controllerNamingAnUnconfiguredServer() {
        FailureAnalysis analysis = analyze(this.runner.withUserConfiguration(ChatConfiguration.class, TypoConfiguration.class));
        assertThat(analysis.getDescription()).contains("names server 'caht'").contains("typoController")
            .contains("configured: [chat]");
        assertThat(analysis.getAction()).contains("asyncoro.servers.caht.port");
    }

    @Test
    void configuredServerWithoutAController() {
        FailureAnalysis analysis = analyze(new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class))
            .withPropertyValues("asyncoro.servers.lonely.port=0"));
        assertThat(analysis.getDescription()).contains("Server 'lonely'").contains("no @SocketController(\"lonely\")");
        assertThat(analysis.getAction()).contains("@SocketController(\"lonely\")");
    }

    @Test
    void handlerMethodWithAnUnservableSignature() {
        FailureAnalysis analysis = analyze(this.runner.withUserConfiguration(BadSignatureConfiguration.class));
        assertThat(analysis.getDescription())
            .contains("BadSignatureController.said(String, Thread)")
            .contains("parameter 2 (Thread) cannot be supplied to an @OnMessage method");
        assertThat(analysis.getAction()).contains("@OnMessage takes one payload");
    }

    @Test
    void connectionHandlerMixedWithEventMethods() {
        FailureAnalysis analysis = analyze(this.runner.withUserConfiguration(MixedConfiguration.class));
        assertThat(analysis.getDescription()).contains("MixedController.serve(AsyncSocket)")
            .contains("cannot also have [@OnDisconnect]");
    }

    @Test
    void portInUseNamesTheServerAndThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            FailureAnalysis analysis = analyze(this.runner.withUserConfiguration(ChatConfiguration.class)
                .withPropertyValues("asyncoro.servers.chat.port=" + port));
            assertThat(analysis.getDescription()).contains("Server 'chat'").contains("port " + port)
                .contains("already in use");
            assertThat(analysis.getAction()).contains("asyncoro.servers.chat.port");
        }
    }

    @Test
    void missingSslBundle() {
        FailureAnalysis analysis = analyze(this.runner.withUserConfiguration(ChatConfiguration.class)
            .withPropertyValues("asyncoro.servers.chat.ssl.enabled=true", "asyncoro.servers.chat.ssl.bundle=nope",
                    "spring.ssl.bundle.jks.real.keystore.location=classpath:tls/server.p12",
                    "spring.ssl.bundle.jks.real.keystore.password=changeit"));
        assertThat(analysis.getDescription()).contains("SSL bundle 'nope'").contains("asyncoro.servers.chat.ssl.bundle")
            .contains("[real]");
        assertThat(analysis.getAction()).contains("spring.ssl.bundle.jks.nope");
    }

    @Test
    void unreadableKeyStoreNamesTheProperty() {
        FailureAnalysis missing = analyze(this.runner.withUserConfiguration(ChatConfiguration.class)
            .withPropertyValues("asyncoro.servers.chat.ssl.enabled=true",
                    "asyncoro.servers.chat.ssl.key-store=classpath:tls/missing.p12",
                    "asyncoro.servers.chat.ssl.key-store-password=changeit"));
        assertThat(missing.getDescription()).contains("classpath:tls/missing.p12")
            .contains("asyncoro.servers.chat.ssl.key-store");
        FailureAnalysis wrongPassword = analyze(this.runner.withUserConfiguration(ChatConfiguration.class)
            .withPropertyValues("asyncoro.servers.chat.ssl.enabled=true",
                    "asyncoro.servers.chat.ssl.key-store=classpath:tls/server.p12",
                    "asyncoro.servers.chat.ssl.key-store-password=wrong"));
        assertThat(wrongPassword.getDescription()).contains("classpath:tls/server.p12")
            .contains("asyncoro.servers.chat.ssl.key-store");
        assertThat(wrongPassword.getAction()).contains("asyncoro.servers.chat.ssl.key-store");
    }

    private static FailureAnalysis analyze(ApplicationContextRunner runner) {
        return FailureAnalysisSupport.analyzeFailedStartup(runner);
    }

    @Configuration(proxyBeanMethods = false)
    static class ChatConfiguration {

        @Bean
        ChatController chatController() {
            return new ChatController();
        }
    }

    @SocketController("chat")
    static class ChatController {

        @OnMessage
        String said(String text) {
            return text;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TypoConfiguration {

        @Bean
        TypoController typoController() {
            return new TypoController();
        }
    }

    @SocketController("caht")
    static class TypoController {

        @OnMessage
        void said(String text) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BadSignatureConfiguration {

        @Bean
        BadSignatureController badSignatureController() {
            return new BadSignatureController();
        }
    }

    @SocketController("chat")
    static class BadSignatureController {

        @OnMessage
        void said(String text, Thread thread) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MixedConfiguration {

        @Bean
        MixedController mixedController() {
            return new MixedController();
        }
    }

    @SocketController("chat")
    static class MixedController {

        @ConnectionHandler
        void serve(AsyncSocket socket) {
        }

        @OnDisconnect
        void left() {
        }
    }
}

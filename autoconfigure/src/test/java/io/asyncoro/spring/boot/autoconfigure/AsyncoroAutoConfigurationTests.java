package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.asyncoro.AsynCoro;
import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.boot.autoconfigure.annotation.OnMessage;
import io.asyncoro.spring.boot.autoconfigure.annotation.SocketController;
import io.asyncoro.spring.boot.autoconfigure.connection.ConnectionRegistry;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncoroAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class, SslAutoConfiguration.class));

    @Test
    void withoutServersProvidesTheSchedulerFactoryAndRegistries() {
        this.runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(AsynCoro.class);
            assertThat(context).hasSingleBean(AsyncSocketServerFactory.class);
            assertThat(context).hasSingleBean(ConnectionRegistry.class);
            assertThat(context).hasSingleBean(AsyncoroServers.class);
            assertThat(context.getBean(AsyncoroServers.class).names()).isEmpty();
            assertThat(context).doesNotHaveBean(java.util.concurrent.Executor.class);
        });
    }

    @Test
    void servesAConfiguredServerThroughItsController() {
        this.runner.withUserConfiguration(EchoConfiguration.class)
            .withPropertyValues("asyncoro.servers.echo.port=0", "asyncoro.servers.echo.address=127.0.0.1")
            .run(context -> {
                assertThat(context).hasNotFailed();
                AsyncoroServers servers = context.getBean(AsyncoroServers.class);
                assertThat(servers.names()).containsExactly("echo");
                assertThat(servers.find("echo")).hasValueSatisfying(s -> assertThat(s.isListening()).isTrue());
                int port = context.getEnvironment().getProperty("local.asyncoro.servers.echo.port", Integer.class);
                try (AsyncSocket client = TestClients.connect(port)) {
                    client.sendMsg(TestClients.utf8("hello"));
                    assertThat(TestClients.text(client.recvMsg())).isEqualTo("echo: hello");
                }
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class EchoConfiguration {

        @Bean
        EchoController echoController() {
            return new EchoController();
        }
    }

    @SocketController("echo")
    static class EchoController {

        @OnMessage
        String said(String text) {
            return "echo: " + text;
        }
    }
}

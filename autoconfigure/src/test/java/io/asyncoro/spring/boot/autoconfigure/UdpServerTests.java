package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.net.Datagram;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.connection.AsyncConnection;
import io.asyncoro.spring.server.AsyncoroServers;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UdpServerTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class))
        .withUserConfiguration(PingConfiguration.class)
        .withPropertyValues("asyncoro.servers.ping.protocol=udp", "asyncoro.servers.ping.port=0",
                "asyncoro.servers.ping.address=127.0.0.1");

    @Test
    void answersEachDatagramToItsSender() {
        this.runner.run(context -> {
            assertThat(context).hasNotFailed();
            int port = context.getEnvironment().getProperty("local.asyncoro.servers.ping.port", Integer.class);
            assertThat(context.getBean(AsyncoroServers.class).find("ping").orElseThrow().protocol()).isEqualTo("udp");
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
            try (AsyncSocket a = AsyncSocket.udp(new InetSocketAddress("127.0.0.1", 0));
                    AsyncSocket b = AsyncSocket.udp(new InetSocketAddress("127.0.0.1", 0))) {
                a.setTimeout(TestClients.TIMEOUT);
                b.setTimeout(TestClients.TIMEOUT);
                a.sendTo(TestClients.utf8("one"), server);
                b.sendTo(TestClients.utf8("two"), server);
                Datagram toA = a.recvFrom(1024);
                Datagram toB = b.recvFrom(1024);
                assertThat(TestClients.text(toA.data())).isEqualTo("pong one to " + a.localAddress().getPort());
                assertThat(TestClients.text(toB.data())).isEqualTo("pong two to " + b.localAddress().getPort());
                assertThat(toA.sender().getPort()).isEqualTo(port);
            }
        });
    }

    @Test
    void rejectsConnectionEventsOnAUdpServer() {
        this.runner.withUserConfiguration(BadConfiguration.class).withPropertyValues("asyncoro.servers.bad.protocol=udp")
            .run(context -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                .hasMessageContaining("UdpConnectController.joined()")
                .hasMessageContaining("@OnConnect is not available on a udp server"));
    }

    @Configuration(proxyBeanMethods = false)
    static class PingConfiguration {

        @Bean
        PingController pingController() {
            return new PingController();
        }
    }

    @SocketController("ping")
    static class PingController {

        @OnMessage
        String ping(String text, InetSocketAddress sender, AsyncConnection connection) {
            assertThat(connection.remoteAddress()).isEqualTo(sender);
            return "pong " + text + " to " + sender.getPort();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BadConfiguration {

        @Bean
        UdpConnectController udpConnectController() {
            return new UdpConnectController();
        }
    }

    @SocketController("bad")
    static class UdpConnectController {

        @io.asyncoro.spring.annotation.OnConnect
        void joined() {
        }

        @OnMessage
        void said(byte[] data) {
        }
    }
}

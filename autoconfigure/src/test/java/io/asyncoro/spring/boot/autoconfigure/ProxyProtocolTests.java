package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import io.asyncoro.net.CidrRange;
import io.asyncoro.server.AsyncSocketServer;
import io.asyncoro.server.ProxyProtocolSettings;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.boot.autoconfigure.diagnostics.InvalidAsyncoroPropertyException;
import io.asyncoro.spring.connection.AsyncConnection;
import io.asyncoro.spring.server.AsyncoroServers;

/** {@code asyncoro.servers.<name>.proxy-protocol.*}: bound, checked, and what handlers see behind a proxy. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyProtocolTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class))
        .withBean(WhoController.class)
        .withPropertyValues("asyncoro.servers.who.port=0", "asyncoro.servers.who.address=127.0.0.1",
                "asyncoro.servers.who.framing=line");

    @Test
    void theConnectionsRemoteAddressIsTheClientTheHeaderNames() {
        this.runner.withPropertyValues("asyncoro.servers.who.proxy-protocol.enabled=true",
                "asyncoro.servers.who.proxy-protocol.trusted-proxies=127.0.0.1/32, ::1",
                "asyncoro.servers.who.proxy-protocol.header-timeout=2s")
            .run(context -> {
                AsyncSocketServer server = (AsyncSocketServer) context.getBean(AsyncoroServers.class).find("who").orElseThrow();
                assertThat(server.proxyProtocol()).isEqualTo(new ProxyProtocolSettings(true,
                        java.util.List.of(CidrRange.parse("127.0.0.1/32"), CidrRange.parse("::1")),
                        Duration.ofSeconds(2)));
                try (Socket client = new Socket()) {
                    client.connect(new InetSocketAddress("127.0.0.1", port(context)), 5000);
                    client.setSoTimeout(10_000);
                    client.getOutputStream().write(
                            "PROXY TCP4 203.0.113.50 10.0.0.1 61000 443\r\nwho am i\n".getBytes(StandardCharsets.US_ASCII));
                    assertThat(readLine(client.getInputStream())).isEqualTo("/203.0.113.50:61000 asked: who am i");
                }
            });
    }

    @Test
    void disabledByDefault() {
        this.runner.run(context -> {
            AsyncSocketServer server = (AsyncSocketServer) context.getBean(AsyncoroServers.class).find("who").orElseThrow();
            assertThat(server.proxyProtocol().enabled()).isFalse();
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress("127.0.0.1", port(context)), 5000);
                client.setSoTimeout(10_000);
                client.getOutputStream().write("direct\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(readLine(client.getInputStream()))
                    .isEqualTo("/127.0.0.1:" + client.getLocalPort() + " asked: direct");
            }
        });
    }

    @Test
    void aBadTrustedProxyEntryFailsStartupNamingThePropertyAndTheEntry() {
        this.runner.withPropertyValues("asyncoro.servers.who.proxy-protocol.enabled=true",
                "asyncoro.servers.who.proxy-protocol.trusted-proxies=10.0.0.0/8, 10.0.0.0/33")
            .run(context -> assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(InvalidAsyncoroPropertyException.class)
                .hasMessageContaining("asyncoro.servers.who.proxy-protocol.trusted-proxies[1]")
                .hasMessageContaining("10.0.0.0/33"));
    }

    @Test
    void aZeroHeaderTimeoutFailsStartupNamingTheProperty() {
        this.runner.withPropertyValues("asyncoro.servers.who.proxy-protocol.enabled=true",
                "asyncoro.servers.who.proxy-protocol.header-timeout=0s")
            .run(context -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("asyncoro.servers.who.proxy-protocol.header-timeout"));
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.append((char) b);
        }
        return line.toString();
    }

    private static int port(ApplicationContext context) {
        return context.getEnvironment().getProperty("local.asyncoro.servers.who.port", Integer.class);
    }

    @SocketController("who")
    static class WhoController {

        @OnMessage
        String who(String text, AsyncConnection connection) {
            return connection.remoteAddress() + " asked: " + text;
        }
    }
}

package io.asyncoro.spring.boot.autoconfigure.client;

import static io.asyncoro.spring.boot.autoconfigure.client.ClientServerRunners.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.client.AsyncoroClientException;
import io.asyncoro.spring.client.AsyncoroClientTemplate;
import io.netty.handler.ssl.OpenSsl;

/**
 * {@code asyncoro.clients.<name>.ssl.provider=openssl}: the client verifies the server (trust and host name)
 * with its bundle's trust material over OpenSSL, against a server that serves OpenSSL too.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpenSslClientTests {

    @BeforeEach
    void requireOpenSsl() {
        Assumptions.assumeTrue(OpenSsl.isAvailable(),
                () -> "netty-tcnative's OpenSSL is not available here: " + OpenSsl.unavailabilityCause());
    }

    @Test
    void anOpenSslClientTalksToAnOpenSslServer() {
        openSslServer("server").run(server -> openSslCaller(server).run(client -> {
            assertThat(template(client).request("secret", String.class, TIMEOUT)).isEqualTo("SECRET");
            // The provider really is OpenSSL on the client's side: its session is Netty's, not the JDK's.
            try (AsyncSocket socket = template(client).connect()) {
                assertThat(socket.tlsSession().orElseThrow().getClass().getName()).startsWith("io.netty.handler.ssl.");
            }
        }));
    }

    @Test
    void anOpenSslClientRefusesACertificateForAnotherHost() {
        openSslServer("wronghost").run(server -> openSslCaller(server).run(client -> {
            assertThatThrownBy(() -> template(client).request("secret", String.class, TIMEOUT))
                .isInstanceOf(AsyncoroClientException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class);
        }));
    }

    private static ApplicationContextRunner openSslServer(String keyStore) {
        return ClientServerRunners.tlsServer(keyStore).withPropertyValues("asyncoro.servers.upper.ssl.provider=openssl");
    }

    private static ApplicationContextRunner openSslCaller(ConfigurableApplicationContext server) {
        return ClientServerRunners.tlsCaller(server).withPropertyValues("asyncoro.clients.upper.ssl.provider=openssl");
    }

    private static AsyncoroClientTemplate template(ConfigurableApplicationContext client) {
        return client.getBean(ClientServerRunners.Caller.class).upper;
    }
}

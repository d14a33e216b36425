package io.asyncoro.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.asyncoro.net.AsyncSocket;
import io.asyncoro.spring.annotation.OnMessage;
import io.asyncoro.spring.annotation.SocketController;
import io.asyncoro.spring.server.AsyncoroServers;

/**
 * Whether a server speaks TLS follows Boot's {@code server.ssl}: naming key material turns it on unless
 * {@code ssl.enabled=false} says otherwise, and that contradiction is logged.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerTlsActivationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AsyncoroAutoConfiguration.class, SslAutoConfiguration.class))
        .withUserConfiguration(EchoConfiguration.class)
        .withPropertyValues("asyncoro.servers.echo.address=127.0.0.1", "asyncoro.servers.echo.port=0",
                "spring.ssl.bundle.jks.echo-tls.keystore.location=classpath:tls/server.p12",
                "spring.ssl.bundle.jks.echo-tls.keystore.password=changeit");

    @Test
    void aNamedBundleTurnsTlsOnWhenEnabledIsUnset() {
        this.runner.withPropertyValues("asyncoro.servers.echo.ssl.bundle=echo-tls").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(AsyncoroServers.class).find("echo").orElseThrow().isTls()).isTrue();
            try (AsyncSocket client = TestClients.connectTls(port(context.getEnvironment()))) {
                client.sendMsg(TestClients.utf8("secret"));
                assertThat(TestClients.text(client.recvMsg())).isEqualTo("secret");
            }
        });
    }

    @Test
    void aNamedKeyStoreTurnsTlsOnWhenEnabledIsUnset() {
        this.runner.withPropertyValues("asyncoro.servers.echo.ssl.key-store=classpath:tls/server.p12",
                "asyncoro.servers.echo.ssl.key-store-password=changeit").run(context -> {
            assertThat(context).hasNotFailed();
            try (AsyncSocket client = TestClients.connectTls(port(context.getEnvironment()))) {
                client.sendMsg(TestClients.utf8("hi"));
                assertThat(TestClients.text(client.recvMsg())).isEqualTo("hi");
            }
        });
    }

    @Test
    void enabledFalseWithKeyMaterialServesPlainTcpAndWarnsOnce(CapturedOutput output) {
        this.runner.withPropertyValues("asyncoro.servers.echo.ssl.bundle=echo-tls",
                "asyncoro.servers.echo.ssl.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            try (AsyncSocket client = TestClients.connect(port(context.getEnvironment()))) {
                client.sendMsg(TestClients.utf8("plain"));
                assertThat(TestClients.text(client.recvMsg())).isEqualTo("plain");
            }
        });
        String warning = "[echo] serves plain TCP: asyncoro.servers.echo.ssl.enabled is false although "
                + "asyncoro.servers.echo.ssl.bundle is set";
        assertThat(output.getOut().split(java.util.regex.Pattern.quote(warning), -1)).hasSize(2);
    }

    @Test
    void noKeyMaterialAndNoEnabledServesPlainTcpWithoutWarning(CapturedOutput output) {
        this.runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(AsyncoroServers.class).find("echo").orElseThrow().isTls()).isFalse();
        });
        assertThat(output.getOut()).doesNotContain("serves plain TCP");
    }

    static int port(Environment environment) {
        return environment.getRequiredProperty("local.asyncoro.servers.echo.port", Integer.class);
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
        byte[] echo(byte[] payload) {
            return payload;
        }
    }
}
